-- AlterTable
ALTER TABLE "Organisation" ADD COLUMN     "companyPrefixes" TEXT[] DEFAULT ARRAY[]::TEXT[];
