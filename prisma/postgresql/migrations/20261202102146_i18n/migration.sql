-- AlterTable
ALTER TABLE "Card" ADD COLUMN     "translations" TEXT NOT NULL DEFAULT '{}';

-- AlterTable
ALTER TABLE "ExamQuestion" ADD COLUMN     "translations" TEXT NOT NULL DEFAULT '{}';

-- AlterTable
ALTER TABLE "Phase" ADD COLUMN     "translations" TEXT NOT NULL DEFAULT '{}';

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "locale" TEXT;
