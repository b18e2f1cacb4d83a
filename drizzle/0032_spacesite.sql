CREATE TABLE "space_sites" (
	"space_id" uuid PRIMARY KEY NOT NULL,
	"intro" text,
	"name_en" text,
	"intro_en" text,
	"address" text,
	"contact_phone" text,
	"contact_email" text,
	"website" text,
	"success_cases" jsonb,
	"international" jsonb,
	"revision" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "space_sites" ADD CONSTRAINT "space_sites_space_id_spaces_id_fk" FOREIGN KEY ("space_id") REFERENCES "public"."spaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "space_sites" ADD CONSTRAINT "space_sites_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- hand-written: the public directory's keyword search (ILIKE '%…%' on the space's name and sub-field,
-- served by trigram indexes; pg_trgm is created by the booking migration) and its filing filter.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "spaces_name_trgm" ON "spaces" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "spaces_sub_field_trgm" ON "spaces" USING gin ("sub_field" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "space_sites_name_en_trgm" ON "space_sites" USING gin ("name_en" gin_trgm_ops);
