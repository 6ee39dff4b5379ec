-- Staff passkeys (issue 14): invitations (only the token's hash), enrolled passkeys (public keys only) and
-- one-use WebAuthn challenges.

-- CreateEnum
CREATE TYPE "PasskeyCeremony" AS ENUM ('enrol', 'signIn');

-- CreateTable
CREATE TABLE "Passkey" (
    "credentialId" TEXT NOT NULL,
    "member" TEXT NOT NULL,
    "organisation" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "permissions" INTEGER NOT NULL,
    "publicKeyX" TEXT NOT NULL,
    "publicKeyY" TEXT NOT NULL,
    "signCount" BIGINT NOT NULL DEFAULT 0,
    "transports" TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),

    CONSTRAINT "Passkey_pkey" PRIMARY KEY ("credentialId")
);

-- CreateTable
CREATE TABLE "Invitation" (
    "id" TEXT NOT NULL,
    "organisation" TEXT NOT NULL,
    "permissions" INTEGER NOT NULL,
    "label" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "member" TEXT,

    CONSTRAINT "Invitation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PasskeyChallenge" (
    "challenge" TEXT NOT NULL,
    "ceremony" "PasskeyCeremony" NOT NULL,
    "invitationId" TEXT,
    "issuedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "consumedAt" TIMESTAMP(3),

    CONSTRAINT "PasskeyChallenge_pkey" PRIMARY KEY ("challenge")
);

-- CreateIndex
CREATE UNIQUE INDEX "Passkey_member_key" ON "Passkey"("member");

-- CreateIndex
CREATE INDEX "Passkey_organisation_idx" ON "Passkey"("organisation");

-- CreateIndex
CREATE UNIQUE INDEX "Invitation_tokenHash_key" ON "Invitation"("tokenHash");

-- CreateIndex
CREATE INDEX "Invitation_organisation_createdAt_idx" ON "Invitation"("organisation", "createdAt");

-- CreateIndex
CREATE INDEX "PasskeyChallenge_expiresAt_idx" ON "PasskeyChallenge"("expiresAt");
