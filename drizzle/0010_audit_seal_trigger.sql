-- Rows are appended unsealed and sealed into the keyed chain after commit (src/modules/audit). The
-- old unkeyed hashes are dropped: the sealer re-seals every existing row, in id order, with the key.
DROP TRIGGER audit_log_no_update_delete ON audit_log;
--> statement-breakpoint
UPDATE audit_log SET prev_hash = NULL, hash = NULL;
--> statement-breakpoint
-- Inserts carry no seal fields; the only update allowed fills the seal fields of an unsealed row
-- once and changes nothing else; sealed rows never change; nothing is deleted or truncated.
CREATE OR REPLACE FUNCTION audit_log_refuse_change() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW.seq IS NOT NULL OR NEW.prev_hash IS NOT NULL OR NEW.hash IS NOT NULL THEN
      RAISE EXCEPTION 'audit_log rows are appended unsealed: only the sealer seals them';
    END IF;
    RETURN NEW;
  END IF;
  IF TG_OP = 'UPDATE' THEN
    IF OLD.seq IS NULL AND OLD.prev_hash IS NULL AND OLD.hash IS NULL
      AND NEW.seq IS NOT NULL AND NEW.prev_hash IS NOT NULL AND NEW.hash IS NOT NULL
      AND to_jsonb(NEW) - 'seq' - 'prev_hash' - 'hash' = to_jsonb(OLD) - 'seq' - 'prev_hash' - 'hash' THEN
      RETURN NEW;
    END IF;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER audit_log_guard BEFORE INSERT OR UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
--> statement-breakpoint
-- Wakes the sealers when rows commit: a notification is delivered only at commit, once per transaction.
CREATE OR REPLACE FUNCTION audit_log_notify_appended() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('audit_log_appended', '');
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER audit_log_appended AFTER INSERT ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_notify_appended();
