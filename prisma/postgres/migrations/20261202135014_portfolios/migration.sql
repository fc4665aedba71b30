-- CreateTable
CREATE TABLE "Portfolio" (
    "id" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "losingRegistrar" TEXT,
    "gainingRegistrar" TEXT,
    "currentDnsOperator" TEXT,
    "futureDnsOperator" TEXT,
    "dnsHostingMoves" BOOLEAN,
    "newNameServers" TEXT NOT NULL DEFAULT '',
    "createKey" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Portfolio_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PortfolioRun" (
    "id" TEXT NOT NULL,
    "portfolioId" TEXT NOT NULL,
    "transferId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "operatorsJson" TEXT NOT NULL,
    "inputJson" TEXT NOT NULL,
    "runId" TEXT,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),

    CONSTRAINT "PortfolioRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PortfolioTransfer" (
    "portfolioId" TEXT NOT NULL,
    "transferId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "newNameServers" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "PortfolioTransfer_pkey" PRIMARY KEY ("portfolioId","transferId")
);

-- CreateIndex
CREATE UNIQUE INDEX "Portfolio_createKey_key" ON "Portfolio"("createKey");

-- CreateIndex
CREATE INDEX "Portfolio_organisationId_createdAt_idx" ON "Portfolio"("organisationId", "createdAt");

-- CreateIndex
CREATE INDEX "PortfolioRun_transferId_idx" ON "PortfolioRun"("transferId");

-- CreateIndex
CREATE INDEX "PortfolioRun_portfolioId_status_idx" ON "PortfolioRun"("portfolioId", "status");

-- CreateIndex
CREATE INDEX "PortfolioTransfer_transferId_idx" ON "PortfolioTransfer"("transferId");

-- AddForeignKey
ALTER TABLE "PortfolioRun" ADD CONSTRAINT "PortfolioRun_portfolioId_fkey" FOREIGN KEY ("portfolioId") REFERENCES "Portfolio"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PortfolioTransfer" ADD CONSTRAINT "PortfolioTransfer_portfolioId_fkey" FOREIGN KEY ("portfolioId") REFERENCES "Portfolio"("id") ON DELETE CASCADE ON UPDATE CASCADE;
