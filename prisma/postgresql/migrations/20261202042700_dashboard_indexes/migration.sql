-- DropIndex
DROP INDEX "ReviewLog_userId_reviewedAt_idx";

-- CreateIndex
CREATE INDEX "ExamAttempt_userId_submittedAt_idx" ON "ExamAttempt"("userId", "submittedAt");

-- CreateIndex
CREATE INDEX "ReviewLog_userId_reviewedAt_undoneAt_idx" ON "ReviewLog"("userId", "reviewedAt", "undoneAt");
