-- AlterTable
ALTER TABLE "User" ADD COLUMN "locale" TEXT;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Card" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "key" TEXT NOT NULL,
    "phaseId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "front" TEXT NOT NULL,
    "back" TEXT NOT NULL,
    "translations" TEXT NOT NULL DEFAULT '{}',
    "retiredAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Card_phaseId_fkey" FOREIGN KEY ("phaseId") REFERENCES "Phase" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Card" ("back", "createdAt", "front", "id", "key", "phaseId", "position", "retiredAt", "updatedAt") SELECT "back", "createdAt", "front", "id", "key", "phaseId", "position", "retiredAt", "updatedAt" FROM "Card";
DROP TABLE "Card";
ALTER TABLE "new_Card" RENAME TO "Card";
CREATE UNIQUE INDEX "Card_key_key" ON "Card"("key");
CREATE INDEX "Card_phaseId_idx" ON "Card"("phaseId");
CREATE TABLE "new_ExamQuestion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "key" TEXT NOT NULL,
    "phaseId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "prompt" TEXT NOT NULL,
    "choicesJson" TEXT NOT NULL,
    "explanation" TEXT NOT NULL DEFAULT '',
    "translations" TEXT NOT NULL DEFAULT '{}',
    "retiredAt" DATETIME,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ExamQuestion_phaseId_fkey" FOREIGN KEY ("phaseId") REFERENCES "Phase" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_ExamQuestion" ("choicesJson", "explanation", "id", "key", "kind", "phaseId", "position", "prompt", "retiredAt", "updatedAt") SELECT "choicesJson", "explanation", "id", "key", "kind", "phaseId", "position", "prompt", "retiredAt", "updatedAt" FROM "ExamQuestion";
DROP TABLE "ExamQuestion";
ALTER TABLE "new_ExamQuestion" RENAME TO "ExamQuestion";
CREATE UNIQUE INDEX "ExamQuestion_key_key" ON "ExamQuestion"("key");
CREATE INDEX "ExamQuestion_phaseId_idx" ON "ExamQuestion"("phaseId");
CREATE TABLE "new_Phase" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "number" INTEGER NOT NULL,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "passMark" REAL NOT NULL DEFAULT 0.7,
    "translations" TEXT NOT NULL DEFAULT '{}',
    "retiredAt" DATETIME,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Phase" ("body", "id", "number", "passMark", "retiredAt", "slug", "summary", "title", "updatedAt") SELECT "body", "id", "number", "passMark", "retiredAt", "slug", "summary", "title", "updatedAt" FROM "Phase";
DROP TABLE "Phase";
ALTER TABLE "new_Phase" RENAME TO "Phase";
CREATE UNIQUE INDEX "Phase_number_key" ON "Phase"("number");
CREATE UNIQUE INDEX "Phase_slug_key" ON "Phase"("slug");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
