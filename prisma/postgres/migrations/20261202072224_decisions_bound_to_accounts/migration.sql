-- AlterTable
ALTER TABLE "FindingState" ADD COLUMN     "byEmail" TEXT,
ADD COLUMN     "byUserId" TEXT,
ADD COLUMN     "onBehalfOf" TEXT;

-- AlterTable
ALTER TABLE "Signoff" ADD COLUMN     "signerNameIs" TEXT NOT NULL DEFAULT 'self-declared';
