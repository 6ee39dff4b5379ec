-- CreateTable
CREATE TABLE "Organisation" (
    "account" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "roles" INTEGER NOT NULL,
    "gln" TEXT NOT NULL,
    "country" TEXT NOT NULL,
    "suspended" BOOLEAN NOT NULL DEFAULT false,
    "onboardedAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Organisation_pkey" PRIMARY KEY ("account")
);

-- CreateTable
CREATE TABLE "Product" (
    "gtin" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "strength" TEXT NOT NULL,
    "dosageForm" TEXT NOT NULL,
    "packSize" TEXT NOT NULL,
    "manufacturerAccount" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Product_pkey" PRIMARY KEY ("gtin")
);

-- CreateTable
CREATE TABLE "Batch" (
    "id" TEXT NOT NULL,
    "gtin" TEXT NOT NULL,
    "lot" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "packCount" INTEGER NOT NULL,
    "packsRoot" TEXT NOT NULL,
    "manufacturerAccount" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "statusReason" TEXT,
    "statusChangedAt" TIMESTAMP(3),
    "registeredAt" TIMESTAMP(3) NOT NULL,
    "registeredBlock" BIGINT NOT NULL,
    "registeredTx" TEXT NOT NULL,

    CONSTRAINT "Batch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Shipment" (
    "id" TEXT NOT NULL,
    "batchId" TEXT NOT NULL,
    "fromAccount" TEXT NOT NULL,
    "toAccount" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "ref" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "received" INTEGER,
    "shortfall" INTEGER,
    "shippedAt" TIMESTAMP(3) NOT NULL,
    "shippedBlock" BIGINT NOT NULL,
    "shippedTx" TEXT NOT NULL,
    "closedAt" TIMESTAMP(3),
    "closedBlock" BIGINT,
    "closedTx" TEXT,

    CONSTRAINT "Shipment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CustodyEvent" (
    "id" TEXT NOT NULL,
    "blockNumber" BIGINT NOT NULL,
    "blockHash" TEXT NOT NULL,
    "logIndex" INTEGER NOT NULL,
    "txHash" TEXT NOT NULL,
    "eventName" TEXT NOT NULL,
    "bizStep" TEXT,
    "batchId" TEXT,
    "shipmentId" TEXT,
    "actor" TEXT,
    "args" JSONB NOT NULL,
    "occurredAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CustodyEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Pack" (
    "batchId" TEXT NOT NULL,
    "leafIndex" INTEGER NOT NULL,
    "serial" TEXT NOT NULL,
    "commitment" TEXT NOT NULL,
    "claimedAt" TIMESTAMP(3),
    "claimTx" TEXT,
    "dispensedAt" TIMESTAMP(3),
    "dispensedBy" TEXT,
    "dispenseTx" TEXT,

    CONSTRAINT "Pack_pkey" PRIMARY KEY ("batchId","leafIndex")
);

-- CreateTable
CREATE TABLE "Holding" (
    "batchId" TEXT NOT NULL,
    "account" TEXT NOT NULL,
    "held" INTEGER NOT NULL DEFAULT 0,
    "dispensed" INTEGER NOT NULL DEFAULT 0,
    "writtenOff" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "Holding_pkey" PRIMARY KEY ("batchId","account")
);

-- CreateTable
CREATE TABLE "PackSet" (
    "batchId" TEXT NOT NULL,
    "gtin" TEXT NOT NULL,
    "lot" TEXT NOT NULL,
    "expiry" TEXT NOT NULL,
    "packCount" INTEGER NOT NULL,
    "serialLength" INTEGER NOT NULL,
    "keyFingerprint" TEXT NOT NULL,
    "manufacturerAccount" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PackSet_pkey" PRIMARY KEY ("batchId")
);

-- CreateTable
CREATE TABLE "IndexerCursor" (
    "ledger" TEXT NOT NULL,
    "lastBlock" BIGINT NOT NULL,
    "lastHash" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "IndexerCursor_pkey" PRIMARY KEY ("ledger")
);

-- CreateTable
CREATE TABLE "IndexedBlock" (
    "ledger" TEXT NOT NULL,
    "number" BIGINT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "IndexedBlock_pkey" PRIMARY KEY ("ledger","number")
);

-- CreateTable
CREATE TABLE "IndexerLease" (
    "ledger" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "IndexerLease_pkey" PRIMARY KEY ("ledger")
);

-- CreateIndex
CREATE INDEX "Product_manufacturerAccount_idx" ON "Product"("manufacturerAccount");

-- CreateIndex
CREATE INDEX "Batch_manufacturerAccount_idx" ON "Batch"("manufacturerAccount");

-- CreateIndex
CREATE INDEX "Batch_status_idx" ON "Batch"("status");

-- CreateIndex
CREATE UNIQUE INDEX "Batch_gtin_lot_key" ON "Batch"("gtin", "lot");

-- CreateIndex
CREATE INDEX "Shipment_batchId_idx" ON "Shipment"("batchId");

-- CreateIndex
CREATE INDEX "Shipment_toAccount_status_idx" ON "Shipment"("toAccount", "status");

-- CreateIndex
CREATE INDEX "Shipment_fromAccount_idx" ON "Shipment"("fromAccount");

-- CreateIndex
CREATE INDEX "CustodyEvent_batchId_blockNumber_logIndex_idx" ON "CustodyEvent"("batchId", "blockNumber", "logIndex");

-- CreateIndex
CREATE INDEX "CustodyEvent_blockNumber_idx" ON "CustodyEvent"("blockNumber");

-- CreateIndex
CREATE INDEX "Holding_account_idx" ON "Holding"("account");

-- CreateIndex
CREATE UNIQUE INDEX "PackSet_gtin_lot_key" ON "PackSet"("gtin", "lot");

-- CreateIndex
CREATE UNIQUE INDEX "Pack_batchId_serial_key" ON "Pack"("batchId", "serial");
