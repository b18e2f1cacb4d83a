CREATE TABLE "chains" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key" text NOT NULL,
	"version" integer,
	"status" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"level" text NOT NULL,
	"requires_filing" text,
	"definition" jsonb NOT NULL,
	"owner_region_code" varchar(6),
	"based_on_id" uuid,
	"revision" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "calls" ADD COLUMN "chain_id" uuid;--> statement-breakpoint
ALTER TABLE "chains" ADD CONSTRAINT "chains_owner_region_code_regions_code_fk" FOREIGN KEY ("owner_region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chains" ADD CONSTRAINT "chains_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "chains_key_version_uq" ON "chains" USING btree ("key","version") WHERE "chains"."version" is not null;--> statement-breakpoint
CREATE INDEX "chains_owner_idx" ON "chains" USING btree ("owner_region_code");--> statement-breakpoint
CREATE INDEX "chains_level_idx" ON "chains" USING btree ("level","status");--> statement-breakpoint
ALTER TABLE "calls" ADD CONSTRAINT "calls_chain_id_chains_id_fk" FOREIGN KEY ("chain_id") REFERENCES "public"."chains"("id") ON DELETE no action ON UPDATE no action;