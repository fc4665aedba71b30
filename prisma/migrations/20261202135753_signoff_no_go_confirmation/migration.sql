-- CreateTable
CREATE TABLE "SignoffNoGoConfirmation" (
    "linkId" TEXT NOT NULL,
    "revisionDigest" TEXT NOT NULL,
    "transferId" TEXT NOT NULL,
    "openBlockers" INTEGER NOT NULL,
    "statement" TEXT NOT NULL,

    PRIMARY KEY ("linkId", "revisionDigest")
);

-- CreateIndex
CREATE INDEX "SignoffNoGoConfirmation_transferId_idx" ON "SignoffNoGoConfirmation"("transferId");
