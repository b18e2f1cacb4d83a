ALTER TABLE "decisions" ADD COLUMN "call_id" uuid;--> statement-breakpoint
ALTER TABLE "decisions" ADD COLUMN "space_id" uuid;--> statement-breakpoint
-- The decisions already there.
UPDATE "decisions" d SET "call_id" = a."call_id", "space_id" = a."space_id" FROM "applications" a WHERE a."id" = d."application_id";
--> statement-breakpoint
ALTER TABLE "decisions" ALTER COLUMN "call_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "decisions" ALTER COLUMN "space_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_space_id_spaces_id_fk" FOREIGN KEY ("space_id") REFERENCES "public"."spaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "decisions_call_stage_idx" ON "decisions" USING btree ("call_id","stage_key","released_at" DESC NULLS FIRST,"decided_at" DESC NULLS FIRST,"id","status","list_id","space_id","application_id");--> statement-breakpoint
-- A decision's call and space are its application's, whatever an insert (the app's, a seed's) or an
-- update said.
CREATE FUNCTION "decisions_application_copy"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	SELECT a."call_id", a."space_id" INTO NEW."call_id", NEW."space_id" FROM "applications" a WHERE a."id" = NEW."application_id";
	RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER "decisions_application_copy" BEFORE INSERT OR UPDATE OF "application_id", "call_id", "space_id" ON "decisions" FOR EACH ROW EXECUTE FUNCTION "decisions_application_copy"();
--> statement-breakpoint
-- The kernel never moves a submission to another call or space; should anything else, its decisions follow.
CREATE FUNCTION "applications_decisions_follow"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE "decisions" SET "call_id" = NEW."call_id", "space_id" = NEW."space_id" WHERE "application_id" = NEW."id";
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "applications_decisions_follow" AFTER UPDATE OF "call_id", "space_id" ON "applications" FOR EACH ROW WHEN (OLD."call_id" IS DISTINCT FROM NEW."call_id" OR OLD."space_id" IS DISTINCT FROM NEW."space_id") EXECUTE FUNCTION "applications_decisions_follow"();
