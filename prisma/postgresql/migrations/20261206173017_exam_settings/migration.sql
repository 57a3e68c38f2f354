-- AlterTable
ALTER TABLE "Phase" ADD COLUMN     "examSettings" TEXT NOT NULL DEFAULT '{}';

-- CreateTable
CREATE TABLE "ExamStart" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "phaseId" TEXT NOT NULL,
    "ordinal" INTEGER NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "deadline" TIMESTAMP(3),
    "seed" TEXT NOT NULL,
    "submittedAt" TIMESTAMP(3),

    CONSTRAINT "ExamStart_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExamSettingsOverride" (
    "id" TEXT NOT NULL,
    "phaseId" TEXT NOT NULL,
    "settings" TEXT NOT NULL,
    "updatedById" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ExamSettingsOverride_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExamAccommodation" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "timeMultiplier" DOUBLE PRECISION NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ExamAccommodation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ExamStart_userId_phaseId_ordinal_key" ON "ExamStart"("userId", "phaseId", "ordinal");

-- CreateIndex
CREATE UNIQUE INDEX "ExamSettingsOverride_phaseId_key" ON "ExamSettingsOverride"("phaseId");

-- CreateIndex
CREATE UNIQUE INDEX "ExamAccommodation_userId_key" ON "ExamAccommodation"("userId");

-- AddForeignKey
ALTER TABLE "ExamStart" ADD CONSTRAINT "ExamStart_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExamStart" ADD CONSTRAINT "ExamStart_phaseId_fkey" FOREIGN KEY ("phaseId") REFERENCES "Phase"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExamSettingsOverride" ADD CONSTRAINT "ExamSettingsOverride_phaseId_fkey" FOREIGN KEY ("phaseId") REFERENCES "Phase"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExamAccommodation" ADD CONSTRAINT "ExamAccommodation_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
