CREATE TABLE "service_order_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid NOT NULL,
	"action" text NOT NULL,
	"from_state" text,
	"to_state" text NOT NULL,
	"note" text,
	"actor_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"service_id" uuid NOT NULL,
	"space_id" uuid NOT NULL,
	"requester_org_id" uuid NOT NULL,
	"requester_user_id" uuid NOT NULL,
	"state" text DEFAULT 'requested' NOT NULL,
	"request_note" text NOT NULL,
	"quoted_fen" bigint,
	"due_on" date,
	"quote_note" text,
	"delivery_note" text,
	"delivery_file_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"rating" smallint,
	"rating_comment" text,
	"close_reason" text,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"quoted_at" timestamp with time zone,
	"accepted_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"rated_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"revision" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_orders_rating_check" CHECK ("service_orders"."rating" is null or "service_orders"."rating" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "space_services" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"space_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"description" text NOT NULL,
	"price_basis" text NOT NULL,
	"price_fen" bigint,
	"lead_days" integer NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "space_services_price_check" CHECK (("space_services"."price_basis" = 'fixed') = ("space_services"."price_fen" is not null))
);
--> statement-breakpoint
CREATE TABLE "coaching_relations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"space_id" uuid NOT NULL,
	"mentor_id" uuid NOT NULL,
	"incubatee_id" uuid NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"goal" text,
	"started_on" date,
	"ended_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "coaching_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"relation_id" uuid NOT NULL,
	"mentor_id" uuid NOT NULL,
	"space_id" uuid NOT NULL,
	"held_on" date NOT NULL,
	"topic" text NOT NULL,
	"duration_minutes" integer NOT NULL,
	"outcome" text NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "coaching_sessions_duration_check" CHECK ("coaching_sessions"."duration_minutes" between 1 and 1440)
);
--> statement-breakpoint
CREATE TABLE "mentors" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"space_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"term" text NOT NULL,
	"fields" text[] DEFAULT '{}'::text[] NOT NULL,
	"affiliation" text NOT NULL,
	"title" text,
	"contact_mobile" text,
	"contact_email" text,
	"active" boolean DEFAULT true NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "service_order_events" ADD CONSTRAINT "service_order_events_order_id_service_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."service_orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_order_events" ADD CONSTRAINT "service_order_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_orders" ADD CONSTRAINT "service_orders_service_id_space_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."space_services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_orders" ADD CONSTRAINT "service_orders_space_id_spaces_id_fk" FOREIGN KEY ("space_id") REFERENCES "public"."spaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_orders" ADD CONSTRAINT "service_orders_requester_org_id_organisations_id_fk" FOREIGN KEY ("requester_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_orders" ADD CONSTRAINT "service_orders_requester_user_id_users_id_fk" FOREIGN KEY ("requester_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "space_services" ADD CONSTRAINT "space_services_space_id_spaces_id_fk" FOREIGN KEY ("space_id") REFERENCES "public"."spaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coaching_relations" ADD CONSTRAINT "coaching_relations_space_id_spaces_id_fk" FOREIGN KEY ("space_id") REFERENCES "public"."spaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coaching_relations" ADD CONSTRAINT "coaching_relations_mentor_id_mentors_id_fk" FOREIGN KEY ("mentor_id") REFERENCES "public"."mentors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coaching_relations" ADD CONSTRAINT "coaching_relations_incubatee_id_incubatees_id_fk" FOREIGN KEY ("incubatee_id") REFERENCES "public"."incubatees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coaching_sessions" ADD CONSTRAINT "coaching_sessions_relation_id_coaching_relations_id_fk" FOREIGN KEY ("relation_id") REFERENCES "public"."coaching_relations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coaching_sessions" ADD CONSTRAINT "coaching_sessions_mentor_id_mentors_id_fk" FOREIGN KEY ("mentor_id") REFERENCES "public"."mentors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coaching_sessions" ADD CONSTRAINT "coaching_sessions_space_id_spaces_id_fk" FOREIGN KEY ("space_id") REFERENCES "public"."spaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coaching_sessions" ADD CONSTRAINT "coaching_sessions_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentors" ADD CONSTRAINT "mentors_space_id_spaces_id_fk" FOREIGN KEY ("space_id") REFERENCES "public"."spaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "service_order_events_order_idx" ON "service_order_events" USING btree ("order_id","created_at");--> statement-breakpoint
CREATE INDEX "service_orders_queue_idx" ON "service_orders" USING btree ("space_id","state","requested_at");--> statement-breakpoint
CREATE INDEX "service_orders_requester_idx" ON "service_orders" USING btree ("requester_org_id","requested_at");--> statement-breakpoint
CREATE INDEX "service_orders_income_idx" ON "service_orders" USING btree ("space_id","delivered_at");--> statement-breakpoint
CREATE INDEX "space_services_space_idx" ON "space_services" USING btree ("space_id","kind");--> statement-breakpoint
CREATE INDEX "space_services_kind_idx" ON "space_services" USING btree ("kind","active");--> statement-breakpoint
CREATE INDEX "coaching_relations_space_idx" ON "coaching_relations" USING btree ("space_id","state");--> statement-breakpoint
CREATE INDEX "coaching_relations_mentor_idx" ON "coaching_relations" USING btree ("mentor_id");--> statement-breakpoint
CREATE UNIQUE INDEX "coaching_relations_open_uq" ON "coaching_relations" USING btree ("mentor_id","incubatee_id") WHERE state <> 'completed';--> statement-breakpoint
CREATE INDEX "coaching_sessions_mentor_idx" ON "coaching_sessions" USING btree ("mentor_id","held_on");--> statement-breakpoint
CREATE INDEX "coaching_sessions_space_idx" ON "coaching_sessions" USING btree ("space_id","held_on");--> statement-breakpoint
CREATE INDEX "coaching_sessions_relation_idx" ON "coaching_sessions" USING btree ("relation_id","held_on");--> statement-breakpoint
CREATE INDEX "mentors_space_idx" ON "mentors" USING btree ("space_id","kind","active");