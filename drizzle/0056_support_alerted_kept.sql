ALTER TABLE "supports" ADD COLUMN "open_alerts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "support_grant_years" ADD COLUMN "alerted" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- The dashboards counted, on every request, the supports an open duplicate alert names: at national
-- size 35,628 supports looked up one by one (387 ms of the ministry's 694 ms supports statement).
-- Each support now keeps how many open alerts name it (+1 when an alert naming it opens or is
-- written, -1 when it closes or goes), and the supports' yearly figures keep how many of them are
-- named by one, moved by the supports trigger like the grants.
CREATE FUNCTION "support_open_alerts_apply"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	changed text := CASE TG_OP
		WHEN 'INSERT' THEN 'SELECT support_ids, 1 AS sign FROM new_rows WHERE state = ''open'''
		WHEN 'DELETE' THEN 'SELECT support_ids, -1 AS sign FROM old_rows WHERE state = ''open'''
		ELSE 'SELECT support_ids, -1 AS sign FROM old_rows WHERE state = ''open''
			UNION ALL SELECT support_ids, 1 FROM new_rows WHERE state = ''open''' END;
BEGIN
	-- The nightly scan writes every alert it finds again: only an alert opened, closed, removed or
	-- naming other supports moves a count. The others stop here, before the statement is planned.
	-- (One IF per operation: a statement naming a transition table the trigger lacks fails to plan.)
	IF TG_OP = 'INSERT' THEN
		IF NOT EXISTS (SELECT FROM new_rows WHERE state = 'open') THEN RETURN NULL; END IF;
	ELSIF TG_OP = 'DELETE' THEN
		IF NOT EXISTS (SELECT FROM old_rows WHERE state = 'open') THEN RETURN NULL; END IF;
	ELSE
		IF NOT EXISTS ((SELECT id, support_ids FROM new_rows WHERE state = 'open' EXCEPT SELECT id, support_ids FROM old_rows WHERE state = 'open')
			UNION ALL (SELECT id, support_ids FROM old_rows WHERE state = 'open' EXCEPT SELECT id, support_ids FROM new_rows WHERE state = 'open')) THEN RETURN NULL; END IF;
	END IF;
	EXECUTE 'UPDATE "supports" s SET "open_alerts" = s."open_alerts" + d.n
		FROM (SELECT sid, sum(sign)::int AS n FROM (' || changed || ') c CROSS JOIN LATERAL unnest(c.support_ids) AS sid
			GROUP BY sid HAVING sum(sign) <> 0) d
		WHERE s.id = d.sid';
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "support_open_alerts_insert" AFTER INSERT ON "support_alerts" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "support_open_alerts_apply"();
--> statement-breakpoint
CREATE TRIGGER "support_open_alerts_update" AFTER UPDATE ON "support_alerts" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "support_open_alerts_apply"();
--> statement-breakpoint
CREATE TRIGGER "support_open_alerts_delete" AFTER DELETE ON "support_alerts" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "support_open_alerts_apply"();
--> statement-breakpoint
-- Migration 0037's guard, letting the open-alert count of a published support move with its alerts.
CREATE OR REPLACE FUNCTION supports_keep_published() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status = 'published' THEN
      RAISE EXCEPTION 'a published support is kept: it cannot be deleted' USING ERRCODE = 'check_violation';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD.status = 'published' AND (to_jsonb(NEW) - 'payment_state' - 'updated_at' - 'open_alerts') IS DISTINCT FROM (to_jsonb(OLD) - 'payment_state' - 'updated_at' - 'open_alerts') THEN
    RAISE EXCEPTION 'a published support is kept: only its payment state may change' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- Truncated alerts name no support.
CREATE FUNCTION "support_open_alerts_clear"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE "supports" SET "open_alerts" = 0 WHERE "open_alerts" <> 0;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "support_open_alerts_truncate" AFTER TRUNCATE ON "support_alerts" FOR EACH STATEMENT EXECUTE FUNCTION "support_open_alerts_clear"();
--> statement-breakpoint
-- Migration 0053's function with the alerted supports counted too (the whole body: CREATE OR REPLACE
-- needs it). A support counts as alerted while an open alert names it.
CREATE OR REPLACE FUNCTION "support_grant_years_apply"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	changed text := CASE TG_OP
		WHEN 'INSERT' THEN 'SELECT space_id, granted_on, grantor_org_id, category, amount_yuan, status, open_alerts, 1 AS sign FROM new_rows'
		WHEN 'DELETE' THEN 'SELECT space_id, granted_on, grantor_org_id, category, amount_yuan, status, open_alerts, -1 AS sign FROM old_rows'
		ELSE 'SELECT space_id, granted_on, grantor_org_id, category, amount_yuan, status, open_alerts, -1 AS sign FROM old_rows
			UNION ALL SELECT space_id, granted_on, grantor_org_id, category, amount_yuan, status, open_alerts, 1 FROM new_rows' END;
BEGIN
	-- A payment recorded, a support put on notice or published, its project or cost basis edited, a
	-- second alert naming it move nothing: they stop here, before the dynamic statement is planned.
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
					OR o.grantor_org_id <> n.grantor_org_id OR o.category <> n.category OR o.amount_yuan <> n.amount_yuan
					OR (o.open_alerts > 0) <> (n.open_alerts > 0))) THEN RETURN NULL; END IF;
	END IF;
	EXECUTE 'INSERT INTO "support_grant_years" ("space_id", "year", "grantor_org_id", "category", "supports", "amount_yuan", "alerted")
		SELECT space_id, extract(year FROM granted_on)::int, grantor_org_id, category, sum(sign), sum(sign * amount_yuan), sum(sign * (open_alerts > 0)::int)
		FROM (' || changed || ') d WHERE status NOT IN (''withdrawn'', ''blocked'')
		GROUP BY 1, 2, 3, 4 HAVING sum(sign) <> 0 OR sum(sign * amount_yuan) <> 0 OR sum(sign * (open_alerts > 0)::int) <> 0
		ORDER BY 1, 2, 3, 4
		ON CONFLICT ("space_id", "year", "grantor_org_id", "category") DO UPDATE SET
			"supports" = "support_grant_years"."supports" + excluded."supports",
			"amount_yuan" = "support_grant_years"."amount_yuan" + excluded."amount_yuan",
			"alerted" = "support_grant_years"."alerted" + excluded."alerted"';
	RETURN NULL;
END $$;
--> statement-breakpoint
-- The counts of the alerts already open; the supports trigger above moves the yearly figures.
UPDATE "supports" s SET "open_alerts" = d.n
	FROM (SELECT sid, count(*)::int AS n FROM "support_alerts" CROSS JOIN LATERAL unnest(support_ids) AS sid WHERE state = 'open' GROUP BY sid) d
	WHERE s.id = d.sid;
