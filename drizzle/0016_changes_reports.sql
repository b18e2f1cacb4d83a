CREATE TABLE "change_reports" (
	"submission_id" uuid PRIMARY KEY NOT NULL,
	"space_id" uuid NOT NULL,
	"items" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"effective_on" date,
	"due_on" date,
	"explanation" text DEFAULT '' NOT NULL,
	"evidence" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"late" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "space_change_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"space_id" uuid NOT NULL,
	"submission_id" uuid NOT NULL,
	"field" text NOT NULL,
	"before" text NOT NULL,
	"after" text NOT NULL,
	"effective_on" date NOT NULL,
	"list_id" uuid NOT NULL,
	"applied_by" uuid,
	"applied_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_reason" text
);
--> statement-breakpoint
DROP INDEX "applications_call_space_uq";--> statement-breakpoint
ALTER TABLE "change_reports" ADD CONSTRAINT "change_reports_submission_id_applications_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "change_reports" ADD CONSTRAINT "change_reports_space_id_spaces_id_fk" FOREIGN KEY ("space_id") REFERENCES "public"."spaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "space_change_history" ADD CONSTRAINT "space_change_history_space_id_spaces_id_fk" FOREIGN KEY ("space_id") REFERENCES "public"."spaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "space_change_history" ADD CONSTRAINT "space_change_history_submission_id_applications_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "space_change_history" ADD CONSTRAINT "space_change_history_applied_by_users_id_fk" FOREIGN KEY ("applied_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "change_reports_space_idx" ON "change_reports" USING btree ("space_id");--> statement-breakpoint
CREATE INDEX "change_reports_due_idx" ON "change_reports" USING btree ("due_on");--> statement-breakpoint
CREATE INDEX "space_change_history_space_idx" ON "space_change_history" USING btree ("space_id","applied_at");--> statement-breakpoint
CREATE INDEX "applications_kind_space_idx" ON "applications" USING btree ("kind","space_id");--> statement-breakpoint
CREATE UNIQUE INDEX "applications_call_space_uq" ON "applications" USING btree ("call_id","space_id") WHERE "applications"."kind" <> 'change_report';