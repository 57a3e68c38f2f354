-- CreateTable
CREATE TABLE "OfflineGrade" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "cardId" TEXT NOT NULL,
    "answer" INTEGER NOT NULL,
    "scale" TEXT NOT NULL,
    "givenAt" TIMESTAMP(3) NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "outcome" TEXT NOT NULL,
    "reason" TEXT,
    "reviewLogId" TEXT,
    "merged" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "OfflineGrade_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "OfflineGrade_userId_cardId_idx" ON "OfflineGrade"("userId", "cardId");

-- CreateIndex
CREATE UNIQUE INDEX "OfflineGrade_userId_clientId_key" ON "OfflineGrade"("userId", "clientId");
