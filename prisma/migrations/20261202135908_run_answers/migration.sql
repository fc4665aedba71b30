-- CreateTable
CREATE TABLE "RunSnapshot" (
    "runId" TEXT NOT NULL,
    "side" TEXT NOT NULL,
    "summaryJson" TEXT NOT NULL,
    "answers" INTEGER NOT NULL,
    "answersSha256" TEXT NOT NULL,

    PRIMARY KEY ("runId", "side"),
    CONSTRAINT "RunSnapshot_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RunAnswer" (
    "runId" TEXT NOT NULL,
    "side" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "metaJson" TEXT NOT NULL,
    "wire" BLOB,
    "recordsJson" TEXT,

    PRIMARY KEY ("runId", "side", "seq"),
    CONSTRAINT "RunAnswer_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RunTransferMessage" (
    "runId" TEXT NOT NULL,
    "side" TEXT NOT NULL,
    "transfer" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "wire" BLOB NOT NULL,

    PRIMARY KEY ("runId", "side", "transfer", "seq"),
    CONSTRAINT "RunTransferMessage_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RunDiffRow" (
    "runId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "comparison" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "owner" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "explained" BOOLEAN NOT NULL,
    "rowJson" TEXT NOT NULL,

    PRIMARY KEY ("runId", "seq"),
    CONSTRAINT "RunDiffRow_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
