CREATE TABLE "pitch_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"call_id" uuid NOT NULL,
	"maker_org_id" uuid NOT NULL,
	"submitted_by" uuid NOT NULL,
	"project_name" text NOT NULL,
	"summary" text NOT NULL,
	"stage" text NOT NULL,
	"team" text NOT NULL,
	"file_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"state" text DEFAULT 'submitted' NOT NULL,
	"award" text,
	"rank" integer,
	"final_score" numeric(5, 2),
	"revision" integer DEFAULT 1 NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"withdrawn_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "pitch_calls" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"space_id" uuid NOT NULL,
	"event_id" uuid NOT NULL,
	"title" text NOT NULL,
	"field" text NOT NULL,
	"eligibility" text NOT NULL,
	"opens_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"criteria" jsonb NOT NULL,
	"award_count" smallint NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"cancel_reason" text,
	"created_by" uuid NOT NULL,
	"opened_at" timestamp with time zone,
	"reviewing_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"revision" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pitch_calls_window_check" CHECK ("pitch_calls"."closes_at" > "pitch_calls"."opens_at"),
	CONSTRAINT "pitch_calls_awards_check" CHECK ("pitch_calls"."award_count" between 1 and 100)
);
--> statement-breakpoint
CREATE TABLE "pitch_panel" (
	"call_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "pitch_panel_call_id_user_id_pk" PRIMARY KEY("call_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "pitch_scores" (
	"application_id" uuid NOT NULL,
	"reviewer_id" uuid NOT NULL,
	"conflict" boolean NOT NULL,
	"conflict_note" text,
	"scores" jsonb,
	"total" numeric(5, 2),
	"comment" text,
	"scored_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pitch_scores_application_id_reviewer_id_pk" PRIMARY KEY("application_id","reviewer_id"),
	CONSTRAINT "pitch_scores_declared_check" CHECK (("pitch_scores"."conflict" and "pitch_scores"."total" is null) or (not "pitch_scores"."conflict" and "pitch_scores"."total" between 0 and 100))
);
--> statement-breakpoint
ALTER TABLE "pitch_applications" ADD CONSTRAINT "pitch_applications_call_id_pitch_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."pitch_calls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pitch_applications" ADD CONSTRAINT "pitch_applications_maker_org_id_organisations_id_fk" FOREIGN KEY ("maker_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pitch_applications" ADD CONSTRAINT "pitch_applications_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pitch_calls" ADD CONSTRAINT "pitch_calls_space_id_spaces_id_fk" FOREIGN KEY ("space_id") REFERENCES "public"."spaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pitch_calls" ADD CONSTRAINT "pitch_calls_event_id_space_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."space_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pitch_calls" ADD CONSTRAINT "pitch_calls_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pitch_panel" ADD CONSTRAINT "pitch_panel_call_id_pitch_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."pitch_calls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pitch_panel" ADD CONSTRAINT "pitch_panel_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pitch_scores" ADD CONSTRAINT "pitch_scores_application_id_pitch_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."pitch_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pitch_scores" ADD CONSTRAINT "pitch_scores_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "pitch_applications_team_uq" ON "pitch_applications" USING btree ("call_id","maker_org_id") WHERE "pitch_applications"."state" = 'submitted';--> statement-breakpoint
CREATE INDEX "pitch_applications_call_idx" ON "pitch_applications" USING btree ("call_id","state");--> statement-breakpoint
CREATE INDEX "pitch_applications_org_idx" ON "pitch_applications" USING btree ("maker_org_id","submitted_at");--> statement-breakpoint
CREATE INDEX "pitch_calls_space_idx" ON "pitch_calls" USING btree ("space_id","state","created_at");--> statement-breakpoint
CREATE INDEX "pitch_calls_public_idx" ON "pitch_calls" USING btree ("state","closes_at");--> statement-breakpoint
CREATE INDEX "pitch_calls_event_idx" ON "pitch_calls" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "pitch_panel_user_idx" ON "pitch_panel" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "pitch_scores_reviewer_idx" ON "pitch_scores" USING btree ("reviewer_id");