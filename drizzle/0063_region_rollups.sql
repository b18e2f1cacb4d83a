CREATE TABLE "incubatee_cohort_regions" (
	"region_code" varchar(6) NOT NULL,
	"entry_year" integer NOT NULL,
	"entrants" integer NOT NULL,
	"alive1" integer NOT NULL,
	"alive3" integer NOT NULL,
	CONSTRAINT "incubatee_cohort_regions_region_code_entry_year_pk" PRIMARY KEY("region_code","entry_year")
);
--> statement-breakpoint
CREATE TABLE "return_indicator_regions" (
	"region_code" varchar(6) NOT NULL,
	"year" integer NOT NULL,
	"code" text NOT NULL,
	"total" numeric NOT NULL,
	"spaces" integer NOT NULL,
	CONSTRAINT "return_indicator_regions_region_code_year_code_pk" PRIMARY KEY("region_code","year","code")
);
--> statement-breakpoint
CREATE TABLE "space_activity_regions" (
	"region_code" varchar(6) NOT NULL,
	"year" integer NOT NULL,
	"events" integer NOT NULL,
	"signups" integer NOT NULL,
	"checked_in" integer NOT NULL,
	"bookings" integer NOT NULL,
	"booked_minutes" bigint NOT NULL,
	CONSTRAINT "space_activity_regions_region_code_year_pk" PRIMARY KEY("region_code","year")
);
--> statement-breakpoint
CREATE TABLE "support_grant_regions" (
	"region_code" varchar(6) NOT NULL,
	"year" integer NOT NULL,
	"grantor_org_id" uuid NOT NULL,
	"category" text NOT NULL,
	"supports" integer NOT NULL,
	"amount_yuan" numeric NOT NULL,
	"alerted" integer NOT NULL,
	CONSTRAINT "support_grant_regions_region_code_year_grantor_org_id_category_pk" PRIMARY KEY("region_code","year","grantor_org_id","category")
);
--> statement-breakpoint
-- Generic region rollups: a per-space table's rows summed per region of the spaces' region paths (the
-- district and every region above it, the national root included), so a dashboard above the district
-- level reads a few hundred rows instead of every space's. Each rollup is a table keyed by
-- region_code and the per-space table's key columns, plus four triggers naming it (below); these
-- functions are the same for all of them. Spaces are never deleted, so a per-space row always finds
-- its space's region.
--
-- The statement adding `changed` to `dst`: `changed` yields region_code, sign (1 or -1), the key
-- columns `keys` and the value columns `cols` (comma-separated names, the same in `dst`). Rows go in
-- key order so concurrent writers lock them in one order. Returned as text rather than run here: the
-- transition tables `changed` reads are visible to the trigger function's own statements only.
CREATE FUNCTION "region_rollup_sql"("dst" text, "keys" text, "cols" text, "changed" text) RETURNS text
	LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
	k text[] := string_to_array(replace(keys, ' ', ''), ',');
	v text[] := string_to_array(replace(cols, ' ', ''), ',');
	key_cols text := (SELECT string_agg(format('%I', x), ', ') FROM unnest(k) AS x);
	val_cols text := (SELECT string_agg(format('%I', x), ', ') FROM unnest(v) AS x);
	by_key text := (SELECT string_agg(i::text, ', ') FROM generate_series(1, array_length(k, 1) + 1) AS i);
BEGIN
	RETURN format(
		'INSERT INTO %I (region_code, %s, %s)
		 SELECT p.code, %s, %s
		   FROM (%s) c JOIN regions r ON r.code = c.region_code
		   CROSS JOIN LATERAL unnest(string_to_array(r.path, ''/'')) AS p(code)
		  GROUP BY %s HAVING %s ORDER BY %s
		 ON CONFLICT (region_code, %s) DO UPDATE SET %s',
		dst, key_cols, val_cols,
		(SELECT string_agg(format('c.%I', x), ', ') FROM unnest(k) AS x),
		(SELECT string_agg(format('sum(c.sign * c.%I)', x), ', ') FROM unnest(v) AS x),
		changed, by_key,
		(SELECT string_agg(format('sum(c.sign * c.%I) <> 0', x), ' OR ') FROM unnest(v) AS x),
		by_key, key_cols,
		(SELECT string_agg(format('%1$I = %2$I.%1$I + excluded.%1$I', x, dst), ', ') FROM unnest(v) AS x));
END $$;
--> statement-breakpoint
-- On a per-space table, for each statement: TG_ARGV = the rollup table, its key columns, its value
-- columns, and the expressions over a per-space row giving those values (aliased to the value
-- columns). The triggers read spaces, whose rows are scoped by region (0008): as the owner, every
-- space counts.
CREATE FUNCTION "region_rollup_rows"() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
	per_space text := 'SELECT space_id, ' || TG_ARGV[1] || ', ' || TG_ARGV[3] || ' FROM ';
	side_old text := 'SELECT s.region_code, -1 AS sign, x.* FROM (' || per_space || 'old_rows) x JOIN spaces s ON s.id = x.space_id';
	side_new text := 'SELECT s.region_code, 1 AS sign, x.* FROM (' || per_space || 'new_rows) x JOIN spaces s ON s.id = x.space_id';
BEGIN
	EXECUTE "region_rollup_sql"(TG_ARGV[0], TG_ARGV[1], TG_ARGV[2],
		CASE TG_OP WHEN 'INSERT' THEN side_new WHEN 'DELETE' THEN side_old ELSE side_old || ' UNION ALL ' || side_new END);
	RETURN NULL;
END $$;
--> statement-breakpoint
-- On spaces, for each statement: a space moved to another district takes its rows along. TG_ARGV as
-- above, then the per-space table. Most updates of spaces move none, and read nothing more.
CREATE FUNCTION "region_rollup_moved"() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
	per_space text := '(SELECT space_id, ' || TG_ARGV[1] || ', ' || TG_ARGV[3] || ' FROM ' || quote_ident(TG_ARGV[4]) || ')';
	moved text := ' FROM old_rows o JOIN new_rows n ON n.id = o.id AND n.region_code IS DISTINCT FROM o.region_code JOIN ' || per_space || ' x ON x.space_id = o.id';
BEGIN
	IF EXISTS (SELECT 1 FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE n.region_code IS DISTINCT FROM o.region_code) THEN
		EXECUTE "region_rollup_sql"(TG_ARGV[0], TG_ARGV[1], TG_ARGV[2],
			'SELECT o.region_code, -1 AS sign, x.*' || moved || ' UNION ALL SELECT n.region_code, 1 AS sign, x.*' || moved);
	END IF;
	RETURN NULL;
END $$;
--> statement-breakpoint
-- The leavers (0062) move onto the generic functions.
DROP TRIGGER "incubatee_flow_regions_insert" ON "incubatee_flows";
--> statement-breakpoint
DROP TRIGGER "incubatee_flow_regions_update" ON "incubatee_flows";
--> statement-breakpoint
DROP TRIGGER "incubatee_flow_regions_delete" ON "incubatee_flows";
--> statement-breakpoint
DROP TRIGGER "incubatee_flow_regions_region" ON "spaces";
--> statement-breakpoint
DROP FUNCTION "incubatee_flow_regions_flows"();
--> statement-breakpoint
DROP FUNCTION "incubatee_flow_regions_region"();
--> statement-breakpoint
DROP FUNCTION "incubatee_flow_regions_sql"(text);
--> statement-breakpoint
-- Each rollup: its triggers, then the rows already there. The arguments are data: the rollup table,
-- its keys, its values, the per-space expressions, the per-space table.
DO $$
DECLARE
	r record;
BEGIN
	FOR r IN SELECT * FROM (VALUES
		('incubatee_flow_regions', 'year, status', 'leavers', 'leavers', 'incubatee_flows', false),
		('incubatee_cohort_regions', 'entry_year', 'entrants, alive1, alive3', 'entrants, alive1, alive3', 'incubatee_cohorts', true),
		('space_activity_regions', 'year', 'events, signups, checked_in, bookings, booked_minutes', 'events, signups, checked_in, bookings, booked_minutes', 'space_activity_years', true),
		('return_indicator_regions', 'year, code', 'total, spaces', 'total, (returns > 0)::int AS spaces', 'return_indicator_years', true),
		('support_grant_regions', 'year, grantor_org_id, category', 'supports, amount_yuan, alerted', 'supports, amount_yuan, alerted', 'support_grant_years', true)
	) AS t(dst, keys, cols, exprs, source, fill) LOOP
		EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION region_rollup_rows(%L, %L, %L, %L)',
			r.dst || '_insert', r.source, r.dst, r.keys, r.cols, r.exprs);
		EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION region_rollup_rows(%L, %L, %L, %L)',
			r.dst || '_update', r.source, r.dst, r.keys, r.cols, r.exprs);
		EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION region_rollup_rows(%L, %L, %L, %L)',
			r.dst || '_delete', r.source, r.dst, r.keys, r.cols, r.exprs);
		EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON spaces REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION region_rollup_moved(%L, %L, %L, %L, %L)',
			r.dst || '_moved', r.dst, r.keys, r.cols, r.exprs, r.source);
		IF r.fill THEN
			EXECUTE "region_rollup_sql"(r.dst, r.keys, r.cols,
				'SELECT s.region_code, 1 AS sign, x.* FROM (SELECT space_id, ' || r.keys || ', ' || r.exprs || ' FROM ' || quote_ident(r.source) || ') x JOIN spaces s ON s.id = x.space_id');
		END IF;
	END LOOP;
END $$;
