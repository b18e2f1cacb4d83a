DROP INDEX "revocation_proposals_open_uq";--> statement-breakpoint
CREATE INDEX "space_events_title_trgm" ON "space_events" USING gin ("title" gin_trgm_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "revocation_proposals_open_uq" ON "revocation_proposals" USING btree ("space_id","ground","filing_level") WHERE status in ('pending', 'in_review');