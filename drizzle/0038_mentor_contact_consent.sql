CREATE TABLE "mentor_contact_reveals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"mentor_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "mentors" ADD COLUMN "contact_consent" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "mentor_contact_reveals" ADD CONSTRAINT "mentor_contact_reveals_mentor_id_mentors_id_fk" FOREIGN KEY ("mentor_id") REFERENCES "public"."mentors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentor_contact_reveals" ADD CONSTRAINT "mentor_contact_reveals_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "mentor_contact_reveals_user_idx" ON "mentor_contact_reveals" USING btree ("user_id","created_at");