CREATE TABLE "crowd_awards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"challenge_id" uuid NOT NULL,
	"solution_id" uuid NOT NULL,
	"team_name" text NOT NULL,
	"reward_yuan" bigint NOT NULL,
	"ip_terms" text NOT NULL,
	"note" text,
	"awarded_by" uuid NOT NULL,
	"awarded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "crowd_challenges" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"space_id" uuid NOT NULL,
	"title" text NOT NULL,
	"field" text NOT NULL,
	"description" text NOT NULL,
	"deliverables" text NOT NULL,
	"ip_terms" text NOT NULL,
	"confidentiality" text NOT NULL,
	"reward_yuan" bigint NOT NULL,
	"deadline" date NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"close_reason" text,
	"created_by" uuid NOT NULL,
	"published_at" timestamp with time zone,
	"judging_at" timestamp with time zone,
	"awarded_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"revision" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "crowd_challenges_reward_check" CHECK ("crowd_challenges"."reward_yuan" >= 0)
);
--> statement-breakpoint
CREATE TABLE "crowd_panel" (
	"challenge_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "crowd_panel_challenge_id_user_id_pk" PRIMARY KEY("challenge_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "crowd_scores" (
	"solution_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"score" smallint NOT NULL,
	"comment" text,
	"scored_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "crowd_scores_solution_id_user_id_pk" PRIMARY KEY("solution_id","user_id"),
	CONSTRAINT "crowd_scores_range_check" CHECK ("crowd_scores"."score" between 0 and 100)
);
--> statement-breakpoint
CREATE TABLE "crowd_solutions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"challenge_id" uuid NOT NULL,
	"maker_org_id" uuid NOT NULL,
	"submitted_by" uuid NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"file_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "financing_investments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"investor_id" uuid,
	"fund_id" uuid,
	"investor_name" text NOT NULL,
	"invested_on" date NOT NULL,
	"amount_yuan" bigint NOT NULL,
	"type" text NOT NULL,
	"roster_financing_id" uuid,
	"recorded_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "financing_investments_amount_check" CHECK ("financing_investments"."amount_yuan" > 0),
	CONSTRAINT "financing_investments_source_check" CHECK (("financing_investments"."investor_id" is null) <> ("financing_investments"."fund_id" is null))
);
--> statement-breakpoint
CREATE TABLE "financing_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"space_id" uuid NOT NULL,
	"incubatee_id" uuid NOT NULL,
	"amount_yuan" bigint NOT NULL,
	"round" text NOT NULL,
	"purpose" text NOT NULL,
	"field" text NOT NULL,
	"state" text DEFAULT 'open' NOT NULL,
	"created_by" uuid NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "financing_requests_amount_check" CHECK ("financing_requests"."amount_yuan" > 0)
);
--> statement-breakpoint
CREATE TABLE "investors" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"fields" text[] NOT NULL,
	"intro" text,
	"registered_by_org_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "space_funds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"space_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"size_yuan" bigint NOT NULL,
	"manager" text NOT NULL,
	"partner" text,
	"since" date NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "space_funds_size_check" CHECK ("space_funds"."size_yuan" > 0)
);
--> statement-breakpoint
ALTER TABLE "crowd_awards" ADD CONSTRAINT "crowd_awards_challenge_id_crowd_challenges_id_fk" FOREIGN KEY ("challenge_id") REFERENCES "public"."crowd_challenges"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crowd_awards" ADD CONSTRAINT "crowd_awards_solution_id_crowd_solutions_id_fk" FOREIGN KEY ("solution_id") REFERENCES "public"."crowd_solutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crowd_awards" ADD CONSTRAINT "crowd_awards_awarded_by_users_id_fk" FOREIGN KEY ("awarded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crowd_challenges" ADD CONSTRAINT "crowd_challenges_space_id_spaces_id_fk" FOREIGN KEY ("space_id") REFERENCES "public"."spaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crowd_challenges" ADD CONSTRAINT "crowd_challenges_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crowd_panel" ADD CONSTRAINT "crowd_panel_challenge_id_crowd_challenges_id_fk" FOREIGN KEY ("challenge_id") REFERENCES "public"."crowd_challenges"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crowd_panel" ADD CONSTRAINT "crowd_panel_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crowd_scores" ADD CONSTRAINT "crowd_scores_solution_id_crowd_solutions_id_fk" FOREIGN KEY ("solution_id") REFERENCES "public"."crowd_solutions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crowd_scores" ADD CONSTRAINT "crowd_scores_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crowd_solutions" ADD CONSTRAINT "crowd_solutions_challenge_id_crowd_challenges_id_fk" FOREIGN KEY ("challenge_id") REFERENCES "public"."crowd_challenges"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crowd_solutions" ADD CONSTRAINT "crowd_solutions_maker_org_id_organisations_id_fk" FOREIGN KEY ("maker_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crowd_solutions" ADD CONSTRAINT "crowd_solutions_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "financing_investments" ADD CONSTRAINT "financing_investments_request_id_financing_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."financing_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "financing_investments" ADD CONSTRAINT "financing_investments_investor_id_investors_id_fk" FOREIGN KEY ("investor_id") REFERENCES "public"."investors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "financing_investments" ADD CONSTRAINT "financing_investments_fund_id_space_funds_id_fk" FOREIGN KEY ("fund_id") REFERENCES "public"."space_funds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "financing_investments" ADD CONSTRAINT "financing_investments_roster_financing_id_incubatee_financings_id_fk" FOREIGN KEY ("roster_financing_id") REFERENCES "public"."incubatee_financings"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "financing_investments" ADD CONSTRAINT "financing_investments_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "financing_requests" ADD CONSTRAINT "financing_requests_space_id_spaces_id_fk" FOREIGN KEY ("space_id") REFERENCES "public"."spaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "financing_requests" ADD CONSTRAINT "financing_requests_incubatee_id_incubatees_id_fk" FOREIGN KEY ("incubatee_id") REFERENCES "public"."incubatees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "financing_requests" ADD CONSTRAINT "financing_requests_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investors" ADD CONSTRAINT "investors_registered_by_org_id_organisations_id_fk" FOREIGN KEY ("registered_by_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "space_funds" ADD CONSTRAINT "space_funds_space_id_spaces_id_fk" FOREIGN KEY ("space_id") REFERENCES "public"."spaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "crowd_awards_challenge_uq" ON "crowd_awards" USING btree ("challenge_id");--> statement-breakpoint
CREATE INDEX "crowd_challenges_space_idx" ON "crowd_challenges" USING btree ("space_id","state","created_at");--> statement-breakpoint
CREATE INDEX "crowd_challenges_public_idx" ON "crowd_challenges" USING btree ("state","deadline");--> statement-breakpoint
CREATE INDEX "crowd_panel_user_idx" ON "crowd_panel" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "crowd_solutions_team_uq" ON "crowd_solutions" USING btree ("challenge_id","maker_org_id");--> statement-breakpoint
CREATE INDEX "crowd_solutions_org_idx" ON "crowd_solutions" USING btree ("maker_org_id","submitted_at");--> statement-breakpoint
CREATE INDEX "financing_investments_request_idx" ON "financing_investments" USING btree ("request_id","invested_on");--> statement-breakpoint
CREATE INDEX "financing_requests_space_idx" ON "financing_requests" USING btree ("space_id","state","created_at");--> statement-breakpoint
CREATE INDEX "investors_fields_idx" ON "investors" USING gin ("fields");--> statement-breakpoint
CREATE INDEX "space_funds_space_idx" ON "space_funds" USING btree ("space_id","kind");