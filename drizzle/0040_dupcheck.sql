CREATE TABLE "entity_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"uscc_a" varchar(18) NOT NULL,
	"uscc_b" varchar(18) NOT NULL,
	"reason" text NOT NULL,
	"recorded_by_org_id" uuid NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "entity_links_order_check" CHECK ("entity_links"."uscc_a" < "entity_links"."uscc_b")
);
--> statement-breakpoint
CREATE TABLE "support_alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"rule" text NOT NULL,
	"pair_key" text NOT NULL,
	"support_ids" uuid[] NOT NULL,
	"return_id" uuid,
	"space_id" uuid,
	"grantor_org_ids" uuid[] NOT NULL,
	"region_codes" text[] NOT NULL,
	"explanation" jsonb NOT NULL,
	"fingerprint" text NOT NULL,
	"state" text DEFAULT 'open' NOT NULL,
	"basis" text,
	"disposed_by" uuid,
	"disposed_by_org_id" uuid,
	"disposed_at" timestamp with time zone,
	"detected_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reopened_at" timestamp with time zone,
	"revision" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "entity_links" ADD CONSTRAINT "entity_links_recorded_by_org_id_organisations_id_fk" FOREIGN KEY ("recorded_by_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entity_links" ADD CONSTRAINT "entity_links_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_alerts" ADD CONSTRAINT "support_alerts_space_id_spaces_id_fk" FOREIGN KEY ("space_id") REFERENCES "public"."spaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_alerts" ADD CONSTRAINT "support_alerts_disposed_by_users_id_fk" FOREIGN KEY ("disposed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_alerts" ADD CONSTRAINT "support_alerts_disposed_by_org_id_organisations_id_fk" FOREIGN KEY ("disposed_by_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "entity_links_pair_uq" ON "entity_links" USING btree ("uscc_a","uscc_b");--> statement-breakpoint
CREATE INDEX "entity_links_b_idx" ON "entity_links" USING btree ("uscc_b");--> statement-breakpoint
CREATE UNIQUE INDEX "support_alerts_pair_uq" ON "support_alerts" USING btree ("pair_key");--> statement-breakpoint
CREATE INDEX "support_alerts_support_ids_idx" ON "support_alerts" USING gin ("support_ids");--> statement-breakpoint
CREATE INDEX "support_alerts_grantors_idx" ON "support_alerts" USING gin ("grantor_org_ids");--> statement-breakpoint
CREATE INDEX "support_alerts_regions_idx" ON "support_alerts" USING gin ("region_codes");--> statement-breakpoint
CREATE INDEX "support_alerts_state_idx" ON "support_alerts" USING btree ("state","detected_at" DESC NULLS LAST,"id" DESC NULLS LAST);