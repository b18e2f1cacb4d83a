CREATE TABLE "space_activity_years" (
	"space_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"events" integer NOT NULL,
	"signups" integer NOT NULL,
	"checked_in" integer NOT NULL,
	"bookings" integer NOT NULL,
	"booked_minutes" bigint NOT NULL,
	CONSTRAINT "space_activity_years_space_id_year_pk" PRIMARY KEY("space_id","year")
);
--> statement-breakpoint
ALTER TABLE "space_activity_years" ADD CONSTRAINT "space_activity_years_space_id_spaces_id_fk" FOREIGN KEY ("space_id") REFERENCES "public"."spaces"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
-- Completed bookings: +1 (and the used minutes) in the Beijing year the booking starts for each new
-- row image, -1 for each old one, summed per space and year; a statement that moves nothing (a
-- booking made, confirmed or edited) writes nothing and takes no lock on the year's row.
CREATE FUNCTION "space_activity_bookings"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	changed text := CASE TG_OP
		WHEN 'INSERT' THEN 'SELECT space_id, starts_at, status, used_minutes, 1 AS sign FROM new_rows'
		WHEN 'DELETE' THEN 'SELECT space_id, starts_at, status, used_minutes, -1 AS sign FROM old_rows'
		ELSE 'SELECT space_id, starts_at, status, used_minutes, -1 AS sign FROM old_rows UNION ALL SELECT space_id, starts_at, status, used_minutes, 1 FROM new_rows' END;
BEGIN
	-- Most statements touch no completed booking (a booking made, confirmed, checked in): they stop here,
	-- before the dynamic statement is planned.
	-- (One IF per operation: a statement naming a transition table the trigger lacks fails to plan.)
	IF TG_OP = 'INSERT' THEN
		IF NOT EXISTS (SELECT FROM new_rows WHERE status = 'completed') THEN RETURN NULL; END IF;
	ELSIF TG_OP = 'UPDATE' THEN
		IF NOT EXISTS (SELECT FROM new_rows WHERE status = 'completed') AND NOT EXISTS (SELECT FROM old_rows WHERE status = 'completed') THEN RETURN NULL; END IF;
	END IF;
	EXECUTE 'INSERT INTO "space_activity_years" ("space_id", "year", "events", "signups", "checked_in", "bookings", "booked_minutes")
		SELECT space_id, extract(year FROM starts_at AT TIME ZONE ''Asia/Shanghai'')::int, 0, 0, 0, sum(sign), coalesce(sum(sign * used_minutes), 0)
		FROM (' || changed || ') d WHERE status = ''completed''
		GROUP BY 1, 2 HAVING sum(sign) <> 0 OR coalesce(sum(sign * used_minutes), 0) <> 0
		ON CONFLICT ("space_id", "year") DO UPDATE SET
			"bookings" = "space_activity_years"."bookings" + excluded."bookings",
			"booked_minutes" = "space_activity_years"."booked_minutes" + excluded."booked_minutes"';
	RETURN NULL;
END $$;
--> statement-breakpoint
-- Confirmed sign-ups of published or held events: counted in the event's space and Beijing year.
CREATE FUNCTION "space_activity_signups"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	changed text := CASE TG_OP
		WHEN 'INSERT' THEN 'SELECT event_id, status, checked_in_at, 1 AS sign FROM new_rows'
		WHEN 'DELETE' THEN 'SELECT event_id, status, checked_in_at, -1 AS sign FROM old_rows'
		ELSE 'SELECT event_id, status, checked_in_at, -1 AS sign FROM old_rows UNION ALL SELECT event_id, status, checked_in_at, 1 FROM new_rows' END;
BEGIN
	-- A sign-up burst writes mostly waitlisted and pending rows: they stop here, before the dynamic
	-- statement is planned.
	-- (One IF per operation: a statement naming a transition table the trigger lacks fails to plan.)
	IF TG_OP = 'INSERT' THEN
		IF NOT EXISTS (SELECT FROM new_rows WHERE status = 'confirmed') THEN RETURN NULL; END IF;
	ELSIF TG_OP = 'UPDATE' THEN
		IF NOT EXISTS (SELECT FROM new_rows WHERE status = 'confirmed') AND NOT EXISTS (SELECT FROM old_rows WHERE status = 'confirmed') THEN RETURN NULL; END IF;
	END IF;
	EXECUTE 'INSERT INTO "space_activity_years" ("space_id", "year", "events", "signups", "checked_in", "bookings", "booked_minutes")
		SELECT e.space_id, extract(year FROM e.starts_at AT TIME ZONE ''Asia/Shanghai'')::int, 0, sum(d.sign), sum(d.sign * (d.checked_in_at IS NOT NULL)::int), 0, 0
		FROM (' || changed || ') d JOIN "space_events" e ON e.id = d.event_id
		WHERE d.status = ''confirmed'' AND e.status IN (''published'', ''held'')
		GROUP BY 1, 2 HAVING sum(d.sign) <> 0 OR sum(d.sign * (d.checked_in_at IS NOT NULL)::int) <> 0
		ON CONFLICT ("space_id", "year") DO UPDATE SET
			"signups" = "space_activity_years"."signups" + excluded."signups",
			"checked_in" = "space_activity_years"."checked_in" + excluded."checked_in"';
	RETURN NULL;
END $$;
--> statement-breakpoint
-- An event counts in its space and Beijing year while held, and its confirmed sign-ups while it is
-- published or held: both move with it when its status, space or year changes. Only such statements
-- go on: a seat taken (every sign-up updates its event's counter) or a title edited moves nothing and
-- returns before the dynamic statement is planned.
CREATE FUNCTION "space_activity_events"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	-- Events that did not move cancel out in the sums below.
	changed text := CASE TG_OP
		WHEN 'INSERT' THEN 'SELECT id, space_id, starts_at, status, 1 AS sign FROM new_rows'
		WHEN 'DELETE' THEN 'SELECT id, space_id, starts_at, status, -1 AS sign FROM old_rows'
		ELSE 'SELECT id, space_id, starts_at, status, -1 AS sign FROM old_rows UNION ALL SELECT id, space_id, starts_at, status, 1 FROM new_rows' END;
BEGIN
	-- (One IF per operation: a statement naming a transition table the trigger lacks fails to plan.)
	IF TG_OP = 'INSERT' THEN
		-- A new event has no sign-ups yet: only one recorded as held counts.
		IF NOT EXISTS (SELECT FROM new_rows WHERE status = 'held') THEN RETURN NULL; END IF;
	ELSIF TG_OP = 'UPDATE' THEN
		IF NOT EXISTS (SELECT FROM old_rows o JOIN new_rows n USING (id)
			WHERE (o.status IN ('published', 'held')) <> (n.status IN ('published', 'held')) OR (o.status = 'held') <> (n.status = 'held')
				OR o.space_id <> n.space_id
				OR extract(year FROM o.starts_at AT TIME ZONE 'Asia/Shanghai') <> extract(year FROM n.starts_at AT TIME ZONE 'Asia/Shanghai')) THEN RETURN NULL; END IF;
	END IF;
	EXECUTE 'INSERT INTO "space_activity_years" ("space_id", "year", "events", "signups", "checked_in", "bookings", "booked_minutes")
		SELECT d.space_id, extract(year FROM d.starts_at AT TIME ZONE ''Asia/Shanghai'')::int,
			sum(d.sign * (d.status = ''held'')::int), sum(d.sign * s.n), sum(d.sign * s.checked), 0, 0
		FROM (' || changed || ') d
		CROSS JOIN LATERAL (SELECT count(*)::int AS n, count(es.checked_in_at)::int AS checked FROM "event_signups" es
			WHERE es.event_id = d.id AND es.status = ''confirmed'') s
		WHERE d.status IN (''published'', ''held'')
		GROUP BY 1, 2 HAVING sum(d.sign * (d.status = ''held'')::int) <> 0 OR sum(d.sign * s.n) <> 0 OR sum(d.sign * s.checked) <> 0
		ON CONFLICT ("space_id", "year") DO UPDATE SET
			"events" = "space_activity_years"."events" + excluded."events",
			"signups" = "space_activity_years"."signups" + excluded."signups",
			"checked_in" = "space_activity_years"."checked_in" + excluded."checked_in"';
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "space_activity_bookings_insert" AFTER INSERT ON "bookings" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "space_activity_bookings"();
--> statement-breakpoint
CREATE TRIGGER "space_activity_bookings_update" AFTER UPDATE ON "bookings" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "space_activity_bookings"();
--> statement-breakpoint
CREATE TRIGGER "space_activity_bookings_delete" AFTER DELETE ON "bookings" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "space_activity_bookings"();
--> statement-breakpoint
CREATE TRIGGER "space_activity_signups_insert" AFTER INSERT ON "event_signups" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "space_activity_signups"();
--> statement-breakpoint
CREATE TRIGGER "space_activity_signups_update" AFTER UPDATE ON "event_signups" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "space_activity_signups"();
--> statement-breakpoint
CREATE TRIGGER "space_activity_signups_delete" AFTER DELETE ON "event_signups" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "space_activity_signups"();
--> statement-breakpoint
CREATE TRIGGER "space_activity_events_insert" AFTER INSERT ON "space_events" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "space_activity_events"();
--> statement-breakpoint
CREATE TRIGGER "space_activity_events_update" AFTER UPDATE ON "space_events" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "space_activity_events"();
--> statement-breakpoint
CREATE TRIGGER "space_activity_events_delete" AFTER DELETE ON "space_events" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "space_activity_events"();
--> statement-breakpoint
-- Truncated bookings, sign-ups or events leave none of their figures.
CREATE FUNCTION "space_activity_clear"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_TABLE_NAME = 'bookings' THEN
		UPDATE "space_activity_years" SET "bookings" = 0, "booked_minutes" = 0;
	ELSIF TG_TABLE_NAME = 'event_signups' THEN
		UPDATE "space_activity_years" SET "signups" = 0, "checked_in" = 0;
	ELSE
		UPDATE "space_activity_years" SET "events" = 0, "signups" = 0, "checked_in" = 0;
	END IF;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "space_activity_bookings_truncate" AFTER TRUNCATE ON "bookings" FOR EACH STATEMENT EXECUTE FUNCTION "space_activity_clear"();
--> statement-breakpoint
CREATE TRIGGER "space_activity_signups_truncate" AFTER TRUNCATE ON "event_signups" FOR EACH STATEMENT EXECUTE FUNCTION "space_activity_clear"();
--> statement-breakpoint
CREATE TRIGGER "space_activity_events_truncate" AFTER TRUNCATE ON "space_events" FOR EACH STATEMENT EXECUTE FUNCTION "space_activity_clear"();
--> statement-breakpoint
-- The figures of the rows already there.
INSERT INTO "space_activity_years" ("space_id", "year", "events", "signups", "checked_in", "bookings", "booked_minutes")
	SELECT space_id, year, sum(events), sum(signups), sum(checked_in), sum(bookings), sum(booked_minutes) FROM (
		SELECT space_id, extract(year FROM starts_at AT TIME ZONE 'Asia/Shanghai')::int AS year, count(*) AS events, 0 AS signups, 0 AS checked_in, 0 AS bookings, 0 AS booked_minutes
		FROM "space_events" WHERE status = 'held' GROUP BY 1, 2
		UNION ALL
		SELECT e.space_id, extract(year FROM e.starts_at AT TIME ZONE 'Asia/Shanghai')::int, 0, count(*), count(es.checked_in_at), 0, 0
		FROM "event_signups" es JOIN "space_events" e ON e.id = es.event_id
		WHERE es.status = 'confirmed' AND e.status IN ('published', 'held') GROUP BY 1, 2
		UNION ALL
		SELECT space_id, extract(year FROM starts_at AT TIME ZONE 'Asia/Shanghai')::int, 0, 0, 0, count(*), coalesce(sum(used_minutes), 0)
		FROM "bookings" WHERE status = 'completed' GROUP BY 1, 2) x
	GROUP BY 1, 2;
