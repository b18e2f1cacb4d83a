-- The sealer is woken in-process after a commit that wrote audit rows, and by its timer for rows
-- other processes wrote. The NOTIFY this trigger sent made PostgreSQL serialise the commits of every
-- notifying transaction on one lock held through the WAL flush: every audited write committed alone.
DROP TRIGGER IF EXISTS audit_log_appended ON audit_log;
--> statement-breakpoint
DROP FUNCTION IF EXISTS audit_log_notify_appended();
