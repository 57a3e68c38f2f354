-- Kept rows also hold the student's scheduling (lib/db/kept-per-student.ts): the
-- dashboard's the desired retention, /review's the scheduler, the zone and the FSRS
-- weights. Changing any of them gives the student's data a new token too; a refit
-- gives its scope one (a student's id, or "cohort": every student's /review reads it).
DROP TRIGGER "User_student_data_version_limits" ON "User";
CREATE TRIGGER "User_student_data_version_limits" AFTER UPDATE OF "newCardsPerDay", "reviewsPerDay", "desiredRetention", "scheduler", "timeZone" ON "User"
    FOR EACH ROW EXECUTE FUNCTION "student_data_version_bump"('id');
CREATE TRIGGER "FsrsParameters_student_data_version" AFTER INSERT OR UPDATE OR DELETE ON "FsrsParameters"
    FOR EACH ROW EXECUTE FUNCTION "student_data_version_bump"('scope');
