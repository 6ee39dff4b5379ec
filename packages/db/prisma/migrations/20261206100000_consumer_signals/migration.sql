-- A scanned code whose printed expiry or lot disagrees with the ledger is a verdict of its own, recorded as a
-- scan and flagged for the manufacturer; a pack locked by wrong PINs is flagged too, so its manufacturer sees it.

-- AlterEnum
ALTER TYPE "ScanVerdict" ADD VALUE 'code_mismatch';

-- AlterEnum
ALTER TYPE "FlagReason" ADD VALUE 'code_mismatch';

-- AlterEnum
ALTER TYPE "FlagReason" ADD VALUE 'locked';
