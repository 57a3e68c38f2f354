-- CreateTable
CREATE TABLE "OfflineGrade" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "cardId" TEXT NOT NULL,
    "answer" INTEGER NOT NULL,
    "scale" TEXT NOT NULL,
    "givenAt" DATETIME NOT NULL,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "outcome" TEXT NOT NULL,
    "reason" TEXT,
    "reviewLogId" TEXT,
    "merged" BOOLEAN NOT NULL DEFAULT false
);

-- CreateIndex
CREATE INDEX "OfflineGrade_userId_cardId_idx" ON "OfflineGrade"("userId", "cardId");

-- CreateIndex
CREATE UNIQUE INDEX "OfflineGrade_userId_clientId_key" ON "OfflineGrade"("userId", "clientId");
