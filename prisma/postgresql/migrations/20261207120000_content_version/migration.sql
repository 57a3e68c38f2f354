-- CreateTable
CREATE TABLE "ContentVersion" (
    "id" INTEGER NOT NULL,
    "token" TEXT NOT NULL,

    CONSTRAINT "ContentVersion_pkey" PRIMARY KEY ("id")
);

-- Every write to the course's tables gives the course a new random version token
-- (lib/content/course-snapshot.ts reads it). Triggers, so that writes by hand count too.
-- No row until the first write: until then the version reads as none, which is stable.
CREATE FUNCTION "content_version_bump"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO "ContentVersion" ("id", "token") VALUES (1, md5(random()::text || clock_timestamp()::text))
    ON CONFLICT ("id") DO UPDATE SET "token" = EXCLUDED."token";
    RETURN NULL;
END
$$;
CREATE TRIGGER "Phase_content_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Phase"
    FOR EACH STATEMENT EXECUTE FUNCTION "content_version_bump"();
CREATE TRIGGER "Card_content_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Card"
    FOR EACH STATEMENT EXECUTE FUNCTION "content_version_bump"();
CREATE TRIGGER "ExamQuestion_content_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "ExamQuestion"
    FOR EACH STATEMENT EXECUTE FUNCTION "content_version_bump"();

