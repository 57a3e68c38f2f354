-- AlterTable
ALTER TABLE "Note" ADD COLUMN     "wordCount" INTEGER;

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "archivedAt" TIMESTAMP(3);
