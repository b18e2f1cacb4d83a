CREATE TABLE "supports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"submission_id" uuid,
	"grantor_org_id" uuid NOT NULL,
	"grantor_region_code" text NOT NULL,
	"policy_id" uuid,
	"support_item_id" uuid,
	"category" text NOT NULL,
	"beneficiary_uscc" varchar(18) NOT NULL,
	"beneficiary_name" text NOT NULL,
	"beneficiary_role" text NOT NULL,
	"beneficiary_org_id" uuid,
	"space_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"project_title" text NOT NULL,
	"project_code" text,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"invoice_nos" text[] DEFAULT '{}'::text[] NOT NULL,
	"contract_nos" text[] DEFAULT '{}'::text[] NOT NULL,
	"area_m2" numeric(12, 2),
	"months" integer,
	"amount_yuan" numeric(14, 2) NOT NULL,
	"granted_on" date NOT NULL,
	"payment_state" text DEFAULT 'planned' NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"published_at" timestamp with time zone,
	"import_batch_id" uuid,
	"revision" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "supports_period_check" CHECK ("supports"."period_from" <= "supports"."period_to"),
	CONSTRAINT "supports_amount_check" CHECK ("supports"."amount_yuan" > 0),
	CONSTRAINT "supports_uscc_check" CHECK ("supports"."beneficiary_uscc" ~ '^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$')
);
--> statement-breakpoint
ALTER TABLE "supports" ADD CONSTRAINT "supports_submission_id_applications_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supports" ADD CONSTRAINT "supports_grantor_org_id_organisations_id_fk" FOREIGN KEY ("grantor_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supports" ADD CONSTRAINT "supports_grantor_region_code_regions_code_fk" FOREIGN KEY ("grantor_region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supports" ADD CONSTRAINT "supports_policy_id_policies_id_fk" FOREIGN KEY ("policy_id") REFERENCES "public"."policies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supports" ADD CONSTRAINT "supports_support_item_id_policy_support_items_id_fk" FOREIGN KEY ("support_item_id") REFERENCES "public"."policy_support_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supports" ADD CONSTRAINT "supports_beneficiary_org_id_organisations_id_fk" FOREIGN KEY ("beneficiary_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supports" ADD CONSTRAINT "supports_space_id_spaces_id_fk" FOREIGN KEY ("space_id") REFERENCES "public"."spaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supports" ADD CONSTRAINT "supports_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supports" ADD CONSTRAINT "supports_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "supports_submission_uq" ON "supports" USING btree ("submission_id") WHERE "supports"."submission_id" is not null;--> statement-breakpoint
CREATE INDEX "supports_uscc_category_idx" ON "supports" USING btree ("beneficiary_uscc","category","period_from");--> statement-breakpoint
CREATE INDEX "supports_space_category_idx" ON "supports" USING btree ("space_id","category","period_from");--> statement-breakpoint
CREATE INDEX "supports_grantor_idx" ON "supports" USING btree ("grantor_org_id","status","granted_on");--> statement-breakpoint
CREATE INDEX "supports_region_idx" ON "supports" USING btree ("region_code","status","granted_on");--> statement-breakpoint
CREATE INDEX "supports_published_idx" ON "supports" USING btree ("status","published_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "supports_invoice_nos_idx" ON "supports" USING gin ("invoice_nos");--> statement-breakpoint
CREATE INDEX "supports_contract_nos_idx" ON "supports" USING gin ("contract_nos");