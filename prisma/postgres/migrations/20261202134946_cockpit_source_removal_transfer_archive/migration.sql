-- CreateTable
CREATE TABLE "SourceRemoval" (
    "sourceId" TEXT NOT NULL,
    "transferId" TEXT NOT NULL,
    "removedAt" TIMESTAMP(3) NOT NULL,
    "removedBy" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "replacedById" TEXT,

    CONSTRAINT "SourceRemoval_pkey" PRIMARY KEY ("sourceId")
);

-- CreateTable
CREATE TABLE "TransferArchive" (
    "transferId" TEXT NOT NULL,
    "archivedAt" TIMESTAMP(3) NOT NULL,
    "archivedBy" TEXT NOT NULL,

    CONSTRAINT "TransferArchive_pkey" PRIMARY KEY ("transferId")
);

-- CreateIndex
CREATE INDEX "SourceRemoval_transferId_idx" ON "SourceRemoval"("transferId");

-- AddForeignKey
ALTER TABLE "SourceRemoval" ADD CONSTRAINT "SourceRemoval_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TransferArchive" ADD CONSTRAINT "TransferArchive_transferId_fkey" FOREIGN KEY ("transferId") REFERENCES "Transfer"("id") ON DELETE CASCADE ON UPDATE CASCADE;
