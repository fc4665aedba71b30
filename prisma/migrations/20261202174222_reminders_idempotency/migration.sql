-- CreateTable
CREATE TABLE "ReminderDelivery" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "transferId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "windowStart" DATETIME NOT NULL,
    "windowEnd" DATETIME NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "claimedAt" DATETIME NOT NULL,
    "mailStatus" TEXT,
    "mailError" TEXT,
    "webhooks" INTEGER NOT NULL DEFAULT 0,
    "sentAt" DATETIME
);

-- CreateTable
CREATE TABLE "IdempotencyKey" (
    "organisationId" TEXT NOT NULL,
    "operation" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "requestHash" TEXT NOT NULL,
    "resultJson" TEXT,
    "createdAt" DATETIME NOT NULL,

    PRIMARY KEY ("organisationId", "operation", "key")
);

-- CreateIndex
CREATE INDEX "ReminderDelivery_claimedAt_idx" ON "ReminderDelivery"("claimedAt");

-- CreateIndex
CREATE UNIQUE INDEX "ReminderDelivery_transferId_kind_windowStart_windowEnd_key" ON "ReminderDelivery"("transferId", "kind", "windowStart", "windowEnd");
