-- CreateTable
CREATE TABLE "StudentDataVersion" (
    "userId" TEXT NOT NULL,
    "token" TEXT NOT NULL,

    CONSTRAINT "StudentDataVersion_pkey" PRIMARY KEY ("userId")
);

-- Every write to a student's own records gives that student's data a new random
-- token (lib/dashboard/student-rows.ts reads it). Triggers, so that every writer
-- counts: each server worker, each instance, the CLI, a test, an operator by hand.
-- The trigger's argument names the column that holds the student's id.
CREATE FUNCTION "student_data_version_bump"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    student TEXT;
BEGIN
    IF TG_OP = 'DELETE' THEN
        student := to_jsonb(OLD) ->> TG_ARGV[0];
    ELSE
        student := to_jsonb(NEW) ->> TG_ARGV[0];
    END IF;
    INSERT INTO "StudentDataVersion" ("userId", "token") VALUES (student, md5(random()::text || clock_timestamp()::text))
    ON CONFLICT ("userId") DO UPDATE SET "token" = EXCLUDED."token";
    RETURN NULL;
END
$$;
CREATE TRIGGER "ReviewState_student_data_version" AFTER INSERT OR UPDATE OR DELETE ON "ReviewState"
    FOR EACH ROW EXECUTE FUNCTION "student_data_version_bump"('userId');
CREATE TRIGGER "ReviewLog_student_data_version" AFTER INSERT OR UPDATE OR DELETE ON "ReviewLog"
    FOR EACH ROW EXECUTE FUNCTION "student_data_version_bump"('userId');
CREATE TRIGGER "Note_student_data_version" AFTER INSERT OR UPDATE OR DELETE ON "Note"
    FOR EACH ROW EXECUTE FUNCTION "student_data_version_bump"('userId');
CREATE TRIGGER "ExamAttempt_student_data_version" AFTER INSERT OR UPDATE OR DELETE ON "ExamAttempt"
    FOR EACH ROW EXECUTE FUNCTION "student_data_version_bump"('userId');
CREATE TRIGGER "User_student_data_version_limits" AFTER UPDATE OF "newCardsPerDay", "reviewsPerDay" ON "User"
    FOR EACH ROW EXECUTE FUNCTION "student_data_version_bump"('id');
