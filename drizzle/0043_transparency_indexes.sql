-- hand-written: covering indexes for the dashboards' year figures (issue 17; BENCHMARKS.md, "Transparency
-- at national scale"), which drizzle cannot declare (INCLUDE columns). A dashboard reads each space of the
-- subtree's year by a range on these, index-only: the supports granted (by department and category, with the
-- open alerts joined by id), the completed bookings and their minutes, the confirmed sign-ups of the year's
-- events and their check-ins.
CREATE INDEX IF NOT EXISTS "supports_space_granted_idx" ON "supports" ("space_id", "granted_on") INCLUDE ("status", "grantor_org_id", "category", "amount_yuan", "id");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "bookings_completed_idx" ON "bookings" ("space_id", "starts_at") INCLUDE ("used_minutes") WHERE "status" = 'completed';--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "event_signups_confirmed_idx" ON "event_signups" ("event_id") INCLUDE ("checked_in_at") WHERE "status" = 'confirmed';
