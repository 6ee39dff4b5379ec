-- The consumer's language (issue 16): product master data in English and Chinese with the approval
-- number, organisation names in Chinese, and patient leaflets per product and language.

-- AlterTable
ALTER TABLE "Product" ADD COLUMN "nameZh" TEXT,
ADD COLUMN "brand" TEXT,
ADD COLUMN "brandZh" TEXT,
ADD COLUMN "dosageFormZh" TEXT,
ADD COLUMN "packSizeZh" TEXT,
ADD COLUMN "approvalNumber" TEXT;

-- CreateTable
CREATE TABLE "OrganisationProfile" (
    "account" TEXT NOT NULL,
    "nameZh" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedBy" TEXT NOT NULL,

    CONSTRAINT "OrganisationProfile_pkey" PRIMARY KEY ("account")
);

-- CreateTable
CREATE TABLE "ProductLeaflet" (
    "gtin" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "url" TEXT,
    "file" BYTEA,
    "fileName" TEXT,
    "sha256" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedBy" TEXT NOT NULL,

    CONSTRAINT "ProductLeaflet_pkey" PRIMARY KEY ("gtin","locale")
);

-- AddForeignKey
ALTER TABLE "ProductLeaflet" ADD CONSTRAINT "ProductLeaflet_gtin_fkey" FOREIGN KEY ("gtin") REFERENCES "Product"("gtin") ON DELETE CASCADE ON UPDATE CASCADE;
