CREATE TABLE "incubatee_flows" (
	"space_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"status" text NOT NULL,
	"leavers" integer NOT NULL,
	CONSTRAINT "incubatee_flows_space_id_year_status_pk" PRIMARY KEY("space_id","year","status")
);
--> statement-breakpoint
CREATE TABLE "incubatee_moves" (
	"from_space_id" uuid NOT NULL,
	"to_space_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"moves" integer NOT NULL,
	CONSTRAINT "incubatee_moves_from_space_id_to_space_id_year_pk" PRIMARY KEY("from_space_id","to_space_id","year")
);
--> statement-breakpoint
ALTER TABLE "incubatee_flows" ADD CONSTRAINT "incubatee_flows_space_id_spaces_id_fk" FOREIGN KEY ("space_id") REFERENCES "public"."spaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incubatee_moves" ADD CONSTRAINT "incubatee_moves_from_space_id_spaces_id_fk" FOREIGN KEY ("from_space_id") REFERENCES "public"."spaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incubatee_moves" ADD CONSTRAINT "incubatee_moves_to_space_id_spaces_id_fk" FOREIGN KEY ("to_space_id") REFERENCES "public"."spaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "incubatee_moves_to_idx" ON "incubatee_moves" USING btree ("to_space_id");--> statement-breakpoint
-- Keeps both tables of the chain's flows from a statement's transition tables (set-based, like
-- incubatee_cohorts_apply of migration 0025). Leavers depend on the row alone: -1 per old image, +1
-- per new one. Moves depend on every row of a USCC, so the pairs (a row, the same USCC's next row by
-- entry date, creation and id) of the USCCs the statement touched are computed before (the table
-- now, without the statement's new images, with its old ones) and after (the table now), and the
-- difference added. Transaction-level advisory locks on the touched USCCs' buckets (256 of them, so
-- a bulk insert of a million rows takes at most 256 locks, not one per USCC), taken in order, make
-- two writers of one USCC take turns, and each statement of a plpgsql function sees what the other
-- committed (READ COMMITTED), so concurrent moves stay exact. Anti-joins (NOT EXISTS), not NOT IN,
-- against the transition tables: a NOT IN over a million new rows would not hash.
CREATE FUNCTION "incubatee_flows_apply"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	changed text := CASE TG_OP
		WHEN 'INSERT' THEN 'SELECT *, 1 AS sign FROM new_rows'
		WHEN 'DELETE' THEN 'SELECT *, -1 AS sign FROM old_rows'
		ELSE 'SELECT *, -1 AS sign FROM old_rows UNION ALL SELECT *, 1 FROM new_rows' END;
	before text := CASE TG_OP
		WHEN 'INSERT' THEN 'SELECT id, space_id, uscc, entry_date, created_at FROM now_rows r WHERE NOT EXISTS (SELECT FROM new_rows n WHERE n.id = r.id)'
		WHEN 'DELETE' THEN 'SELECT id, space_id, uscc, entry_date, created_at FROM now_rows UNION ALL SELECT id, space_id, uscc, entry_date, created_at FROM old_rows WHERE uscc IN (SELECT uscc FROM touched)'
		ELSE 'SELECT id, space_id, uscc, entry_date, created_at FROM now_rows r WHERE NOT EXISTS (SELECT FROM new_rows n WHERE n.id = r.id) UNION ALL SELECT id, space_id, uscc, entry_date, created_at FROM old_rows WHERE uscc IN (SELECT uscc FROM touched)' END;
BEGIN
	-- An edit of other columns (jobs, contacts, names: most updates) moves no figure: return before
	-- planning. (A nested IF: a statement naming a transition table the trigger lacks fails to plan.)
	IF TG_OP = 'UPDATE' THEN
		IF NOT EXISTS (SELECT "id", "space_id", "uscc", "entry_date", "created_at", "status", "left_on" FROM old_rows
			EXCEPT SELECT "id", "space_id", "uscc", "entry_date", "created_at", "status", "left_on" FROM new_rows) THEN RETURN NULL; END IF;
	END IF;
	EXECUTE 'INSERT INTO "incubatee_flows" ("space_id", "year", "status", "leavers")
		SELECT "space_id", extract(year FROM "left_on")::int, "status", sum(sign)
		FROM (' || changed || ') d WHERE "left_on" IS NOT NULL AND "status" <> ''resident''
		GROUP BY 1, 2, 3 HAVING sum(sign) <> 0
		ON CONFLICT ("space_id", "year", "status") DO UPDATE SET "leavers" = "incubatee_flows"."leavers" + excluded."leavers"';
	EXECUTE 'SELECT pg_advisory_xact_lock(58, bucket) FROM (SELECT DISTINCT hashtext("uscc") & 255 AS bucket FROM (' || changed || ') d WHERE "uscc" IS NOT NULL ORDER BY 1) u';
	EXECUTE 'WITH touched AS (SELECT DISTINCT "uscc" FROM (' || changed || ') d WHERE "uscc" IS NOT NULL),
		now_rows AS (SELECT "id", "space_id", "uscc", "entry_date", "created_at" FROM "incubatees" WHERE "uscc" IN (SELECT "uscc" FROM touched)),
		before_rows AS (' || before || '),
		pairs AS (
			SELECT -1 AS sign, "space_id" AS from_space, lead("space_id") OVER w AS to_space, lead("entry_date") OVER w AS to_entry
			FROM before_rows WINDOW w AS (PARTITION BY "uscc" ORDER BY "entry_date", "created_at", "id")
			UNION ALL
			SELECT 1, "space_id", lead("space_id") OVER w, lead("entry_date") OVER w
			FROM now_rows WINDOW w AS (PARTITION BY "uscc" ORDER BY "entry_date", "created_at", "id"))
		INSERT INTO "incubatee_moves" ("from_space_id", "to_space_id", "year", "moves")
		SELECT from_space, to_space, extract(year FROM to_entry)::int, sum(sign) FROM pairs
		WHERE to_space IS NOT NULL AND to_space <> from_space
		GROUP BY 1, 2, 3 HAVING sum(sign) <> 0
		ON CONFLICT ("from_space_id", "to_space_id", "year") DO UPDATE SET "moves" = "incubatee_moves"."moves" + excluded."moves"';
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "incubatee_flows_insert" AFTER INSERT ON "incubatees" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "incubatee_flows_apply"();
--> statement-breakpoint
CREATE TRIGGER "incubatee_flows_update" AFTER UPDATE ON "incubatees" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "incubatee_flows_apply"();
--> statement-breakpoint
CREATE TRIGGER "incubatee_flows_delete" AFTER DELETE ON "incubatees" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "incubatee_flows_apply"();
--> statement-breakpoint
-- A truncated roster leaves no flows.
CREATE FUNCTION "incubatee_flows_clear"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	DELETE FROM "incubatee_flows";
	DELETE FROM "incubatee_moves";
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "incubatee_flows_truncate" AFTER TRUNCATE ON "incubatees" FOR EACH STATEMENT EXECUTE FUNCTION "incubatee_flows_clear"();
--> statement-breakpoint
-- The flows recounted from the roster itself, in the kept tables' shape: what the triggers must equal
-- (the tests compare them), and the fill of the rows already there.
CREATE VIEW "incubatee_flows_recount" AS
	SELECT "space_id", extract(year FROM "left_on")::int AS "year", "status", count(*)::int AS "leavers"
	FROM "incubatees" WHERE "left_on" IS NOT NULL AND "status" <> 'resident' GROUP BY 1, 2, 3;
--> statement-breakpoint
CREATE VIEW "incubatee_moves_recount" AS
	SELECT from_space AS "from_space_id", to_space AS "to_space_id", extract(year FROM to_entry)::int AS "year", count(*)::int AS "moves"
	FROM (SELECT "space_id" AS from_space, lead("space_id") OVER w AS to_space, lead("entry_date") OVER w AS to_entry
		FROM "incubatees" WHERE "uscc" IS NOT NULL WINDOW w AS (PARTITION BY "uscc" ORDER BY "entry_date", "created_at", "id")) p
	WHERE to_space IS NOT NULL AND to_space <> from_space GROUP BY 1, 2, 3;
--> statement-breakpoint
INSERT INTO "incubatee_flows" SELECT * FROM "incubatee_flows_recount";
--> statement-breakpoint
INSERT INTO "incubatee_moves" SELECT * FROM "incubatee_moves_recount";
