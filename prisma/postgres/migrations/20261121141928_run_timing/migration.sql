-- AlterTable
ALTER TABLE "FindingState" ADD COLUMN     "fingerprint" TEXT;

-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "timingJson" TEXT;

-- CreateTable
CREATE TABLE "OperationsPlan" (
    "transferId" TEXT NOT NULL,
    "monitoringPlan" TEXT,
    "monitoringBy" TEXT,
    "rollbackSteps" TEXT,
    "rollbackAssumedSeconds" INTEGER,
    "oldZoneKeptUntil" TIMESTAMP(3),
    "dnssecPlan" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OperationsPlan_pkey" PRIMARY KEY ("transferId")
);
