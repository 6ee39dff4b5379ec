-- CreateTable
CREATE TABLE "ConsumerReport" (
    "id" BIGSERIAL NOT NULL,
    "batchId" TEXT,
    "gtin" TEXT NOT NULL,
    "lot" TEXT NOT NULL,
    "serial" TEXT NOT NULL,
    "manufacturerAccount" TEXT,
    "category" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "contact" TEXT,
    "region" TEXT,
    "clientHash" TEXT,
    "status" TEXT NOT NULL DEFAULT 'open',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ConsumerReport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ConsumerReport_manufacturerAccount_createdAt_idx" ON "ConsumerReport"("manufacturerAccount", "createdAt");

-- CreateIndex
CREATE INDEX "ConsumerReport_clientHash_createdAt_idx" ON "ConsumerReport"("clientHash", "createdAt");

-- CreateIndex
CREATE INDEX "ConsumerReport_createdAt_idx" ON "ConsumerReport"("createdAt");
