-- A call pins its chain by version (chain_id) only. Calls that still name a shipped chain by key
-- alone are pinned to that chain's newest shipped version first (the start-up backfill did this
-- since 0012); if the shipped versions were never loaded (a database that skipped every start since
-- 0012), stop rather than lose which chain those calls used.
UPDATE "calls" SET "chain_id" = (
  SELECT "id" FROM "chains"
  WHERE "chains"."key" = "calls"."chain_template" AND "chains"."owner_region_code" IS NULL AND "chains"."status" = 'published'
  ORDER BY "chains"."version" DESC LIMIT 1
) WHERE "chain_id" IS NULL AND "chain_template" IS NOT NULL;--> statement-breakpoint
DO $$ BEGIN
  IF EXISTS (SELECT 1 FROM "calls" WHERE "chain_id" IS NULL AND "chain_template" IS NOT NULL) THEN
    RAISE EXCEPTION 'calls name a shipped review chain that is not loaded: start the previous release once, then upgrade';
  END IF;
END $$;--> statement-breakpoint
ALTER TABLE "calls" DROP COLUMN "chain_template";
