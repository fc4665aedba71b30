-- AlterTable
ALTER TABLE "FindingState" ADD COLUMN "fingerprint" TEXT;

-- AlterTable
ALTER TABLE "Run" ADD COLUMN "timingJson" TEXT;

-- CreateTable
CREATE TABLE "OperationsPlan" (
    "transferId" TEXT NOT NULL PRIMARY KEY,
    "monitoringPlan" TEXT,
    "monitoringBy" TEXT,
    "rollbackSteps" TEXT,
    "rollbackAssumedSeconds" INTEGER,
    "oldZoneKeptUntil" DATETIME,
    "dnssecPlan" TEXT,
    "updatedAt" DATETIME NOT NULL
);
