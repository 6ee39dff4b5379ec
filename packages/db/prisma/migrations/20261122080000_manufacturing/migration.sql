-- CreateTable
CREATE TABLE "BatchRegistration" (
    "id" TEXT NOT NULL,
    "manufacturerAccount" TEXT NOT NULL,
    "batchId" TEXT NOT NULL,
    "gtin" TEXT NOT NULL,
    "lot" TEXT NOT NULL,
    "expiry" TEXT NOT NULL,
    "packCount" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "stage" TEXT,
    "progress" INTEGER NOT NULL DEFAULT 0,
    "packsRoot" TEXT,
    "expiresAt" BIGINT,
    "txHash" TEXT,
    "error" TEXT,
    "linkBase" TEXT NOT NULL,
    "workerId" TEXT,
    "heartbeatAt" TIMESTAMP(3),
    "printFilesDeletedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BatchRegistration_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "BatchRegistration_batchId_key" ON "BatchRegistration"("batchId");

-- CreateIndex
CREATE INDEX "BatchRegistration_manufacturerAccount_status_idx" ON "BatchRegistration"("manufacturerAccount", "status");
