CREATE TABLE "evaluation_schemes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" varchar(6) NOT NULL,
	"year" integer NOT NULL,
	"category" text NOT NULL,
	"types" jsonb,
	"version" integer,
	"status" text NOT NULL,
	"definition" jsonb NOT NULL,
	"shipped" boolean DEFAULT false NOT NULL,
	"based_on_id" uuid,
	"revision" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "evaluation_schemes" ADD CONSTRAINT "evaluation_schemes_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_schemes" ADD CONSTRAINT "evaluation_schemes_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "evaluation_schemes_line_version_uq" ON "evaluation_schemes" USING btree ("region_code","year","category","version") WHERE "evaluation_schemes"."version" is not null;--> statement-breakpoint
-- Hand-written: a published version has its number and a draft has none (drizzle-kit does not generate CHECKs here).
ALTER TABLE "evaluation_schemes" ADD CONSTRAINT "evaluation_schemes_published_version_ck" CHECK (("status" = 'published') = ("version" is not null));
