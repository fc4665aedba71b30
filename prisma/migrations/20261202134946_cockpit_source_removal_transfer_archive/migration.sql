-- CreateTable
CREATE TABLE "SourceRemoval" (
    "sourceId" TEXT NOT NULL PRIMARY KEY,
    "transferId" TEXT NOT NULL,
    "removedAt" DATETIME NOT NULL,
    "removedBy" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "replacedById" TEXT,
    CONSTRAINT "SourceRemoval_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TransferArchive" (
    "transferId" TEXT NOT NULL PRIMARY KEY,
    "archivedAt" DATETIME NOT NULL,
    "archivedBy" TEXT NOT NULL,
    CONSTRAINT "TransferArchive_transferId_fkey" FOREIGN KEY ("transferId") REFERENCES "Transfer" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "SourceRemoval_transferId_idx" ON "SourceRemoval"("transferId");
