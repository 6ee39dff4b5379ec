-- Serial import (issue 15): a manufacturer's own serial numbers for a batch registration, kept until its codes
-- are generated.

-- CreateTable
CREATE TABLE "RegistrationSerials" (
    "batchId" TEXT NOT NULL,
    "serials" TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RegistrationSerials_pkey" PRIMARY KEY ("batchId")
);
