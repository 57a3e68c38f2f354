-- CreateTable
CREATE TABLE "StudentDataVersion" (
    "userId" TEXT NOT NULL PRIMARY KEY,
    "token" TEXT NOT NULL
);

-- Every write to a student's own records gives that student's data a new random
-- token (lib/dashboard/student-rows.ts reads it). Triggers, so that every writer
-- counts: each server worker, each instance, the CLI, a test, an operator by hand.
CREATE TRIGGER "ReviewState_student_data_version_insert" AFTER INSERT ON "ReviewState" BEGIN
    INSERT INTO "StudentDataVersion" ("userId", "token") VALUES (NEW."userId", lower(hex(randomblob(12)))) ON CONFLICT ("userId") DO UPDATE SET "token" = excluded."token";
END;
CREATE TRIGGER "ReviewState_student_data_version_update" AFTER UPDATE ON "ReviewState" BEGIN
    INSERT INTO "StudentDataVersion" ("userId", "token") VALUES (NEW."userId", lower(hex(randomblob(12)))) ON CONFLICT ("userId") DO UPDATE SET "token" = excluded."token";
END;
CREATE TRIGGER "ReviewState_student_data_version_delete" AFTER DELETE ON "ReviewState" BEGIN
    INSERT INTO "StudentDataVersion" ("userId", "token") VALUES (OLD."userId", lower(hex(randomblob(12)))) ON CONFLICT ("userId") DO UPDATE SET "token" = excluded."token";
END;
CREATE TRIGGER "ReviewLog_student_data_version_insert" AFTER INSERT ON "ReviewLog" BEGIN
    INSERT INTO "StudentDataVersion" ("userId", "token") VALUES (NEW."userId", lower(hex(randomblob(12)))) ON CONFLICT ("userId") DO UPDATE SET "token" = excluded."token";
END;
CREATE TRIGGER "ReviewLog_student_data_version_update" AFTER UPDATE ON "ReviewLog" BEGIN
    INSERT INTO "StudentDataVersion" ("userId", "token") VALUES (NEW."userId", lower(hex(randomblob(12)))) ON CONFLICT ("userId") DO UPDATE SET "token" = excluded."token";
END;
CREATE TRIGGER "ReviewLog_student_data_version_delete" AFTER DELETE ON "ReviewLog" BEGIN
    INSERT INTO "StudentDataVersion" ("userId", "token") VALUES (OLD."userId", lower(hex(randomblob(12)))) ON CONFLICT ("userId") DO UPDATE SET "token" = excluded."token";
END;
CREATE TRIGGER "Note_student_data_version_insert" AFTER INSERT ON "Note" BEGIN
    INSERT INTO "StudentDataVersion" ("userId", "token") VALUES (NEW."userId", lower(hex(randomblob(12)))) ON CONFLICT ("userId") DO UPDATE SET "token" = excluded."token";
END;
CREATE TRIGGER "Note_student_data_version_update" AFTER UPDATE ON "Note" BEGIN
    INSERT INTO "StudentDataVersion" ("userId", "token") VALUES (NEW."userId", lower(hex(randomblob(12)))) ON CONFLICT ("userId") DO UPDATE SET "token" = excluded."token";
END;
CREATE TRIGGER "Note_student_data_version_delete" AFTER DELETE ON "Note" BEGIN
    INSERT INTO "StudentDataVersion" ("userId", "token") VALUES (OLD."userId", lower(hex(randomblob(12)))) ON CONFLICT ("userId") DO UPDATE SET "token" = excluded."token";
END;
CREATE TRIGGER "ExamAttempt_student_data_version_insert" AFTER INSERT ON "ExamAttempt" BEGIN
    INSERT INTO "StudentDataVersion" ("userId", "token") VALUES (NEW."userId", lower(hex(randomblob(12)))) ON CONFLICT ("userId") DO UPDATE SET "token" = excluded."token";
END;
CREATE TRIGGER "ExamAttempt_student_data_version_update" AFTER UPDATE ON "ExamAttempt" BEGIN
    INSERT INTO "StudentDataVersion" ("userId", "token") VALUES (NEW."userId", lower(hex(randomblob(12)))) ON CONFLICT ("userId") DO UPDATE SET "token" = excluded."token";
END;
CREATE TRIGGER "ExamAttempt_student_data_version_delete" AFTER DELETE ON "ExamAttempt" BEGIN
    INSERT INTO "StudentDataVersion" ("userId", "token") VALUES (OLD."userId", lower(hex(randomblob(12)))) ON CONFLICT ("userId") DO UPDATE SET "token" = excluded."token";
END;
CREATE TRIGGER "User_student_data_version_limits" AFTER UPDATE OF "newCardsPerDay", "reviewsPerDay" ON "User" BEGIN
    INSERT INTO "StudentDataVersion" ("userId", "token") VALUES (NEW."id", lower(hex(randomblob(12)))) ON CONFLICT ("userId") DO UPDATE SET "token" = excluded."token";
END;
