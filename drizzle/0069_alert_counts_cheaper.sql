-- Migration 0056's guard, comparing the rows as records rather than as two JSON documents. The
-- duplicate scan's first run moves `open_alerts` on 35,000 published supports at national size, and
-- building two jsonb copies of each wide row cost 3.1 s of it (86 µs a row); a record comparison of
-- the row with its three movable fields put back costs a few. What it refuses is unchanged; the DELETE branch
-- repeats 0037's and 0056's because CREATE OR REPLACE takes the whole body.
CREATE OR REPLACE FUNCTION supports_keep_published() RETURNS trigger AS $$
DECLARE
  kept supports;
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status = 'published' THEN
      RAISE EXCEPTION 'a published support is kept: it cannot be deleted' USING ERRCODE = 'check_violation';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD.status = 'published' THEN
    kept := NEW;
    kept.payment_state := OLD.payment_state;
    kept.updated_at := OLD.updated_at;
    kept.open_alerts := OLD.open_alerts;
    IF kept IS DISTINCT FROM OLD THEN
      RAISE EXCEPTION 'a published support is kept: only its payment state may change' USING ERRCODE = 'check_violation';
    END IF;
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- The same first scan moves the alerted count of 35,000 yearly rows and 105,000 rows per region.
-- Their pages were full, so each move was a new row version in the primary key as well; with a
-- fifth of each page free it stays on its page (4.9 → 2.6–3.5 s at national size). As with 0067,
-- pages written before keep their fill until rewritten.
ALTER TABLE "support_grant_years" SET (fillfactor = 80);
--> statement-breakpoint
ALTER TABLE "support_grant_regions" SET (fillfactor = 80);
