CREATE TABLE "evaluation_entries" (
	"submission_id" uuid PRIMARY KEY NOT NULL,
	"call_id" uuid NOT NULL,
	"space_id" uuid NOT NULL,
	"summary" jsonb,
	"figures_confirmed_at" timestamp with time zone,
	"figures_confirmed_by" uuid,
	"local_opinion" text,
	"local_opinion_by" uuid,
	"score" jsonb,
	"total" numeric(6, 2),
	"grade" text,
	"grade_reason" jsonb,
	"grade_corrected" boolean DEFAULT false NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evaluation_grades" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"space_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"level" text NOT NULL,
	"grade" text NOT NULL,
	"total" numeric(6, 2),
	"grade_reason" jsonb NOT NULL,
	"call_id" uuid NOT NULL,
	"submission_id" uuid NOT NULL,
	"list_id" uuid NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evaluation_rounds" (
	"call_id" uuid PRIMARY KEY NOT NULL,
	"year" integer NOT NULL,
	"scheme_id" uuid NOT NULL,
	"scored_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "evaluation_entries" ADD CONSTRAINT "evaluation_entries_submission_id_applications_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_entries" ADD CONSTRAINT "evaluation_entries_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_entries" ADD CONSTRAINT "evaluation_entries_space_id_spaces_id_fk" FOREIGN KEY ("space_id") REFERENCES "public"."spaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_entries" ADD CONSTRAINT "evaluation_entries_figures_confirmed_by_users_id_fk" FOREIGN KEY ("figures_confirmed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_entries" ADD CONSTRAINT "evaluation_entries_local_opinion_by_users_id_fk" FOREIGN KEY ("local_opinion_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_entries" ADD CONSTRAINT "evaluation_entries_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_grades" ADD CONSTRAINT "evaluation_grades_space_id_spaces_id_fk" FOREIGN KEY ("space_id") REFERENCES "public"."spaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_grades" ADD CONSTRAINT "evaluation_grades_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_grades" ADD CONSTRAINT "evaluation_grades_submission_id_applications_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_grades" ADD CONSTRAINT "evaluation_grades_list_id_filing_lists_id_fk" FOREIGN KEY ("list_id") REFERENCES "public"."filing_lists"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_rounds" ADD CONSTRAINT "evaluation_rounds_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_rounds" ADD CONSTRAINT "evaluation_rounds_scheme_id_evaluation_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."evaluation_schemes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_rounds" ADD CONSTRAINT "evaluation_rounds_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "evaluation_entries_call_space_uq" ON "evaluation_entries" USING btree ("call_id","space_id");--> statement-breakpoint
CREATE INDEX "evaluation_entries_call_grade_idx" ON "evaluation_entries" USING btree ("call_id","grade","total");--> statement-breakpoint
CREATE UNIQUE INDEX "evaluation_grades_space_year_level_uq" ON "evaluation_grades" USING btree ("space_id","year","level");--> statement-breakpoint
CREATE INDEX "evaluation_grades_space_idx" ON "evaluation_grades" USING btree ("space_id","year");