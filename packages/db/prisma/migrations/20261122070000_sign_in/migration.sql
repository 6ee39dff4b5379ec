-- CreateTable
CREATE TABLE "SignInNonce" (
    "nonce" TEXT NOT NULL,
    "issuedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "consumedAt" TIMESTAMP(3),
    "account" TEXT,

    CONSTRAINT "SignInNonce_pkey" PRIMARY KEY ("nonce")
);

-- CreateIndex
CREATE INDEX "SignInNonce_expiresAt_idx" ON "SignInNonce"("expiresAt");
