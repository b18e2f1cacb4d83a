CREATE TABLE "incubatee_financings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"incubatee_id" uuid NOT NULL,
	"received_on" date NOT NULL,
	"amount_yuan" bigint NOT NULL,
	"investor" text NOT NULL,
	"kind" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incubatee_status_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"incubatee_id" uuid NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"effective_on" date NOT NULL,
	"note" text,
	"actor_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incubatees" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"space_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"uscc" varchar(18),
	"entry_date" date NOT NULL,
	"agreement_file_id" uuid,
	"industry" text,
	"sub_field" text,
	"founder_types" text[] DEFAULT '{}'::text[] NOT NULL,
	"jobs" integer DEFAULT 0 NOT NULL,
	"graduates_hired" integer DEFAULT 0 NOT NULL,
	"valid_ip" integer DEFAULT 0 NOT NULL,
	"invention_patents" integer DEFAULT 0 NOT NULL,
	"newly_registered" boolean DEFAULT false NOT NULL,
	"registered_on" date,
	"contact_name" text,
	"contact_mobile" text,
	"status" text DEFAULT 'resident' NOT NULL,
	"status_date" date NOT NULL,
	"left_on" date,
	"moved_to" text,
	"revision" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "space_chain_places" (
	"space_id" uuid PRIMARY KEY NOT NULL,
	"place" text NOT NULL,
	"partners" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "incubatee_financings" ADD CONSTRAINT "incubatee_financings_incubatee_id_incubatees_id_fk" FOREIGN KEY ("incubatee_id") REFERENCES "public"."incubatees"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incubatee_status_events" ADD CONSTRAINT "incubatee_status_events_incubatee_id_incubatees_id_fk" FOREIGN KEY ("incubatee_id") REFERENCES "public"."incubatees"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incubatee_status_events" ADD CONSTRAINT "incubatee_status_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incubatees" ADD CONSTRAINT "incubatees_space_id_spaces_id_fk" FOREIGN KEY ("space_id") REFERENCES "public"."spaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incubatees" ADD CONSTRAINT "incubatees_agreement_file_id_files_id_fk" FOREIGN KEY ("agreement_file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "space_chain_places" ADD CONSTRAINT "space_chain_places_space_id_spaces_id_fk" FOREIGN KEY ("space_id") REFERENCES "public"."spaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "incubatee_financings_incubatee_idx" ON "incubatee_financings" USING btree ("incubatee_id","received_on");--> statement-breakpoint
CREATE INDEX "incubatee_status_events_incubatee_idx" ON "incubatee_status_events" USING btree ("incubatee_id","created_at");--> statement-breakpoint
CREATE INDEX "incubatees_space_idx" ON "incubatees" USING btree ("space_id","entry_date");--> statement-breakpoint
CREATE INDEX "incubatees_uscc_idx" ON "incubatees" USING btree ("uscc");--> statement-breakpoint
-- Hand-written (roster): counts are non-negative, every 其中 within its total, money positive.
ALTER TABLE "incubatees" ADD CONSTRAINT "incubatees_counts_check" CHECK ("jobs" >= 0 AND "graduates_hired" >= 0 AND "graduates_hired" <= "jobs" AND "valid_ip" >= 0 AND "invention_patents" >= 0 AND "invention_patents" <= "valid_ip");--> statement-breakpoint
ALTER TABLE "incubatee_financings" ADD CONSTRAINT "incubatee_financings_amount_check" CHECK ("amount_yuan" > 0);
