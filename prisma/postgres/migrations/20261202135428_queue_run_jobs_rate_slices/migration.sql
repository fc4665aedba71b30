-- CreateTable
CREATE TABLE "RateSlice" (
    "key" TEXT NOT NULL,
    "slice" BIGINT NOT NULL,
    "used" INTEGER NOT NULL,

    CONSTRAINT "RateSlice_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "RunJob" (
    "runId" TEXT NOT NULL,
    "jobId" TEXT,
    "attempt" INTEGER NOT NULL DEFAULT -1,
    "token" TEXT,
    "workerId" TEXT,
    "claimedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RunJob_pkey" PRIMARY KEY ("runId")
);

-- AddForeignKey
ALTER TABLE "RunJob" ADD CONSTRAINT "RunJob_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;
