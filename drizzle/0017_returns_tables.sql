CREATE TABLE "return_catalogues" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"year" integer NOT NULL,
	"version" integer NOT NULL,
	"status" text NOT NULL,
	"name" text NOT NULL,
	"definition" jsonb NOT NULL,
	"owner_region_code" varchar(6),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "return_rounds" (
	"call_id" uuid PRIMARY KEY NOT NULL,
	"cadence" text NOT NULL,
	"period" text NOT NULL,
	"period_start" timestamp with time zone NOT NULL,
	"period_end" timestamp with time zone NOT NULL,
	"catalogue_id" uuid NOT NULL,
	"missed_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "return_standing" (
	"space_id" uuid NOT NULL,
	"cadence" text NOT NULL,
	"consecutive_missed" integer DEFAULT 0 NOT NULL,
	"last_call_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "return_values" (
	"submission_id" uuid PRIMARY KEY NOT NULL,
	"call_id" uuid NOT NULL,
	"space_id" uuid NOT NULL,
	"values" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"platform" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"notes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"findings" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"missed_at" timestamp with time zone,
	"accepted_at" timestamp with time zone,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "return_catalogues" ADD CONSTRAINT "return_catalogues_owner_region_code_regions_code_fk" FOREIGN KEY ("owner_region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "return_rounds" ADD CONSTRAINT "return_rounds_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "return_rounds" ADD CONSTRAINT "return_rounds_catalogue_id_return_catalogues_id_fk" FOREIGN KEY ("catalogue_id") REFERENCES "public"."return_catalogues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "return_rounds" ADD CONSTRAINT "return_rounds_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "return_standing" ADD CONSTRAINT "return_standing_space_id_spaces_id_fk" FOREIGN KEY ("space_id") REFERENCES "public"."spaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "return_standing" ADD CONSTRAINT "return_standing_last_call_id_calls_id_fk" FOREIGN KEY ("last_call_id") REFERENCES "public"."calls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "return_values" ADD CONSTRAINT "return_values_submission_id_applications_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "return_values" ADD CONSTRAINT "return_values_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "return_values" ADD CONSTRAINT "return_values_space_id_spaces_id_fk" FOREIGN KEY ("space_id") REFERENCES "public"."spaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "return_values" ADD CONSTRAINT "return_values_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "return_catalogues_year_version_uq" ON "return_catalogues" USING btree ("year","version");--> statement-breakpoint
CREATE UNIQUE INDEX "return_standing_uq" ON "return_standing" USING btree ("space_id","cadence");--> statement-breakpoint
CREATE INDEX "return_values_space_idx" ON "return_values" USING btree ("space_id");--> statement-breakpoint
CREATE UNIQUE INDEX "return_values_call_space_uq" ON "return_values" USING btree ("call_id","space_id");