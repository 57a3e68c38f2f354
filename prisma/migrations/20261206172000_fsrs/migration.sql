-- CreateTable
CREATE TABLE "FsrsParameters" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "scope" TEXT NOT NULL,
    "weights" TEXT NOT NULL,
    "fit" TEXT NOT NULL,
    "reviewCount" INTEGER NOT NULL,
    "itemCount" INTEGER NOT NULL,
    "fittedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "FsrsOptimizeRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "actorId" TEXT,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    "status" TEXT NOT NULL DEFAULT 'running',
    "done" INTEGER NOT NULL DEFAULT 0,
    "total" INTEGER NOT NULL DEFAULT 0,
    "summary" TEXT NOT NULL DEFAULT ''
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ReviewLog" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "cardId" TEXT NOT NULL,
    "grade" INTEGER NOT NULL,
    "reviewedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "prevRepetitions" INTEGER NOT NULL,
    "prevEasiness" REAL NOT NULL,
    "prevIntervalDays" INTEGER NOT NULL,
    "prevDueAt" DATETIME,
    "prevLastReviewed" DATETIME,
    "repetitions" INTEGER NOT NULL,
    "easiness" REAL NOT NULL,
    "intervalDays" INTEGER NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "undoneAt" DATETIME,
    "redrill" BOOLEAN NOT NULL DEFAULT false,
    "rating" INTEGER NOT NULL DEFAULT 3,
    "scheduler" TEXT NOT NULL DEFAULT 'sm2',
    "prevStability" REAL,
    "prevDifficulty" REAL,
    "prevFsrsState" INTEGER NOT NULL DEFAULT 0,
    "prevLapses" INTEGER NOT NULL DEFAULT 0,
    "stability" REAL,
    "difficulty" REAL,
    "fsrsState" INTEGER NOT NULL DEFAULT 0,
    "lapses" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "ReviewLog_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ReviewLog_cardId_fkey" FOREIGN KEY ("cardId") REFERENCES "Card" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_ReviewLog" ("cardId", "dueAt", "easiness", "grade", "id", "intervalDays", "prevDueAt", "prevEasiness", "prevIntervalDays", "prevLastReviewed", "prevRepetitions", "redrill", "repetitions", "reviewedAt", "undoneAt", "userId") SELECT "cardId", "dueAt", "easiness", "grade", "id", "intervalDays", "prevDueAt", "prevEasiness", "prevIntervalDays", "prevLastReviewed", "prevRepetitions", "redrill", "repetitions", "reviewedAt", "undoneAt", "userId" FROM "ReviewLog";
DROP TABLE "ReviewLog";
ALTER TABLE "new_ReviewLog" RENAME TO "ReviewLog";
CREATE INDEX "ReviewLog_userId_reviewedAt_undoneAt_idx" ON "ReviewLog"("userId", "reviewedAt", "undoneAt");
CREATE TABLE "new_ReviewState" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "cardId" TEXT NOT NULL,
    "repetitions" INTEGER NOT NULL DEFAULT 0,
    "easiness" REAL NOT NULL DEFAULT 2.5,
    "intervalDays" INTEGER NOT NULL DEFAULT 0,
    "dueAt" DATETIME NOT NULL,
    "lastReviewedAt" DATETIME,
    "stability" REAL,
    "difficulty" REAL,
    "fsrsState" INTEGER NOT NULL DEFAULT 0,
    "lapses" INTEGER NOT NULL DEFAULT 0,
    "suspendedAt" DATETIME,
    CONSTRAINT "ReviewState_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ReviewState_cardId_fkey" FOREIGN KEY ("cardId") REFERENCES "Card" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_ReviewState" ("cardId", "dueAt", "easiness", "id", "intervalDays", "lastReviewedAt", "repetitions", "userId") SELECT "cardId", "dueAt", "easiness", "id", "intervalDays", "lastReviewedAt", "repetitions", "userId" FROM "ReviewState";
DROP TABLE "ReviewState";
ALTER TABLE "new_ReviewState" RENAME TO "ReviewState";
CREATE INDEX "ReviewState_userId_dueAt_idx" ON "ReviewState"("userId", "dueAt");
CREATE UNIQUE INDEX "ReviewState_userId_cardId_key" ON "ReviewState"("userId", "cardId");
CREATE TABLE "new_User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL DEFAULT 'student',
    "status" TEXT NOT NULL DEFAULT 'invited',
    "passwordHash" TEXT,
    "sessionVersion" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "lastLoginAt" DATETIME,
    "newCardsPerDay" INTEGER NOT NULL DEFAULT 20,
    "scheduler" TEXT NOT NULL DEFAULT 'sm2',
    "desiredRetention" REAL NOT NULL DEFAULT 0.9,
    "reviewsPerDay" INTEGER NOT NULL DEFAULT 200,
    "locale" TEXT,
    "mailAnnouncements" TEXT NOT NULL DEFAULT 'immediately',
    "mailReminders" TEXT NOT NULL DEFAULT 'immediately',
    "timeZone" TEXT,
    "dailyMailOn" TEXT,
    "digestedUntil" DATETIME
);
INSERT INTO "new_User" ("createdAt", "dailyMailOn", "digestedUntil", "email", "id", "lastLoginAt", "locale", "mailAnnouncements", "mailReminders", "name", "newCardsPerDay", "passwordHash", "role", "sessionVersion", "status", "timeZone", "updatedAt") SELECT "createdAt", "dailyMailOn", "digestedUntil", "email", "id", "lastLoginAt", "locale", "mailAnnouncements", "mailReminders", "name", "newCardsPerDay", "passwordHash", "role", "sessionVersion", "status", "timeZone", "updatedAt" FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "FsrsParameters_scope_key" ON "FsrsParameters"("scope");

-- Every existing grade gets its FSRS rating (lib/review/rating.ts): 0-2 Again, 3 Hard, 4 Good, 5 Easy.
UPDATE "ReviewLog" SET "rating" = CASE WHEN "grade" <= 2 THEN 1 WHEN "grade" = 3 THEN 2 WHEN "grade" = 4 THEN 3 ELSE 4 END;
