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
    CONSTRAINT "ReviewLog_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ReviewLog_cardId_fkey" FOREIGN KEY ("cardId") REFERENCES "Card" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_ReviewLog" ("cardId", "dueAt", "easiness", "grade", "id", "intervalDays", "prevDueAt", "prevEasiness", "prevIntervalDays", "prevLastReviewed", "prevRepetitions", "repetitions", "reviewedAt", "undoneAt", "userId") SELECT "cardId", "dueAt", "easiness", "grade", "id", "intervalDays", "prevDueAt", "prevEasiness", "prevIntervalDays", "prevLastReviewed", "prevRepetitions", "repetitions", "reviewedAt", "undoneAt", "userId" FROM "ReviewLog";
DROP TABLE "ReviewLog";
ALTER TABLE "new_ReviewLog" RENAME TO "ReviewLog";
CREATE INDEX "ReviewLog_userId_reviewedAt_idx" ON "ReviewLog"("userId", "reviewedAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
