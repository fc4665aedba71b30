-- CreateTable
CREATE TABLE "AuditEntry" (
    "id" SERIAL NOT NULL,
    "transferId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "eventJson" TEXT NOT NULL,

    CONSTRAINT "AuditEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChecklistRevision" (
    "id" TEXT NOT NULL,
    "transferId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "canonicalJson" TEXT NOT NULL,
    "digest" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "signature" TEXT NOT NULL,
    "keyId" TEXT NOT NULL,

    CONSTRAINT "ChecklistRevision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Contact" (
    "id" SERIAL NOT NULL,
    "partyId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT,
    "phone" TEXT,
    "position" INTEGER NOT NULL,

    CONSTRAINT "Contact_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Party" (
    "id" TEXT NOT NULL,
    "transferId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "organisation" TEXT NOT NULL,
    "escalationChannel" TEXT,
    "escalationTarget" TEXT,
    "onCallConfirmed" BOOLEAN NOT NULL DEFAULT false,
    "onCallBy" TEXT,
    "onCallAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Party_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Schedule" (
    "transferId" TEXT NOT NULL,
    "windowStart" TIMESTAMP(3) NOT NULL,
    "windowEnd" TIMESTAMP(3) NOT NULL,
    "timeZone" TEXT NOT NULL,
    "holidayRegion" TEXT,
    "ttlLoweringAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Schedule_pkey" PRIMARY KEY ("transferId")
);

-- CreateTable
CREATE TABLE "Signoff" (
    "id" SERIAL NOT NULL,
    "transferId" TEXT NOT NULL,
    "linkId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "signerName" TEXT NOT NULL,
    "decision" TEXT NOT NULL,
    "reason" TEXT,
    "signedAt" TIMESTAMP(3) NOT NULL,
    "revisionNumber" INTEGER NOT NULL,
    "revisionDigest" TEXT NOT NULL,

    CONSTRAINT "Signoff_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SignoffLink" (
    "id" TEXT NOT NULL,
    "transferId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "SignoffLink_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "AuditEntry_transferId_seq_key" ON "AuditEntry"("transferId", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "ChecklistRevision_digest_key" ON "ChecklistRevision"("digest");

-- CreateIndex
CREATE UNIQUE INDEX "ChecklistRevision_transferId_number_key" ON "ChecklistRevision"("transferId", "number");

-- CreateIndex
CREATE INDEX "Contact_partyId_position_idx" ON "Contact"("partyId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "Party_transferId_role_key" ON "Party"("transferId", "role");

-- CreateIndex
CREATE INDEX "Signoff_transferId_idx" ON "Signoff"("transferId");

-- CreateIndex
CREATE UNIQUE INDEX "Signoff_linkId_revisionDigest_key" ON "Signoff"("linkId", "revisionDigest");

-- CreateIndex
CREATE UNIQUE INDEX "SignoffLink_tokenHash_key" ON "SignoffLink"("tokenHash");

-- CreateIndex
CREATE INDEX "SignoffLink_transferId_idx" ON "SignoffLink"("transferId");

-- AddForeignKey
ALTER TABLE "Contact" ADD CONSTRAINT "Contact_partyId_fkey" FOREIGN KEY ("partyId") REFERENCES "Party"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Signoff" ADD CONSTRAINT "Signoff_linkId_fkey" FOREIGN KEY ("linkId") REFERENCES "SignoffLink"("id") ON DELETE CASCADE ON UPDATE CASCADE;
