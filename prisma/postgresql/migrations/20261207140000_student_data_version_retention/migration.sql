-- The dashboard's cached rows also hold the student's desired retention (the workload
-- simulator starts from it): changing it gives the student's data a new token too.
DROP TRIGGER "User_student_data_version_limits" ON "User";
CREATE TRIGGER "User_student_data_version_limits" AFTER UPDATE OF "newCardsPerDay", "reviewsPerDay", "desiredRetention" ON "User"
    FOR EACH ROW EXECUTE FUNCTION "student_data_version_bump"('id');
