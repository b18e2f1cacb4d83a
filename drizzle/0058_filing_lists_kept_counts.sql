ALTER TABLE "filing_lists" ADD COLUMN "call_kind" text;--> statement-breakpoint
ALTER TABLE "filing_lists" ADD COLUMN "entry_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "filing_lists_public_idx" ON "filing_lists" USING btree ("call_kind","issued_on" DESC NULLS FIRST,"published_at" DESC NULLS FIRST,"id" DESC NULLS FIRST) WHERE entry_count > 0;--> statement-breakpoint
-- A list's call kind, copied when it is inserted (a call's kind never changes).
CREATE FUNCTION "filing_lists_call_kind"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	NEW."call_kind" := (SELECT "kind" FROM "calls" WHERE "id" = NEW."call_id");
	RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER "filing_lists_call_kind" BEFORE INSERT OR UPDATE OF "call_id" ON "filing_lists" FOR EACH ROW EXECUTE FUNCTION "filing_lists_call_kind"();
--> statement-breakpoint
-- Adds a statement's difference to its lists' entry counts: -1 for each entry image it removed (old),
-- +1 for each it added (new), summed per list in one update (as incubatee_cohorts_apply does).
CREATE FUNCTION "filing_list_entries_count"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	changed text := CASE TG_OP
		WHEN 'INSERT' THEN 'SELECT "list_id", 1 AS sign FROM new_rows'
		WHEN 'DELETE' THEN 'SELECT "list_id", -1 AS sign FROM old_rows'
		ELSE 'SELECT "list_id", -1 AS sign FROM old_rows UNION ALL SELECT "list_id", 1 FROM new_rows' END;
BEGIN
	EXECUTE 'UPDATE "filing_lists" l SET "entry_count" = l."entry_count" + d.n
		FROM (SELECT "list_id", sum(sign)::int AS n FROM (' || changed || ') c GROUP BY 1) d
		WHERE l."id" = d."list_id" AND d.n <> 0';
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "filing_list_entries_count_insert" AFTER INSERT ON "filing_list_entries" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "filing_list_entries_count"();
--> statement-breakpoint
CREATE TRIGGER "filing_list_entries_count_update" AFTER UPDATE ON "filing_list_entries" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "filing_list_entries_count"();
--> statement-breakpoint
CREATE TRIGGER "filing_list_entries_count_delete" AFTER DELETE ON "filing_list_entries" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "filing_list_entries_count"();
--> statement-breakpoint
-- Truncated entries leave every list empty.
CREATE FUNCTION "filing_list_entries_clear"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE "filing_lists" SET "entry_count" = 0 WHERE "entry_count" <> 0;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "filing_list_entries_truncate" AFTER TRUNCATE ON "filing_list_entries" FOR EACH STATEMENT EXECUTE FUNCTION "filing_list_entries_clear"();
--> statement-breakpoint
-- The lists already there.
UPDATE "filing_lists" l SET "call_kind" = c."kind" FROM "calls" c WHERE c."id" = l."call_id";
--> statement-breakpoint
UPDATE "filing_lists" l SET "entry_count" = x.n FROM (SELECT "list_id", count(*)::int AS n FROM "filing_list_entries" GROUP BY 1) x WHERE x."list_id" = l."id";
