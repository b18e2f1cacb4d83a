CREATE TABLE "maker_profiles" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"maker_type" text NOT NULL,
	"members" integer DEFAULT 1 NOT NULL,
	"fields" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"affiliation" text,
	"intro" text,
	"revision" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "maker_profiles_members_ck" CHECK ("maker_profiles"."members" between 1 and 200 and ("maker_profiles"."maker_type" = 'team' or "maker_profiles"."members" = 1))
);
--> statement-breakpoint
ALTER TABLE "maker_profiles" ADD CONSTRAINT "maker_profiles_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;