-- EPCIS 2.0 capture (issue 15): capture jobs, their events (idempotent by CBV event hash per organisation) and
-- named queries.

-- CreateEnum
CREATE TYPE "EpcisEventStatus" AS ENUM ('pending', 'recorded', 'written', 'refused');

-- CreateTable
CREATE TABLE "EpcisCaptureJob" (
    "id" TEXT NOT NULL,
    "organisation" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "member" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "captureErrorBehaviour" TEXT NOT NULL,
    "running" BOOLEAN NOT NULL DEFAULT true,
    "success" BOOLEAN,
    "errors" JSONB NOT NULL DEFAULT '[]',
    "total" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "EpcisCaptureJob_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EpcisEvent" (
    "id" TEXT NOT NULL,
    "jobId" TEXT NOT NULL,
    "index" INTEGER NOT NULL,
    "organisation" TEXT NOT NULL,
    "eventHash" TEXT NOT NULL,
    "eventId" TEXT,
    "eventType" TEXT NOT NULL,
    "eventTime" TIMESTAMP(3) NOT NULL,
    "recordTime" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "bizStep" TEXT,
    "action" TEXT,
    "body" JSONB NOT NULL,
    "status" "EpcisEventStatus" NOT NULL DEFAULT 'pending',
    "txHash" TEXT,
    "errorCode" TEXT,
    "errorMessage" TEXT,

    CONSTRAINT "EpcisEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EpcisNamedQuery" (
    "organisation" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "query" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EpcisNamedQuery_pkey" PRIMARY KEY ("organisation","name")
);

-- CreateIndex
CREATE INDEX "EpcisCaptureJob_running_createdAt_idx" ON "EpcisCaptureJob"("running", "createdAt");

-- CreateIndex
CREATE INDEX "EpcisCaptureJob_organisation_createdAt_idx" ON "EpcisCaptureJob"("organisation", "createdAt");

-- CreateIndex
CREATE INDEX "EpcisEvent_jobId_index_idx" ON "EpcisEvent"("jobId", "index");

-- CreateIndex
CREATE INDEX "EpcisEvent_organisation_eventTime_idx" ON "EpcisEvent"("organisation", "eventTime");

-- CreateIndex
CREATE UNIQUE INDEX "EpcisEvent_organisation_eventHash_key" ON "EpcisEvent"("organisation", "eventHash");

-- AddForeignKey
ALTER TABLE "EpcisEvent" ADD CONSTRAINT "EpcisEvent_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "EpcisCaptureJob"("id") ON DELETE CASCADE ON UPDATE CASCADE;
