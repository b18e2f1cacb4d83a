CREATE TABLE "return_state_counts" (
	"call_id" uuid NOT NULL,
	"region_code" varchar(6) NOT NULL,
	"state" text NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "return_state_counts_call_id_region_code_state_pk" PRIMARY KEY("call_id","region_code","state")
);
--> statement-breakpoint
ALTER TABLE "return_state_counts" ADD CONSTRAINT "return_state_counts_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- A return's state as the rounds list shows it (returns/service.ts stateOf): missed before its status.
CREATE FUNCTION "return_state"("status" text, "missed_at" timestamptz) RETURNS text
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	RETURN CASE WHEN "missed_at" IS NOT NULL THEN 'missed'
		WHEN "status" IN ('draft', 'submitted', 'in_review', 'returned', 'filed', 'rejected') THEN "status" ELSE 'in_review' END;
--> statement-breakpoint
-- The statement adding a change to the counts. `changed` yields (call_id, region_code, status,
-- missed_at, sign): -1 for a return's state before the statement, +1 after it. Each region of the
-- district's path gets the difference, in key order so concurrent writers lock rows in one order.
CREATE FUNCTION "return_state_counts_sql"("changed" text) RETURNS text
	LANGUAGE sql IMMUTABLE
	RETURN 'INSERT INTO "return_state_counts" ("call_id", "region_code", "state", "n")
		SELECT c.call_id, p.code, "return_state"(c.status, c.missed_at), sum(c.sign)::int
		  FROM (' || "changed" || ') c JOIN "regions" r ON r.code = c.region_code
		  CROSS JOIN LATERAL unnest(string_to_array(r.path, ''/'')) AS p(code)
		 GROUP BY 1, 2, 3 HAVING sum(c.sign) <> 0 ORDER BY 1, 2, 3
		ON CONFLICT ("call_id", "region_code", "state") DO UPDATE SET "n" = "return_state_counts"."n" + excluded."n"';
--> statement-breakpoint
-- The triggers read spaces, whose rows are scoped by region (0008): as the owner, every space counts.
CREATE FUNCTION "return_state_counts_values"() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
	side_old text := 'SELECT o.call_id, s.region_code, a.status, o.missed_at, -1 AS sign FROM old_rows o JOIN applications a ON a.id = o.submission_id JOIN spaces s ON s.id = o.space_id';
	side_new text := 'SELECT n.call_id, s.region_code, a.status, n.missed_at, 1 AS sign FROM new_rows n JOIN applications a ON a.id = n.submission_id JOIN spaces s ON s.id = n.space_id';
BEGIN
	EXECUTE "return_state_counts_sql"(CASE TG_OP WHEN 'INSERT' THEN side_new WHEN 'DELETE' THEN side_old ELSE side_old || ' UNION ALL ' || side_new END);
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "return_state_counts_insert" AFTER INSERT ON "return_values" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "return_state_counts_values"();
--> statement-breakpoint
CREATE TRIGGER "return_state_counts_update" AFTER UPDATE ON "return_values" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "return_state_counts_values"();
--> statement-breakpoint
CREATE TRIGGER "return_state_counts_delete" AFTER DELETE ON "return_values" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "return_state_counts_values"();
--> statement-breakpoint
-- A return's status lives on its application (the workflow kernel moves it).
CREATE FUNCTION "return_state_counts_status"() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
	EXECUTE "return_state_counts_sql"(
		'SELECT rv.call_id, s.region_code, o.status, rv.missed_at, -1 AS sign FROM old_rows o JOIN return_values rv ON rv.submission_id = o.id JOIN spaces s ON s.id = rv.space_id
		 UNION ALL
		 SELECT rv.call_id, s.region_code, n.status, rv.missed_at, 1 FROM new_rows n JOIN return_values rv ON rv.submission_id = n.id JOIN spaces s ON s.id = rv.space_id');
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "return_state_counts_status" AFTER UPDATE ON "applications" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "return_state_counts_status"();
--> statement-breakpoint
-- A space moved to another district takes its returns' counts along.
CREATE FUNCTION "return_state_counts_region"() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
	EXECUTE "return_state_counts_sql"(
		'SELECT rv.call_id, o.region_code, a.status, rv.missed_at, -1 AS sign FROM old_rows o JOIN return_values rv ON rv.space_id = o.id JOIN applications a ON a.id = rv.submission_id
		 UNION ALL
		 SELECT rv.call_id, n.region_code, a.status, rv.missed_at, 1 FROM new_rows n JOIN return_values rv ON rv.space_id = n.id JOIN applications a ON a.id = rv.submission_id');
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "return_state_counts_region" AFTER UPDATE ON "spaces" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "return_state_counts_region"();
--> statement-breakpoint
CREATE FUNCTION "return_state_counts_clear"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	DELETE FROM "return_state_counts";
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "return_state_counts_truncate" AFTER TRUNCATE ON "return_values" FOR EACH STATEMENT EXECUTE FUNCTION "return_state_counts_clear"();
--> statement-breakpoint
-- The returns already there.
INSERT INTO "return_state_counts" ("call_id", "region_code", "state", "n")
	SELECT rv.call_id, p.code, "return_state"(a.status, rv.missed_at), count(*)::int
	  FROM "return_values" rv JOIN "applications" a ON a.id = rv.submission_id JOIN "spaces" s ON s.id = rv.space_id
	  JOIN "regions" r ON r.code = s.region_code CROSS JOIN LATERAL unnest(string_to_array(r.path, '/')) AS p(code)
	 GROUP BY 1, 2, 3;
