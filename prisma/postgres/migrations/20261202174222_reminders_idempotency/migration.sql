-- CreateTable
CREATE TABLE "IdempotencyKey" (
    "organisationId" TEXT NOT NULL,
    "operation" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "requestHash" TEXT NOT NULL,
    "resultJson" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "IdempotencyKey_pkey" PRIMARY KEY ("organisationId","operation","key")
);

-- CreateTable
CREATE TABLE "ReminderDelivery" (
    "id" TEXT NOT NULL,
    "transferId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "windowStart" TIMESTAMP(3) NOT NULL,
    "windowEnd" TIMESTAMP(3) NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "claimedAt" TIMESTAMP(3) NOT NULL,
    "mailStatus" TEXT,
    "mailError" TEXT,
    "webhooks" INTEGER NOT NULL DEFAULT 0,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "ReminderDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ReminderDelivery_claimedAt_idx" ON "ReminderDelivery"("claimedAt");

-- CreateIndex
CREATE UNIQUE INDEX "ReminderDelivery_transferId_kind_windowStart_windowEnd_key" ON "ReminderDelivery"("transferId", "kind", "windowStart", "windowEnd");
