-- CreateTable
CREATE TABLE "Portfolio" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "organisationId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "losingRegistrar" TEXT,
    "gainingRegistrar" TEXT,
    "currentDnsOperator" TEXT,
    "futureDnsOperator" TEXT,
    "dnsHostingMoves" BOOLEAN,
    "newNameServers" TEXT NOT NULL DEFAULT '',
    "createKey" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "PortfolioTransfer" (
    "portfolioId" TEXT NOT NULL,
    "transferId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "newNameServers" TEXT NOT NULL DEFAULT '',

    PRIMARY KEY ("portfolioId", "transferId"),
    CONSTRAINT "PortfolioTransfer_portfolioId_fkey" FOREIGN KEY ("portfolioId") REFERENCES "Portfolio" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PortfolioRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "portfolioId" TEXT NOT NULL,
    "transferId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "operatorsJson" TEXT NOT NULL,
    "inputJson" TEXT NOT NULL,
    "runId" TEXT,
    "error" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" DATETIME,
    CONSTRAINT "PortfolioRun_portfolioId_fkey" FOREIGN KEY ("portfolioId") REFERENCES "Portfolio" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Portfolio_createKey_key" ON "Portfolio"("createKey");

-- CreateIndex
CREATE INDEX "Portfolio_organisationId_createdAt_idx" ON "Portfolio"("organisationId", "createdAt");

-- CreateIndex
CREATE INDEX "PortfolioTransfer_transferId_idx" ON "PortfolioTransfer"("transferId");

-- CreateIndex
CREATE INDEX "PortfolioRun_portfolioId_status_idx" ON "PortfolioRun"("portfolioId", "status");

-- CreateIndex
CREATE INDEX "PortfolioRun_transferId_idx" ON "PortfolioRun"("transferId");
