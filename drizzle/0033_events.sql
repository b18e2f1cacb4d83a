CREATE TABLE "event_signups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"status" text NOT NULL,
	"note" text,
	"token" text NOT NULL,
	"offered_until" timestamp with time zone,
	"checked_in_at" timestamp with time zone,
	"check_in_source" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "space_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"space_id" uuid NOT NULL,
	"title" text NOT NULL,
	"kind" text NOT NULL,
	"role" text NOT NULL,
	"partners" text[] DEFAULT '{}'::text[] NOT NULL,
	"sub_field" text,
	"description" text NOT NULL,
	"place" text,
	"online_url" text,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"capacity" integer NOT NULL,
	"seats_taken" integer DEFAULT 0 NOT NULL,
	"signup_opens_at" timestamp with time zone NOT NULL,
	"signup_closes_at" timestamp with time zone NOT NULL,
	"needs_approval" boolean DEFAULT false NOT NULL,
	"offer_minutes" integer DEFAULT 720 NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"summary" text,
	"published_at" timestamp with time zone,
	"held_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"created_by" uuid,
	"revision" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "space_events_seats_check" CHECK ("space_events"."seats_taken" >= 0 and "space_events"."seats_taken" <= "space_events"."capacity"),
	CONSTRAINT "space_events_capacity_check" CHECK ("space_events"."capacity" > 0),
	CONSTRAINT "space_events_time_check" CHECK ("space_events"."ends_at" > "space_events"."starts_at" and "space_events"."signup_closes_at" > "space_events"."signup_opens_at")
);
--> statement-breakpoint
ALTER TABLE "event_signups" ADD CONSTRAINT "event_signups_event_id_space_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."space_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_signups" ADD CONSTRAINT "event_signups_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "space_events" ADD CONSTRAINT "space_events_space_id_spaces_id_fk" FOREIGN KEY ("space_id") REFERENCES "public"."spaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "space_events" ADD CONSTRAINT "space_events_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "event_signups_token_uq" ON "event_signups" USING btree ("token");--> statement-breakpoint
CREATE UNIQUE INDEX "event_signups_live_uq" ON "event_signups" USING btree ("event_id","user_id") WHERE status in ('pending', 'confirmed', 'waitlisted', 'offered');--> statement-breakpoint
CREATE INDEX "event_signups_event_idx" ON "event_signups" USING btree ("event_id","status","created_at");--> statement-breakpoint
CREATE INDEX "event_signups_user_idx" ON "event_signups" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "space_events_space_idx" ON "space_events" USING btree ("space_id","starts_at");--> statement-breakpoint
CREATE INDEX "space_events_status_idx" ON "space_events" USING btree ("status","starts_at");