-- CreateTable
CREATE TABLE "ContentVersion" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "token" TEXT NOT NULL
);

-- Every write to the course's tables gives the course a new random version token
-- (lib/content/course-snapshot.ts reads it). Triggers, so that writes by hand count too.
-- No row until the first write: until then the version reads as none, which is stable.
CREATE TRIGGER "Phase_content_version_insert" AFTER INSERT ON "Phase" BEGIN
    INSERT INTO "ContentVersion" ("id", "token") VALUES (1, lower(hex(randomblob(12)))) ON CONFLICT ("id") DO UPDATE SET "token" = excluded."token";
END;
CREATE TRIGGER "Phase_content_version_update" AFTER UPDATE ON "Phase" BEGIN
    INSERT INTO "ContentVersion" ("id", "token") VALUES (1, lower(hex(randomblob(12)))) ON CONFLICT ("id") DO UPDATE SET "token" = excluded."token";
END;
CREATE TRIGGER "Phase_content_version_delete" AFTER DELETE ON "Phase" BEGIN
    INSERT INTO "ContentVersion" ("id", "token") VALUES (1, lower(hex(randomblob(12)))) ON CONFLICT ("id") DO UPDATE SET "token" = excluded."token";
END;
CREATE TRIGGER "Card_content_version_insert" AFTER INSERT ON "Card" BEGIN
    INSERT INTO "ContentVersion" ("id", "token") VALUES (1, lower(hex(randomblob(12)))) ON CONFLICT ("id") DO UPDATE SET "token" = excluded."token";
END;
CREATE TRIGGER "Card_content_version_update" AFTER UPDATE ON "Card" BEGIN
    INSERT INTO "ContentVersion" ("id", "token") VALUES (1, lower(hex(randomblob(12)))) ON CONFLICT ("id") DO UPDATE SET "token" = excluded."token";
END;
CREATE TRIGGER "Card_content_version_delete" AFTER DELETE ON "Card" BEGIN
    INSERT INTO "ContentVersion" ("id", "token") VALUES (1, lower(hex(randomblob(12)))) ON CONFLICT ("id") DO UPDATE SET "token" = excluded."token";
END;
CREATE TRIGGER "ExamQuestion_content_version_insert" AFTER INSERT ON "ExamQuestion" BEGIN
    INSERT INTO "ContentVersion" ("id", "token") VALUES (1, lower(hex(randomblob(12)))) ON CONFLICT ("id") DO UPDATE SET "token" = excluded."token";
END;
CREATE TRIGGER "ExamQuestion_content_version_update" AFTER UPDATE ON "ExamQuestion" BEGIN
    INSERT INTO "ContentVersion" ("id", "token") VALUES (1, lower(hex(randomblob(12)))) ON CONFLICT ("id") DO UPDATE SET "token" = excluded."token";
END;
CREATE TRIGGER "ExamQuestion_content_version_delete" AFTER DELETE ON "ExamQuestion" BEGIN
    INSERT INTO "ContentVersion" ("id", "token") VALUES (1, lower(hex(randomblob(12)))) ON CONFLICT ("id") DO UPDATE SET "token" = excluded."token";
END;

