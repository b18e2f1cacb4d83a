DROP INDEX "applications_call_space_uq";--> statement-breakpoint
CREATE UNIQUE INDEX "applications_call_space_uq" ON "applications" USING btree ("call_id","space_id") WHERE "applications"."kind" not in ('change_report', 'revocation', 'support');--> statement-breakpoint
-- hand-written: a published support stays as published for at least ten years (004 §四.十四 扶持情况上网公示):
-- whoever writes the table (the app's role included), its row cannot be deleted and its facts cannot
-- change; only the payment state (paid, suspended, recovered…) and its update time may.
CREATE OR REPLACE FUNCTION supports_keep_published() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status = 'published' THEN
      RAISE EXCEPTION 'a published support is kept: it cannot be deleted' USING ERRCODE = 'check_violation';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD.status = 'published' AND (to_jsonb(NEW) - 'payment_state' - 'updated_at') IS DISTINCT FROM (to_jsonb(OLD) - 'payment_state' - 'updated_at') THEN
    RAISE EXCEPTION 'a published support is kept: only its payment state may change' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER supports_keep_published BEFORE UPDATE OR DELETE ON supports
  FOR EACH ROW EXECUTE FUNCTION supports_keep_published();
