CREATE TABLE "return_settings" (
	"region_code" varchar(6) PRIMARY KEY NOT NULL,
	"monthly" boolean DEFAULT false NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP INDEX "return_catalogues_year_version_uq";--> statement-breakpoint
ALTER TABLE "return_catalogues" ALTER COLUMN "version" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "return_catalogues" ADD COLUMN "based_on_id" uuid;--> statement-breakpoint
ALTER TABLE "return_catalogues" ADD COLUMN "revision" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "return_catalogues" ADD COLUMN "created_by" uuid;--> statement-breakpoint
ALTER TABLE "return_catalogues" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "return_values" ADD COLUMN "cover_file_id" uuid;--> statement-breakpoint
ALTER TABLE "return_values" ADD COLUMN "reminded" integer[] DEFAULT '{}'::integer[] NOT NULL;--> statement-breakpoint
ALTER TABLE "return_settings" ADD CONSTRAINT "return_settings_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "return_settings" ADD CONSTRAINT "return_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "return_catalogues" ADD CONSTRAINT "return_catalogues_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "return_values" ADD CONSTRAINT "return_values_cover_file_id_files_id_fk" FOREIGN KEY ("cover_file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "return_catalogues_year_version_uq" ON "return_catalogues" USING btree ("year","version") WHERE "return_catalogues"."version" is not null;--> statement-breakpoint
-- Hand-written: a version number exactly when published (drafts get theirs on publishing).
ALTER TABLE "return_catalogues" ADD CONSTRAINT "return_catalogues_published_version_ck" CHECK (("status" = 'published') = ("version" is not null));
