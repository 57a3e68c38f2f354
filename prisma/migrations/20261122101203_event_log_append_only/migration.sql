-- The audit trail is append-only: the database itself refuses to change or
-- remove a row of event_log, whatever code (or person with a SQL shell) tries.
-- Prisma does not model triggers; a migration that redefines event_log must recreate these.
CREATE TRIGGER "event_log_no_update" BEFORE UPDATE ON "event_log"
BEGIN
  SELECT RAISE(ABORT, 'event_log is append-only: audit rows cannot be changed');
END;

CREATE TRIGGER "event_log_no_delete" BEFORE DELETE ON "event_log"
BEGIN
  SELECT RAISE(ABORT, 'event_log is append-only: audit rows cannot be deleted');
END;
