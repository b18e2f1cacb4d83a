DROP INDEX "incubatees_space_idx";--> statement-breakpoint
CREATE INDEX "applications_id_status_idx" ON "applications" USING btree ("id","status");--> statement-breakpoint
CREATE INDEX "incubatees_cohort_idx" ON "incubatees" USING btree ("space_id","entry_date","status","status_date");--> statement-breakpoint
CREATE INDEX "return_values_call_state_idx" ON "return_values" USING btree ("call_id","space_id","submission_id","accepted_at","missed_at");