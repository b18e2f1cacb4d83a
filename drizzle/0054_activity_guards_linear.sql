-- Migration 0052's events trigger compared each updated event's old and new row with a join on id,
-- which the planner ran as a nested loop over the transition tables: an update of n events cost n²
-- comparisons (95 s for 20,000 events; the scale seed's update of 200,000 ran for hours). The same function with the comparison as a set difference.
-- An event counts in its space and Beijing year while held, and its confirmed sign-ups while it is
-- published or held: both move with it when its status, space or year changes. Only such statements
-- go on: a seat taken (every sign-up updates its event's counter) or a title edited moves nothing and
-- returns before the dynamic statement is planned.
CREATE OR REPLACE FUNCTION "space_activity_events"() RETURNS trigger LANGUAGE plpgsql AS $$
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
		-- What counts of each event, before and after: nothing moved when every old row's is among the
		-- new (an update has each id once on either side), a set difference hashed or sorted in one pass.
		IF NOT EXISTS (SELECT id, status IN ('published', 'held'), status = 'held', space_id, extract(year FROM starts_at AT TIME ZONE 'Asia/Shanghai') FROM old_rows
			EXCEPT SELECT id, status IN ('published', 'held'), status = 'held', space_id, extract(year FROM starts_at AT TIME ZONE 'Asia/Shanghai') FROM new_rows) THEN RETURN NULL; END IF;
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
