-- CreateTable
CREATE TABLE "ExamStart" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "phaseId" TEXT NOT NULL,
    "ordinal" INTEGER NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "deadline" DATETIME,
    "seed" TEXT NOT NULL,
    "submittedAt" DATETIME,
    CONSTRAINT "ExamStart_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ExamStart_phaseId_fkey" FOREIGN KEY ("phaseId") REFERENCES "Phase" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ExamSettingsOverride" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "phaseId" TEXT NOT NULL,
    "settings" TEXT NOT NULL,
    "updatedById" TEXT,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ExamSettingsOverride_phaseId_fkey" FOREIGN KEY ("phaseId") REFERENCES "Phase" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ExamAccommodation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "timeMultiplier" REAL NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ExamAccommodation_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Phase" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "number" INTEGER NOT NULL,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "passMark" REAL NOT NULL DEFAULT 0.7,
    "translations" TEXT NOT NULL DEFAULT '{}',
    "examSettings" TEXT NOT NULL DEFAULT '{}',
    "retiredAt" DATETIME,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Phase" ("body", "id", "number", "passMark", "retiredAt", "slug", "summary", "title", "translations", "updatedAt") SELECT "body", "id", "number", "passMark", "retiredAt", "slug", "summary", "title", "translations", "updatedAt" FROM "Phase";
DROP TABLE "Phase";
ALTER TABLE "new_Phase" RENAME TO "Phase";
CREATE UNIQUE INDEX "Phase_number_key" ON "Phase"("number");
CREATE UNIQUE INDEX "Phase_slug_key" ON "Phase"("slug");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "ExamStart_userId_phaseId_ordinal_key" ON "ExamStart"("userId", "phaseId", "ordinal");

-- CreateIndex
CREATE UNIQUE INDEX "ExamSettingsOverride_phaseId_key" ON "ExamSettingsOverride"("phaseId");

-- CreateIndex
CREATE UNIQUE INDEX "ExamAccommodation_userId_key" ON "ExamAccommodation"("userId");
