-- CreateTable
CREATE TABLE "FirstRunClaim" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FirstRunClaim_pkey" PRIMARY KEY ("id")
);
