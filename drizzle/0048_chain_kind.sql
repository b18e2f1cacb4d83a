ALTER TABLE "chains" ADD COLUMN "kind" text DEFAULT 'filing' NOT NULL;--> statement-breakpoint
-- Chains loaded before the column learn what they move: the shipped chains of the other kinds by
-- their keys, every chain a call of another kind pins, then each clone and version of those.
UPDATE "chains" SET "kind" = CASE
  WHEN "key" = 'change_report' THEN 'change_report'
  WHEN "key" LIKE 'annual_return%' THEN 'annual_return'
  WHEN "key" LIKE 'evaluation%' THEN 'evaluation'
  WHEN "key" LIKE 'revocation%' THEN 'revocation'
  ELSE 'support' END
WHERE "owner_region_code" IS NULL
  AND ("key" IN ('change_report', 'revocation', 'revocation_city', 'support', 'support_national', 'support_city', 'support_county', 'support_unit')
    OR "key" LIKE 'annual_return%' OR "key" LIKE 'evaluation%');--> statement-breakpoint
UPDATE "chains" SET "kind" = c."kind" FROM "calls" c WHERE c."chain_id" = "chains"."id" AND c."kind" <> 'filing';--> statement-breakpoint
WITH RECURSIVE "lineage" AS (
  SELECT "id", "kind" FROM "chains" WHERE "kind" <> 'filing'
  UNION
  SELECT ch."id", l."kind" FROM "chains" ch JOIN "lineage" l ON ch."based_on_id" = l."id"
)
UPDATE "chains" SET "kind" = "lineage"."kind" FROM "lineage" WHERE "chains"."id" = "lineage"."id" AND "chains"."kind" = 'filing';--> statement-breakpoint
UPDATE "chains" SET "kind" = k."kind" FROM (SELECT DISTINCT "key", "kind" FROM "chains" WHERE "kind" <> 'filing') k WHERE "chains"."key" = k."key" AND "chains"."kind" = 'filing';
