-- CreateTable
CREATE TABLE "RunAnswer" (
    "runId" TEXT NOT NULL,
    "side" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "metaJson" TEXT NOT NULL,
    "wire" BYTEA,
    "recordsJson" TEXT,

    CONSTRAINT "RunAnswer_pkey" PRIMARY KEY ("runId","side","seq")
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

    CONSTRAINT "RunDiffRow_pkey" PRIMARY KEY ("runId","seq")
);

-- CreateTable
CREATE TABLE "RunSnapshot" (
    "runId" TEXT NOT NULL,
    "side" TEXT NOT NULL,
    "summaryJson" TEXT NOT NULL,
    "answers" INTEGER NOT NULL,
    "answersSha256" TEXT NOT NULL,

    CONSTRAINT "RunSnapshot_pkey" PRIMARY KEY ("runId","side")
);

-- CreateTable
CREATE TABLE "RunTransferMessage" (
    "runId" TEXT NOT NULL,
    "side" TEXT NOT NULL,
    "transfer" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "wire" BYTEA NOT NULL,

    CONSTRAINT "RunTransferMessage_pkey" PRIMARY KEY ("runId","side","transfer","seq")
);

-- AddForeignKey
ALTER TABLE "RunAnswer" ADD CONSTRAINT "RunAnswer_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RunDiffRow" ADD CONSTRAINT "RunDiffRow_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RunSnapshot" ADD CONSTRAINT "RunSnapshot_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RunTransferMessage" ADD CONSTRAINT "RunTransferMessage_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;
