DROP INDEX "audit_log_actor_idx";--> statement-breakpoint
DROP INDEX "audit_log_at_idx";--> statement-breakpoint
CREATE INDEX "audit_log_actor_name_at_idx" ON "audit_log" USING btree ("actor_username","at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "audit_log_action_at_idx" ON "audit_log" USING btree ("action","at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "audit_log_object_at_idx" ON "audit_log" USING btree ("object_type","object_id","at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "audit_log_unsuccessful_at_idx" ON "audit_log" USING btree ("at" DESC NULLS FIRST,"id" DESC NULLS FIRST) WHERE "audit_log"."result" <> 'success';--> statement-breakpoint
CREATE INDEX "applications_waiting_stage_idx" ON "applications" USING btree ("stage_key","stage_due_at","id") WHERE status in ('submitted', 'in_review', 'returned', 'in_public_notice');--> statement-breakpoint
CREATE INDEX "public_notices_published_idx" ON "public_notices" USING btree ("published_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "public_notices_authority_published_idx" ON "public_notices" USING btree ("authority_org_id","published_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("at" DESC NULLS FIRST,"id" DESC NULLS FIRST);