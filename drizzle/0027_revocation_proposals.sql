CREATE TABLE "revocation_proposals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"space_id" uuid NOT NULL,
	"filing_id" uuid NOT NULL,
	"filing_level" text NOT NULL,
	"ground" text NOT NULL,
	"evidence" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"submission_id" uuid,
	"raised_by" uuid,
	"raised_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_by" uuid,
	"closed_at" timestamp with time zone,
	"closed_note" text
);
--> statement-breakpoint
DROP INDEX "applications_call_space_uq";--> statement-breakpoint
ALTER TABLE "revocation_proposals" ADD CONSTRAINT "revocation_proposals_space_id_spaces_id_fk" FOREIGN KEY ("space_id") REFERENCES "public"."spaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "revocation_proposals" ADD CONSTRAINT "revocation_proposals_filing_id_filings_id_fk" FOREIGN KEY ("filing_id") REFERENCES "public"."filings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "revocation_proposals" ADD CONSTRAINT "revocation_proposals_submission_id_applications_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "revocation_proposals" ADD CONSTRAINT "revocation_proposals_raised_by_users_id_fk" FOREIGN KEY ("raised_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "revocation_proposals" ADD CONSTRAINT "revocation_proposals_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "revocation_proposals_open_uq" ON "revocation_proposals" USING btree ("space_id","ground") WHERE status in ('pending', 'in_review');--> statement-breakpoint
CREATE INDEX "revocation_proposals_status_idx" ON "revocation_proposals" USING btree ("status","raised_at");--> statement-breakpoint
CREATE INDEX "revocation_proposals_space_idx" ON "revocation_proposals" USING btree ("space_id");--> statement-breakpoint
CREATE UNIQUE INDEX "applications_call_space_uq" ON "applications" USING btree ("call_id","space_id") WHERE "applications"."kind" not in ('change_report', 'revocation');