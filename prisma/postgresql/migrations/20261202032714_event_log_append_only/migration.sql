-- The audit trail is append-only: the database itself refuses to change, remove
-- or truncate rows of event_log, whatever code (or person with a SQL shell) tries.
-- Prisma does not model triggers; the same guarantee as the SQLite migration of this name.
CREATE FUNCTION "event_log_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'event_log is append-only: audit rows cannot be %',
    CASE TG_OP WHEN 'UPDATE' THEN 'changed' WHEN 'DELETE' THEN 'deleted' ELSE 'truncated' END;
END;
$$;

CREATE TRIGGER "event_log_no_update" BEFORE UPDATE ON "event_log"
  FOR EACH ROW EXECUTE FUNCTION "event_log_append_only"();

CREATE TRIGGER "event_log_no_delete" BEFORE DELETE ON "event_log"
  FOR EACH ROW EXECUTE FUNCTION "event_log_append_only"();

CREATE TRIGGER "event_log_no_truncate" BEFORE TRUNCATE ON "event_log"
  FOR EACH STATEMENT EXECUTE FUNCTION "event_log_append_only"();
