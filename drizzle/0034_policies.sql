CREATE TABLE "policies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text DEFAULT 'policy' NOT NULL,
	"interprets_id" uuid,
	"title" text NOT NULL,
	"index_no" text,
	"themes" text[] DEFAULT '{}'::text[] NOT NULL,
	"issuer" text NOT NULL,
	"written_on" date,
	"doc_no" text,
	"issued_on" date,
	"keywords" text[] DEFAULT '{}'::text[] NOT NULL,
	"validity" text DEFAULT 'effective' NOT NULL,
	"valid_from" date,
	"valid_until" date,
	"replaced_by_id" uuid,
	"replaces_id" uuid,
	"replace_as" text,
	"level" text NOT NULL,
	"region_code" text NOT NULL,
	"authority_org_id" uuid NOT NULL,
	"targets" text[] DEFAULT '{}'::text[] NOT NULL,
	"body" text NOT NULL,
	"search_text" text NOT NULL,
	"attachment_file_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"published_at" timestamp with time zone,
	"revision" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "policies_interpretation_check" CHECK (("policies"."kind" = 'interpretation') = ("policies"."interprets_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "policy_subscription_hits" (
	"subscription_id" uuid NOT NULL,
	"policy_id" uuid NOT NULL,
	"notified_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "policy_subscription_hits_subscription_id_policy_id_pk" PRIMARY KEY("subscription_id","policy_id")
);
--> statement-breakpoint
CREATE TABLE "policy_subscriptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"keywords" text[] DEFAULT '{}'::text[] NOT NULL,
	"themes" text[] DEFAULT '{}'::text[] NOT NULL,
	"region_code" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "policy_support_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"policy_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"category" text NOT NULL,
	"title" text NOT NULL,
	"cap_wan" numeric(12, 2),
	"period" text,
	"clause" text
);
--> statement-breakpoint
ALTER TABLE "policies" ADD CONSTRAINT "policies_interprets_id_policies_id_fk" FOREIGN KEY ("interprets_id") REFERENCES "public"."policies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policies" ADD CONSTRAINT "policies_replaced_by_id_policies_id_fk" FOREIGN KEY ("replaced_by_id") REFERENCES "public"."policies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policies" ADD CONSTRAINT "policies_replaces_id_policies_id_fk" FOREIGN KEY ("replaces_id") REFERENCES "public"."policies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policies" ADD CONSTRAINT "policies_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policies" ADD CONSTRAINT "policies_authority_org_id_organisations_id_fk" FOREIGN KEY ("authority_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policies" ADD CONSTRAINT "policies_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_subscription_hits" ADD CONSTRAINT "policy_subscription_hits_subscription_id_policy_subscriptions_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "public"."policy_subscriptions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_subscription_hits" ADD CONSTRAINT "policy_subscription_hits_policy_id_policies_id_fk" FOREIGN KEY ("policy_id") REFERENCES "public"."policies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_subscriptions" ADD CONSTRAINT "policy_subscriptions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_subscriptions" ADD CONSTRAINT "policy_subscriptions_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_support_items" ADD CONSTRAINT "policy_support_items_policy_id_policies_id_fk" FOREIGN KEY ("policy_id") REFERENCES "public"."policies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "policies_public_idx" ON "policies" USING btree ("status","issued_on");--> statement-breakpoint
CREATE INDEX "policies_region_idx" ON "policies" USING btree ("region_code","status");--> statement-breakpoint
CREATE INDEX "policies_interprets_idx" ON "policies" USING btree ("interprets_id");--> statement-breakpoint
CREATE INDEX "policies_search_trgm" ON "policies" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "policy_subscriptions_user_idx" ON "policy_subscriptions" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "policy_support_items_position_uq" ON "policy_support_items" USING btree ("policy_id","position");