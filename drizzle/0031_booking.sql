-- Hand-written (keep when regenerating): the contrib extensions this migration's index and
-- constraint need. On PGlite they are loaded by src/db/client.ts.
CREATE EXTENSION IF NOT EXISTS btree_gist;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE TABLE "booking_bans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"space_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"until" timestamp with time zone NOT NULL,
	"strikes" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "booking_blackouts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"resource_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "booking_members" (
	"space_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"user_group" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "booking_members_space_id_user_id_pk" PRIMARY KEY("space_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "booking_qualifications" (
	"resource_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"granted_on" date NOT NULL,
	"expires_on" date NOT NULL,
	"last_used_at" timestamp with time zone NOT NULL,
	"granted_by" uuid NOT NULL,
	"note" text,
	CONSTRAINT "booking_qualifications_resource_id_user_id_pk" PRIMARY KEY("resource_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "booking_resources" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"space_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"category" text NOT NULL,
	"specs" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"location" text NOT NULL,
	"description" text,
	"fee_basis" text NOT NULL,
	"fee_unit" text NOT NULL,
	"price_fen" integer NOT NULL,
	"free_quota_hours" integer DEFAULT 0 NOT NULL,
	"opening_hours" jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "booking_rules" (
	"resource_id" uuid NOT NULL,
	"user_group" text NOT NULL,
	"window_days" integer NOT NULL,
	"notice_minutes" integer NOT NULL,
	"min_minutes" integer NOT NULL,
	"max_minutes" integer NOT NULL,
	"buffer_minutes" integer DEFAULT 0 NOT NULL,
	"daily_cap_minutes" integer NOT NULL,
	"future_cap" integer NOT NULL,
	"needs_approval" boolean DEFAULT false NOT NULL,
	"requires_qualification" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "booking_rules_resource_id_user_group_pk" PRIMARY KEY("resource_id","user_group")
);
--> statement-breakpoint
CREATE TABLE "booking_settings" (
	"space_id" uuid PRIMARY KEY NOT NULL,
	"strike_limit" integer DEFAULT 3 NOT NULL,
	"strike_window_days" integer DEFAULT 90 NOT NULL,
	"ban_days" integer DEFAULT 30 NOT NULL,
	"grace_minutes" integer DEFAULT 60 NOT NULL,
	"late_cancel_minutes" integer DEFAULT 1440 NOT NULL,
	"offer_minutes" integer DEFAULT 30 NOT NULL,
	"qualification_lapse_days" integer DEFAULT 180 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "booking_vouchers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"booking_id" uuid NOT NULL,
	"issuer" text NOT NULL,
	"number" text NOT NULL,
	"amount_fen" integer NOT NULL,
	"recorded_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "booking_waitlist" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"resource_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'waiting' NOT NULL,
	"offered_until" timestamp with time zone,
	"booking_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bookings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"resource_id" uuid NOT NULL,
	"space_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"user_group" text NOT NULL,
	"status" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"held" "tstzrange" NOT NULL,
	"purpose" text,
	"check_in_token" text NOT NULL,
	"checked_in_at" timestamp with time zone,
	"checked_out_at" timestamp with time zone,
	"samples" integer,
	"used_minutes" integer,
	"free_minutes" integer,
	"charge_fen" integer,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"strike" boolean DEFAULT false NOT NULL,
	"reason" text,
	"revision" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "booking_bans" ADD CONSTRAINT "booking_bans_space_id_spaces_id_fk" FOREIGN KEY ("space_id") REFERENCES "public"."spaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_bans" ADD CONSTRAINT "booking_bans_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_blackouts" ADD CONSTRAINT "booking_blackouts_resource_id_booking_resources_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."booking_resources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_members" ADD CONSTRAINT "booking_members_space_id_spaces_id_fk" FOREIGN KEY ("space_id") REFERENCES "public"."spaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_members" ADD CONSTRAINT "booking_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_qualifications" ADD CONSTRAINT "booking_qualifications_resource_id_booking_resources_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."booking_resources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_qualifications" ADD CONSTRAINT "booking_qualifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_qualifications" ADD CONSTRAINT "booking_qualifications_granted_by_users_id_fk" FOREIGN KEY ("granted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_resources" ADD CONSTRAINT "booking_resources_space_id_spaces_id_fk" FOREIGN KEY ("space_id") REFERENCES "public"."spaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_rules" ADD CONSTRAINT "booking_rules_resource_id_booking_resources_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."booking_resources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_settings" ADD CONSTRAINT "booking_settings_space_id_spaces_id_fk" FOREIGN KEY ("space_id") REFERENCES "public"."spaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_vouchers" ADD CONSTRAINT "booking_vouchers_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_vouchers" ADD CONSTRAINT "booking_vouchers_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_waitlist" ADD CONSTRAINT "booking_waitlist_resource_id_booking_resources_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."booking_resources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_waitlist" ADD CONSTRAINT "booking_waitlist_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_waitlist" ADD CONSTRAINT "booking_waitlist_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_resource_id_booking_resources_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."booking_resources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_space_id_spaces_id_fk" FOREIGN KEY ("space_id") REFERENCES "public"."spaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "booking_bans_user_idx" ON "booking_bans" USING btree ("space_id","user_id","until");--> statement-breakpoint
CREATE INDEX "booking_blackouts_resource_idx" ON "booking_blackouts" USING btree ("resource_id","starts_at");--> statement-breakpoint
CREATE INDEX "booking_resources_space_idx" ON "booking_resources" USING btree ("space_id");--> statement-breakpoint
CREATE INDEX "booking_resources_kind_idx" ON "booking_resources" USING btree ("kind","category");--> statement-breakpoint
CREATE INDEX "booking_resources_search_trgm" ON "booking_resources" USING gin (("name" || ' ' || "category") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "booking_vouchers_booking_idx" ON "booking_vouchers" USING btree ("booking_id");--> statement-breakpoint
CREATE UNIQUE INDEX "booking_vouchers_number_uq" ON "booking_vouchers" USING btree ("issuer","number");--> statement-breakpoint
CREATE INDEX "booking_waitlist_resource_idx" ON "booking_waitlist" USING btree ("resource_id","status","created_at");--> statement-breakpoint
CREATE INDEX "bookings_resource_idx" ON "bookings" USING btree ("resource_id","starts_at");--> statement-breakpoint
CREATE INDEX "bookings_user_idx" ON "bookings" USING btree ("user_id","starts_at");--> statement-breakpoint
CREATE INDEX "bookings_space_idx" ON "bookings" USING btree ("space_id","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "bookings_token_uq" ON "bookings" USING btree ("check_in_token");--> statement-breakpoint
-- Hand-written (keep when regenerating): two bookings of one resource that still hold their time
-- (pending, confirmed, checked in) never overlap; `held` includes the buffer after the booking.
-- A concurrent second insert fails with 23P01, mapped to 409 时段已被预约.
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_no_overlap" EXCLUDE USING gist ("resource_id" WITH =, "held" WITH &&) WHERE ("status" IN ('pending', 'confirmed', 'checked_in'));--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_range_ck" CHECK ("ends_at" > "starts_at" AND lower("held") = "starts_at" AND upper("held") >= "ends_at");--> statement-breakpoint
ALTER TABLE "booking_vouchers" ADD CONSTRAINT "booking_vouchers_amount_ck" CHECK ("amount_fen" > 0);
