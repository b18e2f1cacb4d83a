CREATE TABLE "return_indicator_years" (
	"space_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"code" text NOT NULL,
	"total" numeric NOT NULL,
	"returns" integer NOT NULL,
	CONSTRAINT "return_indicator_years_space_id_year_code_pk" PRIMARY KEY("space_id","year","code")
);
--> statement-breakpoint
CREATE TABLE "support_grant_years" (
	"space_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"grantor_org_id" uuid NOT NULL,
	"category" text NOT NULL,
	"supports" integer NOT NULL,
	"amount_yuan" numeric NOT NULL,
	CONSTRAINT "support_grant_years_space_id_year_grantor_org_id_category_pk" PRIMARY KEY("space_id","year","grantor_org_id","category")
);
--> statement-breakpoint
ALTER TABLE "return_indicator_years" ADD CONSTRAINT "return_indicator_years_space_id_spaces_id_fk" FOREIGN KEY ("space_id") REFERENCES "public"."spaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_grant_years" ADD CONSTRAINT "support_grant_years_space_id_spaces_id_fk" FOREIGN KEY ("space_id") REFERENCES "public"."spaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- The indicators the dashboards total (service.ts KEY_INDICATORS; a test holds the two lists equal):
-- only these are kept, a sixth of a return's numeric values. A code added there needs a migration
-- that redefines this function and recounts its rows.
CREATE FUNCTION "dashboard_indicator_codes"() RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
	SELECT ARRAY['total_area', 'mentors', 'total_income', 'teams_served', 'startups_served', 'startup_jobs', 'new_registered', 'valid_ip']
$$;
--> statement-breakpoint
-- The statement adding to `return_indicator_years` the accepted annual returns `changed` selects
-- (space_id, year of the call, "values", sign: 1 for a return that now counts, -1 for one that no
-- longer does); the triggers of the three tables it depends on and the backfill all run it, each
-- from its own side. Rows are written in key order, so two statements moving the same spaces' figures
-- (an import, a batch accepted) lock them in the same order and wait rather than deadlock.
CREATE FUNCTION "return_indicator_years_statement"(changed text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
	SELECT 'INSERT INTO "return_indicator_years" ("space_id", "year", "code", "total", "returns")
		SELECT d.space_id, d.year, v.key, sum(d.sign * (v.value #>> ''{}'')::numeric), sum(d.sign)
		FROM (' || changed || ') d CROSS JOIN LATERAL jsonb_each(d."values") v
		WHERE v.key = ANY ("dashboard_indicator_codes"()) AND jsonb_typeof(v.value) = ''number''
		GROUP BY 1, 2, 3 HAVING sum(d.sign) <> 0 OR sum(d.sign * (v.value #>> ''{}'')::numeric) <> 0
		ORDER BY 1, 2, 3
		ON CONFLICT ("space_id", "year", "code") DO UPDATE SET
			"total" = "return_indicator_years"."total" + excluded."total",
			"returns" = "return_indicator_years"."returns" + excluded."returns"'
$$;
--> statement-breakpoint
-- A return counts while accepted, in its round's call year if the round is annual. Reopened or
-- returned after acceptance it leaves; its values edited while accepted, the old ones leave and the
-- new ones come.
CREATE FUNCTION "return_indicator_returns"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	changed text := CASE TG_OP
		WHEN 'INSERT' THEN 'SELECT space_id, call_id, "values", 1 AS sign FROM new_rows WHERE accepted_at IS NOT NULL'
		WHEN 'DELETE' THEN 'SELECT space_id, call_id, "values", -1 AS sign FROM old_rows WHERE accepted_at IS NOT NULL'
		ELSE 'SELECT space_id, call_id, "values", -1 AS sign FROM old_rows WHERE accepted_at IS NOT NULL
			UNION ALL SELECT space_id, call_id, "values", 1 FROM new_rows WHERE accepted_at IS NOT NULL' END;
BEGIN
	-- A draft saved, a reminder recorded, a return marked missed touch no accepted return, nor does an
	-- accepted one whose space, call and values stay: they stop here, before the dynamic statement is
	-- planned. (One IF per operation: a statement naming a transition table the trigger lacks fails to plan.)
	IF TG_OP = 'INSERT' THEN
		IF NOT EXISTS (SELECT FROM new_rows WHERE accepted_at IS NOT NULL) THEN RETURN NULL; END IF;
	ELSIF TG_OP = 'DELETE' THEN
		IF NOT EXISTS (SELECT FROM old_rows WHERE accepted_at IS NOT NULL) THEN RETURN NULL; END IF;
	ELSE
		IF NOT EXISTS (SELECT FROM old_rows o FULL JOIN new_rows n USING (submission_id)
			WHERE (o.accepted_at IS NOT NULL OR n.accepted_at IS NOT NULL)
				AND (o.submission_id IS NULL OR n.submission_id IS NULL OR (o.accepted_at IS NULL) <> (n.accepted_at IS NULL)
					OR o."values" <> n."values" OR o.space_id <> n.space_id OR o.call_id <> n.call_id)) THEN RETURN NULL; END IF;
	END IF;
	EXECUTE "return_indicator_years_statement"('SELECT d.space_id, c.year, d."values", d.sign FROM (' || changed || ') d
		JOIN "return_rounds" rr ON rr.call_id = d.call_id AND rr.cadence = ''annual'' JOIN "calls" c ON c.id = d.call_id');
	RETURN NULL;
END $$;
--> statement-breakpoint
-- A round made annual (or created so after returns were accepted) brings its accepted returns in;
-- one no longer annual, or removed, takes them out.
CREATE FUNCTION "return_indicator_rounds"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	changed text := CASE TG_OP
		WHEN 'INSERT' THEN 'SELECT call_id, 1 AS sign FROM new_rows WHERE cadence = ''annual'''
		WHEN 'DELETE' THEN 'SELECT call_id, -1 AS sign FROM old_rows WHERE cadence = ''annual'''
		ELSE 'SELECT call_id, -1 AS sign FROM old_rows WHERE cadence = ''annual'' UNION ALL SELECT call_id, 1 FROM new_rows WHERE cadence = ''annual''' END;
BEGIN
	-- (One IF per operation: a statement naming a transition table the trigger lacks fails to plan.)
	IF TG_OP = 'INSERT' THEN
		IF NOT EXISTS (SELECT FROM new_rows WHERE cadence = 'annual') THEN RETURN NULL; END IF;
	ELSIF TG_OP = 'DELETE' THEN
		IF NOT EXISTS (SELECT FROM old_rows WHERE cadence = 'annual') THEN RETURN NULL; END IF;
	ELSE
		-- The missed-returns run stamps its round: nothing moves.
		IF NOT EXISTS (SELECT FROM old_rows o FULL JOIN new_rows n USING (call_id)
			WHERE (o.cadence = 'annual' OR n.cadence = 'annual') AND (o.call_id IS NULL OR n.call_id IS NULL OR o.cadence <> n.cadence)) THEN RETURN NULL; END IF;
	END IF;
	EXECUTE "return_indicator_years_statement"('SELECT rv.space_id, c.year, rv."values", d.sign FROM (' || changed || ') d
		JOIN "calls" c ON c.id = d.call_id JOIN "return_values" rv ON rv.call_id = d.call_id AND rv.accepted_at IS NOT NULL');
	RETURN NULL;
END $$;
--> statement-breakpoint
-- A call's year changed moves its annual round's accepted returns to the new year. (A call is never
-- inserted with returns, nor deleted or renumbered while returns or a round reference it.)
CREATE FUNCTION "return_indicator_calls"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	-- Every other change of a call (published, closed, edited) stops here.
	-- (A set difference, not a join on id: that runs as a nested loop over the transition tables, n² for n calls.)
	IF NOT EXISTS (SELECT id, year FROM old_rows EXCEPT SELECT id, year FROM new_rows) THEN RETURN NULL; END IF;
	EXECUTE "return_indicator_years_statement"('SELECT rv.space_id, d.year, rv."values", d.sign
		FROM (SELECT id, year, -1 AS sign FROM old_rows UNION ALL SELECT id, year, 1 FROM new_rows) d
		JOIN "return_rounds" rr ON rr.call_id = d.id AND rr.cadence = ''annual''
		JOIN "return_values" rv ON rv.call_id = d.id AND rv.accepted_at IS NOT NULL');
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "return_indicator_returns_insert" AFTER INSERT ON "return_values" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "return_indicator_returns"();
--> statement-breakpoint
CREATE TRIGGER "return_indicator_returns_update" AFTER UPDATE ON "return_values" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "return_indicator_returns"();
--> statement-breakpoint
CREATE TRIGGER "return_indicator_returns_delete" AFTER DELETE ON "return_values" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "return_indicator_returns"();
--> statement-breakpoint
CREATE TRIGGER "return_indicator_rounds_insert" AFTER INSERT ON "return_rounds" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "return_indicator_rounds"();
--> statement-breakpoint
CREATE TRIGGER "return_indicator_rounds_update" AFTER UPDATE ON "return_rounds" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "return_indicator_rounds"();
--> statement-breakpoint
CREATE TRIGGER "return_indicator_rounds_delete" AFTER DELETE ON "return_rounds" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "return_indicator_rounds"();
--> statement-breakpoint
CREATE TRIGGER "return_indicator_calls_update" AFTER UPDATE ON "calls" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "return_indicator_calls"();
--> statement-breakpoint
-- A support counts while neither withdrawn nor blocked, in its space, the calendar year of
-- `granted_on`, its grantor and category, with its amount: +1 for each new row image, -1 for each old
-- one, summed, and written in key order (as above).
CREATE FUNCTION "support_grant_years_apply"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	changed text := CASE TG_OP
		WHEN 'INSERT' THEN 'SELECT space_id, granted_on, grantor_org_id, category, amount_yuan, status, 1 AS sign FROM new_rows'
		WHEN 'DELETE' THEN 'SELECT space_id, granted_on, grantor_org_id, category, amount_yuan, status, -1 AS sign FROM old_rows'
		ELSE 'SELECT space_id, granted_on, grantor_org_id, category, amount_yuan, status, -1 AS sign FROM old_rows
			UNION ALL SELECT space_id, granted_on, grantor_org_id, category, amount_yuan, status, 1 FROM new_rows' END;
BEGIN
	-- A payment recorded, a support put on notice or published, its project or cost basis edited move
	-- nothing: they stop here, before the dynamic statement is planned.
	-- (One IF per operation: a statement naming a transition table the trigger lacks fails to plan.)
	IF TG_OP = 'INSERT' THEN
		IF NOT EXISTS (SELECT FROM new_rows WHERE status NOT IN ('withdrawn', 'blocked')) THEN RETURN NULL; END IF;
	ELSIF TG_OP = 'DELETE' THEN
		IF NOT EXISTS (SELECT FROM old_rows WHERE status NOT IN ('withdrawn', 'blocked')) THEN RETURN NULL; END IF;
	ELSE
		IF NOT EXISTS (SELECT FROM old_rows o FULL JOIN new_rows n USING (id)
			WHERE (o.status NOT IN ('withdrawn', 'blocked') OR n.status NOT IN ('withdrawn', 'blocked'))
				AND (o.id IS NULL OR n.id IS NULL OR (o.status IN ('withdrawn', 'blocked')) <> (n.status IN ('withdrawn', 'blocked'))
					OR o.space_id <> n.space_id OR extract(year FROM o.granted_on) <> extract(year FROM n.granted_on)
					OR o.grantor_org_id <> n.grantor_org_id OR o.category <> n.category OR o.amount_yuan <> n.amount_yuan)) THEN RETURN NULL; END IF;
	END IF;
	EXECUTE 'INSERT INTO "support_grant_years" ("space_id", "year", "grantor_org_id", "category", "supports", "amount_yuan")
		SELECT space_id, extract(year FROM granted_on)::int, grantor_org_id, category, sum(sign), sum(sign * amount_yuan)
		FROM (' || changed || ') d WHERE status NOT IN (''withdrawn'', ''blocked'')
		GROUP BY 1, 2, 3, 4 HAVING sum(sign) <> 0 OR sum(sign * amount_yuan) <> 0
		ORDER BY 1, 2, 3, 4
		ON CONFLICT ("space_id", "year", "grantor_org_id", "category") DO UPDATE SET
			"supports" = "support_grant_years"."supports" + excluded."supports",
			"amount_yuan" = "support_grant_years"."amount_yuan" + excluded."amount_yuan"';
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "support_grant_years_insert" AFTER INSERT ON "supports" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "support_grant_years_apply"();
--> statement-breakpoint
CREATE TRIGGER "support_grant_years_update" AFTER UPDATE ON "supports" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "support_grant_years_apply"();
--> statement-breakpoint
CREATE TRIGGER "support_grant_years_delete" AFTER DELETE ON "supports" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "support_grant_years_apply"();
--> statement-breakpoint
-- Truncated returns, rounds or supports leave none of their figures.
CREATE FUNCTION "dashboard_kept_clear"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_TABLE_NAME = 'supports' THEN
		DELETE FROM "support_grant_years";
	ELSE
		DELETE FROM "return_indicator_years";
	END IF;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "return_indicator_returns_truncate" AFTER TRUNCATE ON "return_values" FOR EACH STATEMENT EXECUTE FUNCTION "dashboard_kept_clear"();
--> statement-breakpoint
CREATE TRIGGER "return_indicator_rounds_truncate" AFTER TRUNCATE ON "return_rounds" FOR EACH STATEMENT EXECUTE FUNCTION "dashboard_kept_clear"();
--> statement-breakpoint
CREATE TRIGGER "support_grant_years_truncate" AFTER TRUNCATE ON "supports" FOR EACH STATEMENT EXECUTE FUNCTION "dashboard_kept_clear"();
--> statement-breakpoint
-- The figures of the rows already there.
DO $$ BEGIN
	EXECUTE "return_indicator_years_statement"('SELECT rv.space_id, c.year, rv."values", 1 AS sign FROM "return_values" rv
		JOIN "return_rounds" rr ON rr.call_id = rv.call_id AND rr.cadence = ''annual'' JOIN "calls" c ON c.id = rv.call_id
		WHERE rv.accepted_at IS NOT NULL');
END $$;
--> statement-breakpoint
INSERT INTO "support_grant_years" ("space_id", "year", "grantor_org_id", "category", "supports", "amount_yuan")
	SELECT space_id, extract(year FROM granted_on)::int, grantor_org_id, category, count(*), sum(amount_yuan)
	FROM "supports" WHERE status NOT IN ('withdrawn', 'blocked') GROUP BY 1, 2, 3, 4;
