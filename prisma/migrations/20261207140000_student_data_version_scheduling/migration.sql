-- Kept rows also hold the student's scheduling (lib/db/kept-per-student.ts): the
-- dashboard's the desired retention, /review's the scheduler, the zone and the FSRS
-- weights. Changing any of them gives the student's data a new token too; a refit
-- gives its scope one (a student's id, or "cohort": every student's /review reads it).
DROP TRIGGER "User_student_data_version_limits";
CREATE TRIGGER "User_student_data_version_limits" AFTER UPDATE OF "newCardsPerDay", "reviewsPerDay", "desiredRetention", "scheduler", "timeZone" ON "User" BEGIN
    INSERT INTO "StudentDataVersion" ("userId", "token") VALUES (NEW."id", lower(hex(randomblob(12)))) ON CONFLICT ("userId") DO UPDATE SET "token" = excluded."token";
END;
CREATE TRIGGER "FsrsParameters_student_data_version_insert" AFTER INSERT ON "FsrsParameters" BEGIN
    INSERT INTO "StudentDataVersion" ("userId", "token") VALUES (NEW."scope", lower(hex(randomblob(12)))) ON CONFLICT ("userId") DO UPDATE SET "token" = excluded."token";
END;
CREATE TRIGGER "FsrsParameters_student_data_version_update" AFTER UPDATE ON "FsrsParameters" BEGIN
    INSERT INTO "StudentDataVersion" ("userId", "token") VALUES (NEW."scope", lower(hex(randomblob(12)))) ON CONFLICT ("userId") DO UPDATE SET "token" = excluded."token";
END;
CREATE TRIGGER "FsrsParameters_student_data_version_delete" AFTER DELETE ON "FsrsParameters" BEGIN
    INSERT INTO "StudentDataVersion" ("userId", "token") VALUES (OLD."scope", lower(hex(randomblob(12)))) ON CONFLICT ("userId") DO UPDATE SET "token" = excluded."token";
END;
