-- The dashboard's cached rows also hold the student's desired retention (the workload
-- simulator starts from it): changing it gives the student's data a new token too.
DROP TRIGGER "User_student_data_version_limits";
CREATE TRIGGER "User_student_data_version_limits" AFTER UPDATE OF "newCardsPerDay", "reviewsPerDay", "desiredRetention" ON "User" BEGIN
    INSERT INTO "StudentDataVersion" ("userId", "token") VALUES (NEW."id", lower(hex(randomblob(12)))) ON CONFLICT ("userId") DO UPDATE SET "token" = excluded."token";
END;
