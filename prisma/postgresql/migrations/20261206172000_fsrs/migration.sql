-- AlterTable
ALTER TABLE "ReviewLog" ADD COLUMN     "difficulty" DOUBLE PRECISION,
ADD COLUMN     "fsrsState" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "lapses" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "prevDifficulty" DOUBLE PRECISION,
ADD COLUMN     "prevFsrsState" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "prevLapses" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "prevStability" DOUBLE PRECISION,
ADD COLUMN     "rating" INTEGER NOT NULL DEFAULT 3,
ADD COLUMN     "scheduler" TEXT NOT NULL DEFAULT 'sm2',
ADD COLUMN     "stability" DOUBLE PRECISION;

-- AlterTable
ALTER TABLE "ReviewState" ADD COLUMN     "difficulty" DOUBLE PRECISION,
ADD COLUMN     "fsrsState" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "lapses" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "stability" DOUBLE PRECISION,
ADD COLUMN     "suspendedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "desiredRetention" DOUBLE PRECISION NOT NULL DEFAULT 0.9,
ADD COLUMN     "reviewsPerDay" INTEGER NOT NULL DEFAULT 200,
ADD COLUMN     "scheduler" TEXT NOT NULL DEFAULT 'sm2';

-- CreateTable
CREATE TABLE "FsrsParameters" (
    "id" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "weights" TEXT NOT NULL,
    "fit" TEXT NOT NULL,
    "reviewCount" INTEGER NOT NULL,
    "itemCount" INTEGER NOT NULL,
    "fittedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FsrsParameters_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FsrsOptimizeRun" (
    "id" TEXT NOT NULL,
    "actorId" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "status" TEXT NOT NULL DEFAULT 'running',
    "done" INTEGER NOT NULL DEFAULT 0,
    "total" INTEGER NOT NULL DEFAULT 0,
    "summary" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "FsrsOptimizeRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "FsrsParameters_scope_key" ON "FsrsParameters"("scope");

-- Every existing grade gets its FSRS rating (lib/review/rating.ts): 0-2 Again, 3 Hard, 4 Good, 5 Easy.
UPDATE "ReviewLog" SET "rating" = CASE WHEN "grade" <= 2 THEN 1 WHEN "grade" = 3 THEN 2 WHEN "grade" = 4 THEN 3 ELSE 4 END;
