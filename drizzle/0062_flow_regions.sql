CREATE TABLE "incubatee_flow_regions" (
	"region_code" varchar(6) NOT NULL,
	"year" integer NOT NULL,
	"status" text NOT NULL,
	"leavers" integer NOT NULL,
	CONSTRAINT "incubatee_flow_regions_region_code_year_status_pk" PRIMARY KEY("region_code","year","status")
);
--> statement-breakpoint
-- The statement adding a change of the per-space leavers to every region of the space's path.
-- `changed` yields (region_code, year, status, leavers, sign); rows in key order so concurrent
-- writers lock them in one order.
CREATE FUNCTION "incubatee_flow_regions_sql"("changed" text) RETURNS text
	LANGUAGE sql IMMUTABLE
	RETURN 'INSERT INTO "incubatee_flow_regions" ("region_code", "year", "status", "leavers")
		SELECT p.code, c.year, c.status, sum(c.sign * c.leavers)::int
		  FROM (' || "changed" || ') c JOIN "regions" r ON r.code = c.region_code
		  CROSS JOIN LATERAL unnest(string_to_array(r.path, ''/'')) AS p(code)
		 GROUP BY 1, 2, 3 HAVING sum(c.sign * c.leavers) <> 0 ORDER BY 1, 2, 3
		ON CONFLICT ("region_code", "year", "status") DO UPDATE SET "leavers" = "incubatee_flow_regions"."leavers" + excluded."leavers"';
--> statement-breakpoint
-- The triggers read spaces, whose rows are scoped by region (0008): as the owner, every space counts.
CREATE FUNCTION "incubatee_flow_regions_flows"() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
	side_old text := 'SELECT s.region_code, o.year, o.status, o.leavers, -1 AS sign FROM old_rows o JOIN spaces s ON s.id = o.space_id';
	side_new text := 'SELECT s.region_code, n.year, n.status, n.leavers, 1 AS sign FROM new_rows n JOIN spaces s ON s.id = n.space_id';
BEGIN
	EXECUTE "incubatee_flow_regions_sql"(CASE TG_OP WHEN 'INSERT' THEN side_new WHEN 'DELETE' THEN side_old ELSE side_old || ' UNION ALL ' || side_new END);
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "incubatee_flow_regions_insert" AFTER INSERT ON "incubatee_flows" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "incubatee_flow_regions_flows"();
--> statement-breakpoint
CREATE TRIGGER "incubatee_flow_regions_update" AFTER UPDATE ON "incubatee_flows" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "incubatee_flow_regions_flows"();
--> statement-breakpoint
CREATE TRIGGER "incubatee_flow_regions_delete" AFTER DELETE ON "incubatee_flows" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "incubatee_flow_regions_flows"();
--> statement-breakpoint
-- A space moved to another district takes its leavers along.
CREATE FUNCTION "incubatee_flow_regions_region"() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
	EXECUTE "incubatee_flow_regions_sql"(
		'SELECT o.region_code, f.year, f.status, f.leavers, -1 AS sign FROM old_rows o JOIN incubatee_flows f ON f.space_id = o.id
		 UNION ALL
		 SELECT n.region_code, f.year, f.status, f.leavers, 1 FROM new_rows n JOIN incubatee_flows f ON f.space_id = n.id');
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "incubatee_flow_regions_region" AFTER UPDATE ON "spaces" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "incubatee_flow_regions_region"();
--> statement-breakpoint
-- The leavers already there.
INSERT INTO "incubatee_flow_regions" ("region_code", "year", "status", "leavers")
	SELECT p.code, f.year, f.status, sum(f.leavers)::int
	  FROM "incubatee_flows" f JOIN "spaces" s ON s.id = f.space_id JOIN "regions" r ON r.code = s.region_code
	  CROSS JOIN LATERAL unnest(string_to_array(r.path, '/')) AS p(code)
	 GROUP BY 1, 2, 3;
