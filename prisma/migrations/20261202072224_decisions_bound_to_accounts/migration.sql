-- AlterTable
ALTER TABLE "FindingState" ADD COLUMN "byEmail" TEXT;
ALTER TABLE "FindingState" ADD COLUMN "byUserId" TEXT;
ALTER TABLE "FindingState" ADD COLUMN "onBehalfOf" TEXT;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Signoff" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "transferId" TEXT NOT NULL,
    "linkId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "signerName" TEXT NOT NULL,
    "signerNameIs" TEXT NOT NULL DEFAULT 'self-declared',
    "decision" TEXT NOT NULL,
    "reason" TEXT,
    "signedAt" DATETIME NOT NULL,
    "revisionNumber" INTEGER NOT NULL,
    "revisionDigest" TEXT NOT NULL,
    CONSTRAINT "Signoff_linkId_fkey" FOREIGN KEY ("linkId") REFERENCES "SignoffLink" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Signoff" ("decision", "id", "linkId", "reason", "revisionDigest", "revisionNumber", "role", "signedAt", "signerName", "transferId") SELECT "decision", "id", "linkId", "reason", "revisionDigest", "revisionNumber", "role", "signedAt", "signerName", "transferId" FROM "Signoff";
DROP TABLE "Signoff";
ALTER TABLE "new_Signoff" RENAME TO "Signoff";
CREATE INDEX "Signoff_transferId_idx" ON "Signoff"("transferId");
CREATE UNIQUE INDEX "Signoff_linkId_revisionDigest_key" ON "Signoff"("linkId", "revisionDigest");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
