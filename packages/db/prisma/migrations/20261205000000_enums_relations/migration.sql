-- Statuses become enums (the same spellings, so every stored row casts as it is) and rows that reference
-- each other get foreign keys where the indexer's write order guarantees the referenced row first.

-- CreateEnum
CREATE TYPE "BatchStatus" AS ENUM ('active', 'quarantined', 'recalled');

-- CreateEnum
CREATE TYPE "ShipmentStatus" AS ENUM ('in_transit', 'received', 'voided');

-- CreateEnum
CREATE TYPE "LedgerEventName" AS ENUM ('BatchCommissioned', 'BatchQuarantined', 'BatchRecalled', 'BatchReleased', 'BatchShipped', 'OrganisationOnboarded', 'OrganisationPrefixesSet', 'OrganisationReinstated', 'OrganisationSuspended', 'OrganisationUpdated', 'PacksClaimed', 'PacksDispenseUndone', 'PacksDispensed', 'ShipmentReceived', 'ShipmentVoided', 'StockDestroyed');

-- CreateEnum
CREATE TYPE "BizStep" AS ENUM ('commissioning', 'shipping', 'receiving', 'void_shipping', 'destroying', 'dispensing', 'holding');

-- CreateEnum
CREATE TYPE "RegistrationStatus" AS ENUM ('generating', 'ready_to_sign', 'submitted', 'registered', 'failed');

-- CreateEnum
CREATE TYPE "RegistrationStage" AS ENUM ('codes', 'records', 'csv', 'sheets', 'rolls');

-- CreateEnum
CREATE TYPE "ScanVerdict" AS ENUM ('genuine', 'already_verified', 'dispensed', 'recalled', 'quarantined', 'expired', 'unconfirmed', 'unknown', 'pin_mismatch', 'locked');

-- CreateEnum
CREATE TYPE "ClaimStatus" AS ENUM ('pending', 'submitted', 'confirmed');

-- CreateEnum
CREATE TYPE "FlagReason" AS ENUM ('wrong_pins', 'consumer_report', 'verified_far_away');

-- CreateEnum
CREATE TYPE "ReportCategory" AS ENUM ('wrong_verdict', 'damaged_seal', 'looks_different', 'wrong_pin', 'already_used', 'other');

-- CreateEnum
CREATE TYPE "ReportStatus" AS ENUM ('open', 'reviewed');

-- AlterTable (existing rows cast in place)
ALTER TABLE "Batch" ALTER COLUMN "status" TYPE "BatchStatus" USING ("status"::"BatchStatus");

-- AlterTable
ALTER TABLE "Shipment" ALTER COLUMN "status" TYPE "ShipmentStatus" USING ("status"::"ShipmentStatus");

-- AlterTable
ALTER TABLE "CustodyEvent" ALTER COLUMN "eventName" TYPE "LedgerEventName" USING ("eventName"::"LedgerEventName"),
ALTER COLUMN "bizStep" TYPE "BizStep" USING ("bizStep"::"BizStep");

-- AlterTable
ALTER TABLE "BatchRegistration" ALTER COLUMN "status" TYPE "RegistrationStatus" USING ("status"::"RegistrationStatus"),
ALTER COLUMN "stage" TYPE "RegistrationStage" USING ("stage"::"RegistrationStage");

-- AlterTable
ALTER TABLE "ConsumerScan" ALTER COLUMN "verdict" TYPE "ScanVerdict" USING ("verdict"::"ScanVerdict");

-- AlterTable
ALTER TABLE "ClaimRequest" ALTER COLUMN "status" DROP DEFAULT,
ALTER COLUMN "status" TYPE "ClaimStatus" USING ("status"::"ClaimStatus"),
ALTER COLUMN "status" SET DEFAULT 'pending';

-- AlterTable
ALTER TABLE "PackFlag" ALTER COLUMN "reason" TYPE "FlagReason" USING ("reason"::"FlagReason");

-- AlterTable
ALTER TABLE "ConsumerReport" ALTER COLUMN "category" TYPE "ReportCategory" USING ("category"::"ReportCategory"),
ALTER COLUMN "status" DROP DEFAULT,
ALTER COLUMN "status" TYPE "ReportStatus" USING ("status"::"ReportStatus"),
ALTER COLUMN "status" SET DEFAULT 'open';

-- AddForeignKey (NOT VALID: rows an earlier version projected for a batch it lacked stay as they are;
-- every row written from now on is checked)
ALTER TABLE "Shipment" ADD CONSTRAINT "Shipment_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "Batch"("id") ON DELETE CASCADE ON UPDATE CASCADE NOT VALID;

-- AddForeignKey
ALTER TABLE "Holding" ADD CONSTRAINT "Holding_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "Batch"("id") ON DELETE CASCADE ON UPDATE CASCADE NOT VALID;

-- AddForeignKey
ALTER TABLE "ClaimRequest" ADD CONSTRAINT "ClaimRequest_batchId_leafIndex_fkey" FOREIGN KEY ("batchId", "leafIndex") REFERENCES "Pack"("batchId", "leafIndex") ON DELETE CASCADE ON UPDATE CASCADE NOT VALID;

-- A registration used to be closed when its page was read; the indexer closes it now, when it projects
-- the batch. Close those whose batch is already here, as the page would have.
UPDATE "BatchRegistration" r
   SET "status" = CASE WHEN lower(b."manufacturerAccount") = r."manufacturerAccount"
                       THEN 'registered' ELSE 'failed' END::"RegistrationStatus",
       "txHash" = CASE WHEN lower(b."manufacturerAccount") = r."manufacturerAccount"
                       THEN COALESCE(r."txHash", b."registeredTx") ELSE r."txHash" END,
       "error" = CASE WHEN lower(b."manufacturerAccount") = r."manufacturerAccount" THEN r."error"
                      ELSE 'Lot ' || r."lot" || ' was registered on the ledger by another account (' ||
                           b."manufacturerAccount" || '); its labels must not be used. Contact the regulator.' END,
       "updatedAt" = (now() AT TIME ZONE 'UTC')
  FROM "Batch" b
 WHERE b."id" = r."batchId" AND r."status" IN ('ready_to_sign', 'submitted');
