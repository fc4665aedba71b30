-- CreateTable
CREATE TABLE "RunJob" (
    "runId" TEXT NOT NULL PRIMARY KEY,
    "jobId" TEXT,
    "attempt" INTEGER NOT NULL DEFAULT -1,
    "token" TEXT,
    "workerId" TEXT,
    "claimedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RunJob_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RateSlice" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "slice" BIGINT NOT NULL,
    "used" INTEGER NOT NULL
);
