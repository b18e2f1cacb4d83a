CREATE TABLE "incubatee_cohorts" (
	"space_id" uuid NOT NULL,
	"entry_year" integer NOT NULL,
	"entrants" integer NOT NULL,
	"alive1" integer NOT NULL,
	"alive3" integer NOT NULL,
	CONSTRAINT "incubatee_cohorts_space_id_entry_year_pk" PRIMARY KEY("space_id","entry_year")
);
--> statement-breakpoint
ALTER TABLE "incubatee_cohorts" ADD CONSTRAINT "incubatee_cohorts_space_id_spaces_id_fk" FOREIGN KEY ("space_id") REFERENCES "public"."spaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- 1 when an incubatee entered in year Y is still alive at the end of Y+k, else 0: the formula of
-- roster/service.ts SURVIVAL_FORMULA (deregistration, the only status that ends survival and is never
-- left, dated on or before Y+k-12-31). The one place the survival rule is written in SQL.
CREATE FUNCTION "incubatee_alive"("entry_date" date, "status" text, "status_date" date, "k" int) RETURNS int
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	RETURN CASE WHEN "status" = 'deregistered' AND "status_date" <= make_date(extract(year FROM "entry_date")::int + "k", 12, 31) THEN 0 ELSE 1 END;
--> statement-breakpoint
-- Adds a statement's difference to the cohorts: -1 for each row image it removed (old), +1 for each
-- it added (new), summed per space and entry year in one upsert. Concurrent writers stay exact, as
-- each adds only its own difference under the cohort row's lock. Dynamic SQL because a trigger sees
-- only the transition tables of its own event (PostgreSQL allows them on single-event triggers).
CREATE FUNCTION "incubatee_cohorts_apply"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	changed text := CASE TG_OP
		WHEN 'INSERT' THEN 'SELECT *, 1 AS sign FROM new_rows'
		WHEN 'DELETE' THEN 'SELECT *, -1 AS sign FROM old_rows'
		ELSE 'SELECT *, -1 AS sign FROM old_rows UNION ALL SELECT *, 1 FROM new_rows' END;
BEGIN
	EXECUTE 'INSERT INTO "incubatee_cohorts" ("space_id", "entry_year", "entrants", "alive1", "alive3")
		SELECT "space_id", extract(year FROM "entry_date")::int, sum(sign),
			sum(sign * "incubatee_alive"("entry_date", "status", "status_date", 1)), sum(sign * "incubatee_alive"("entry_date", "status", "status_date", 3))
		FROM (' || changed || ') d GROUP BY 1, 2
		ON CONFLICT ("space_id", "entry_year") DO UPDATE SET
			"entrants" = "incubatee_cohorts"."entrants" + excluded."entrants",
			"alive1" = "incubatee_cohorts"."alive1" + excluded."alive1",
			"alive3" = "incubatee_cohorts"."alive3" + excluded."alive3"';
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "incubatee_cohorts_insert" AFTER INSERT ON "incubatees" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "incubatee_cohorts_apply"();
--> statement-breakpoint
CREATE TRIGGER "incubatee_cohorts_update" AFTER UPDATE ON "incubatees" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "incubatee_cohorts_apply"();
--> statement-breakpoint
CREATE TRIGGER "incubatee_cohorts_delete" AFTER DELETE ON "incubatees" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "incubatee_cohorts_apply"();
--> statement-breakpoint
-- A truncated roster leaves no cohorts.
CREATE FUNCTION "incubatee_cohorts_clear"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	DELETE FROM "incubatee_cohorts";
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "incubatee_cohorts_truncate" AFTER TRUNCATE ON "incubatees" FOR EACH STATEMENT EXECUTE FUNCTION "incubatee_cohorts_clear"();
--> statement-breakpoint
-- The cohorts of the rows already there.
INSERT INTO "incubatee_cohorts" ("space_id", "entry_year", "entrants", "alive1", "alive3")
	SELECT "space_id", extract(year FROM "entry_date")::int, count(*),
		sum("incubatee_alive"("entry_date", "status", "status_date", 1)), sum("incubatee_alive"("entry_date", "status", "status_date", 3))
	FROM "incubatees" GROUP BY 1, 2;
