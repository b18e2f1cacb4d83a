CREATE TABLE "submission_rounds" (
	"submission_id" uuid NOT NULL,
	"round" integer NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_by" uuid,
	"payload" jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "submission_rounds" ADD CONSTRAINT "submission_rounds_submission_id_applications_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submission_rounds" ADD CONSTRAINT "submission_rounds_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "submission_rounds_pk" ON "submission_rounds" USING btree ("submission_id","round");