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
CREATE INDEX "financing_investments_request_idx" ON "financing_investments" USING btree ("request_id","invested_on");--> statement-breakpoint
CREATE INDEX "financing_requests_space_idx" ON "financing_requests" USING btree ("space_id","state","created_at");--> statement-breakpoint
CREATE INDEX "investors_fields_idx" ON "investors" USING gin ("fields");--> statement-breakpoint
CREATE INDEX "space_funds_space_idx" ON "space_funds" USING btree ("space_id","kind");