-- CreateTable
CREATE TABLE "Schedule" (
    "transferId" TEXT NOT NULL PRIMARY KEY,
    "windowStart" DATETIME NOT NULL,
    "windowEnd" DATETIME NOT NULL,
    "timeZone" TEXT NOT NULL,
    "holidayRegion" TEXT,
    "ttlLoweringAt" DATETIME,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Party" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "transferId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "organisation" TEXT NOT NULL,
    "escalationChannel" TEXT,
    "escalationTarget" TEXT,
    "onCallConfirmed" BOOLEAN NOT NULL DEFAULT false,
    "onCallBy" TEXT,
    "onCallAt" DATETIME,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Contact" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "partyId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT,
    "phone" TEXT,
    "position" INTEGER NOT NULL,
    CONSTRAINT "Contact_partyId_fkey" FOREIGN KEY ("partyId") REFERENCES "Party" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ChecklistRevision" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "transferId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "canonicalJson" TEXT NOT NULL,
    "digest" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "signature" TEXT NOT NULL,
    "keyId" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "SignoffLink" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "transferId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "revokedAt" DATETIME
);

-- CreateTable
CREATE TABLE "Signoff" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "transferId" TEXT NOT NULL,
    "linkId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "signerName" TEXT NOT NULL,
    "decision" TEXT NOT NULL,
    "reason" TEXT,
    "signedAt" DATETIME NOT NULL,
    "revisionNumber" INTEGER NOT NULL,
    "revisionDigest" TEXT NOT NULL,
    CONSTRAINT "Signoff_linkId_fkey" FOREIGN KEY ("linkId") REFERENCES "SignoffLink" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AuditEntry" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "transferId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "eventJson" TEXT NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "Party_transferId_role_key" ON "Party"("transferId", "role");

-- CreateIndex
CREATE INDEX "Contact_partyId_position_idx" ON "Contact"("partyId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "ChecklistRevision_digest_key" ON "ChecklistRevision"("digest");

-- CreateIndex
CREATE UNIQUE INDEX "ChecklistRevision_transferId_number_key" ON "ChecklistRevision"("transferId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "SignoffLink_tokenHash_key" ON "SignoffLink"("tokenHash");

-- CreateIndex
CREATE INDEX "SignoffLink_transferId_idx" ON "SignoffLink"("transferId");

-- CreateIndex
CREATE INDEX "Signoff_transferId_idx" ON "Signoff"("transferId");

-- CreateIndex
CREATE UNIQUE INDEX "Signoff_linkId_revisionDigest_key" ON "Signoff"("linkId", "revisionDigest");

-- CreateIndex
CREATE UNIQUE INDEX "AuditEntry_transferId_seq_key" ON "AuditEntry"("transferId", "seq");
