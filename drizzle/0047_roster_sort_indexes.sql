CREATE INDEX "incubatees_entry_date_idx" ON "incubatees" USING btree ("entry_date");--> statement-breakpoint
CREATE INDEX "incubatees_name_idx" ON "incubatees" USING btree ("name");