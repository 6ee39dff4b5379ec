-- CreateTable
CREATE TABLE "ConsumerScan" (
    "id" BIGSERIAL NOT NULL,
    "batchId" TEXT,
    "serial" TEXT,
    "verdict" TEXT NOT NULL,
    "region" TEXT,
    "clientHash" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ConsumerScan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ClaimRequest" (
    "batchId" TEXT NOT NULL,
    "leafIndex" INTEGER NOT NULL,
    "commitment" TEXT NOT NULL,
    "region" TEXT,
    "requestedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "txHash" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ClaimRequest_pkey" PRIMARY KEY ("batchId","leafIndex")
);

-- CreateTable
CREATE TABLE "PackFlag" (
    "batchId" TEXT NOT NULL,
    "serial" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 1,
    "firstAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PackFlag_pkey" PRIMARY KEY ("batchId","serial","reason")
);

-- CreateIndex
CREATE INDEX "ConsumerScan_batchId_serial_createdAt_idx" ON "ConsumerScan"("batchId", "serial", "createdAt");

-- CreateIndex
CREATE INDEX "ConsumerScan_verdict_createdAt_idx" ON "ConsumerScan"("verdict", "createdAt");

-- CreateIndex
CREATE INDEX "ClaimRequest_status_requestedAt_idx" ON "ClaimRequest"("status", "requestedAt");

-- CreateIndex
CREATE INDEX "PackFlag_lastAt_idx" ON "PackFlag"("lastAt");
