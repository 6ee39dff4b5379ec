-- Cases and pallets (issue 15): logistic units packed on the LogisticUnits contract, the packs put directly into
-- each, and the contract's three events in the audit trail with the CBV steps packing and unpacking.

-- AlterEnum
ALTER TYPE "LedgerEventName" ADD VALUE 'UnitPacked';
ALTER TYPE "LedgerEventName" ADD VALUE 'UnitUnpacked';
ALTER TYPE "LedgerEventName" ADD VALUE 'UnitTakenOver';

-- AlterEnum
ALTER TYPE "BizStep" ADD VALUE 'packing';
ALTER TYPE "BizStep" ADD VALUE 'unpacking';

-- CreateEnum
CREATE TYPE "UnitStatus" AS ENUM ('packed', 'opened');

-- CreateTable
CREATE TABLE "LogisticUnit" (
    "sscc" TEXT NOT NULL,
    "organisation" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "contentsRoot" TEXT NOT NULL,
    "packs" INTEGER NOT NULL,
    "status" "UnitStatus" NOT NULL,
    "parentSscc" TEXT,
    "packedAt" TIMESTAMP(3) NOT NULL,
    "packedBlock" BIGINT NOT NULL,
    "packedTx" TEXT NOT NULL,
    "packedBy" TEXT NOT NULL,
    "openedAt" TIMESTAMP(3),
    "openedBlock" BIGINT,
    "openedBy" TEXT,

    CONSTRAINT "LogisticUnit_pkey" PRIMARY KEY ("sscc")
);

-- CreateTable
CREATE TABLE "LogisticUnitPack" (
    "sscc" TEXT NOT NULL,
    "batchId" TEXT NOT NULL,
    "packIndex" INTEGER NOT NULL,

    CONSTRAINT "LogisticUnitPack_pkey" PRIMARY KEY ("sscc","batchId","packIndex")
);

-- CreateIndex
CREATE INDEX "LogisticUnit_holder_status_idx" ON "LogisticUnit"("holder", "status");

-- CreateIndex
CREATE INDEX "LogisticUnit_parentSscc_idx" ON "LogisticUnit"("parentSscc");

-- CreateIndex
CREATE INDEX "LogisticUnit_organisation_idx" ON "LogisticUnit"("organisation");

-- CreateIndex
CREATE INDEX "LogisticUnitPack_batchId_packIndex_idx" ON "LogisticUnitPack"("batchId", "packIndex");

-- AddForeignKey
ALTER TABLE "LogisticUnitPack" ADD CONSTRAINT "LogisticUnitPack_sscc_fkey" FOREIGN KEY ("sscc") REFERENCES "LogisticUnit"("sscc") ON DELETE CASCADE ON UPDATE CASCADE;
