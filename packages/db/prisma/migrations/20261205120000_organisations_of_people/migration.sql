-- Organisations of people (issue 13): members holding keys, refusals and contested cancellations of
-- shipments, the member who signed each event, and the regulator council's operations.

-- AlterEnum (new values are not used in this transaction, as PostgreSQL requires)
ALTER TYPE "ShipmentStatus" ADD VALUE 'refused';
ALTER TYPE "ShipmentStatus" ADD VALUE 'cancel_requested';

-- AlterEnum
ALTER TYPE "LedgerEventName" ADD VALUE 'MemberAdded';
ALTER TYPE "LedgerEventName" ADD VALUE 'MemberPermissionsSet';
ALTER TYPE "LedgerEventName" ADD VALUE 'MemberRemoved';
ALTER TYPE "LedgerEventName" ADD VALUE 'ShipmentRefused';
ALTER TYPE "LedgerEventName" ADD VALUE 'ShipmentCancelRequested';
ALTER TYPE "LedgerEventName" ADD VALUE 'OperationScheduled';
ALTER TYPE "LedgerEventName" ADD VALUE 'OperationExecuted';
ALTER TYPE "LedgerEventName" ADD VALUE 'OperationCanceled';
ALTER TYPE "LedgerEventName" ADD VALUE 'Initialized';
ALTER TYPE "LedgerEventName" ADD VALUE 'Upgraded';
ALTER TYPE "LedgerEventName" ADD VALUE 'ProposalApproved';
ALTER TYPE "LedgerEventName" ADD VALUE 'ProposalExecuted';

-- CreateEnum
CREATE TYPE "CouncilOperationStatus" AS ENUM ('scheduled', 'executed', 'cancelled');

-- AlterTable
ALTER TABLE "Shipment" ADD COLUMN "shippedBy" TEXT,
ADD COLUMN "cancelRequestedAt" TIMESTAMP(3),
ADD COLUMN "cancelRequestedBy" TEXT,
ADD COLUMN "closedBy" TEXT;

-- AlterTable
ALTER TABLE "CustodyEvent" ADD COLUMN "by" TEXT;

-- AlterTable
ALTER TABLE "Pack" ADD COLUMN "dispenseSignedBy" TEXT;

-- CreateTable
CREATE TABLE "Member" (
    "account" TEXT NOT NULL,
    "organisation" TEXT NOT NULL,
    "permissions" INTEGER NOT NULL,
    "addedBlock" BIGINT,
    "addedTx" TEXT,
    "addedBy" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Member_pkey" PRIMARY KEY ("account")
);

-- CreateTable
CREATE TABLE "CouncilOperation" (
    "id" TEXT NOT NULL,
    "nonce" INTEGER NOT NULL,
    "caller" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "data" TEXT NOT NULL,
    "selector" TEXT NOT NULL,
    "schedule" TIMESTAMP(3) NOT NULL,
    "status" "CouncilOperationStatus" NOT NULL,
    "scheduledAt" TIMESTAMP(3) NOT NULL,
    "scheduledBlock" BIGINT NOT NULL,
    "scheduledTx" TEXT NOT NULL,
    "closedAt" TIMESTAMP(3),
    "closedBlock" BIGINT,
    "closedTx" TEXT,
    "closedBy" TEXT,
    "executedByQuorum" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "CouncilOperation_pkey" PRIMARY KEY ("id","nonce")
);

-- CreateTable
CREATE TABLE "CouncilApproval" (
    "operationId" TEXT NOT NULL,
    "nonce" INTEGER NOT NULL,
    "approver" TEXT NOT NULL,
    "approvedAt" TIMESTAMP(3) NOT NULL,
    "tx" TEXT NOT NULL,

    CONSTRAINT "CouncilApproval_pkey" PRIMARY KEY ("operationId","nonce","approver")
);

-- CreateIndex
CREATE INDEX "Member_organisation_idx" ON "Member"("organisation");

-- CreateIndex
CREATE INDEX "CouncilOperation_status_schedule_idx" ON "CouncilOperation"("status", "schedule");
