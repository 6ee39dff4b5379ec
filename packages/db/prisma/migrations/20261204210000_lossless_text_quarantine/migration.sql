-- AlterTable
ALTER TABLE "Batch" ADD COLUMN     "lotRaw" BYTEA,
ADD COLUMN     "statusReasonRaw" BYTEA;

-- AlterTable
ALTER TABLE "CustodyEvent" ADD COLUMN     "rawArgs" JSONB;

-- AlterTable
ALTER TABLE "Organisation" ADD COLUMN     "nameRaw" BYTEA;

-- CreateTable
CREATE TABLE "QuarantinedEvent" (
    "id" TEXT NOT NULL,
    "ledger" TEXT NOT NULL,
    "blockNumber" BIGINT NOT NULL,
    "blockHash" TEXT NOT NULL,
    "logIndex" INTEGER NOT NULL,
    "txHash" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "topics" TEXT[],
    "data" BYTEA NOT NULL,
    "eventName" TEXT,
    "batchId" TEXT,
    "error" TEXT NOT NULL,
    "firstSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "QuarantinedEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "QuarantinedEvent_ledger_blockNumber_idx" ON "QuarantinedEvent"("ledger", "blockNumber");

-- CreateIndex
CREATE INDEX "QuarantinedEvent_batchId_idx" ON "QuarantinedEvent"("batchId");
