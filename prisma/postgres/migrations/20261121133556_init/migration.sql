-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Source" (
    "id" TEXT NOT NULL,
    "transferId" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "importerVersion" TEXT NOT NULL,
    "origin" TEXT,
    "ok" BOOLEAN NOT NULL,
    "recordCount" INTEGER NOT NULL,
    "providerCount" INTEGER NOT NULL,
    "diagnosticCount" INTEGER NOT NULL,
    "reportJson" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Source_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SourceFile" (
    "id" SERIAL NOT NULL,
    "sourceId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "bytes" INTEGER NOT NULL,

    CONSTRAINT "SourceFile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SourceRecord" (
    "id" SERIAL NOT NULL,
    "sourceId" TEXT NOT NULL,
    "ownerText" TEXT NOT NULL,
    "ownerKey" TEXT NOT NULL,
    "ttl" INTEGER NOT NULL,
    "class" INTEGER NOT NULL,
    "type" INTEGER NOT NULL,
    "rdataHex" TEXT NOT NULL,
    "rdataText" TEXT NOT NULL,
    "file" TEXT NOT NULL,
    "line" INTEGER NOT NULL,

    CONSTRAINT "SourceRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Transfer" (
    "id" TEXT NOT NULL,
    "domainAscii" TEXT NOT NULL,
    "domainUnicode" TEXT NOT NULL,
    "losingRegistrar" TEXT NOT NULL,
    "gainingRegistrar" TEXT NOT NULL,
    "currentDnsOperator" TEXT NOT NULL,
    "futureDnsOperator" TEXT NOT NULL,
    "dnsHostingMoves" BOOLEAN NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Transfer_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Source_transferId_idx" ON "Source"("transferId");

-- CreateIndex
CREATE INDEX "SourceFile_sourceId_idx" ON "SourceFile"("sourceId");

-- CreateIndex
CREATE INDEX "SourceRecord_sourceId_ownerKey_idx" ON "SourceRecord"("sourceId", "ownerKey");

-- CreateIndex
CREATE INDEX "Transfer_domainAscii_idx" ON "Transfer"("domainAscii");

-- AddForeignKey
ALTER TABLE "Source" ADD CONSTRAINT "Source_transferId_fkey" FOREIGN KEY ("transferId") REFERENCES "Transfer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SourceFile" ADD CONSTRAINT "SourceFile_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SourceRecord" ADD CONSTRAINT "SourceRecord_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE CASCADE ON UPDATE CASCADE;
