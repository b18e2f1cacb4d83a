-- hand-written: more read-only views for deployers' BI tools (docs/bi-views.md), over the kept figures the
-- dashboards' later sections read (dashboards/repository.ts): startup survival cohorts, the incubation
-- chain's leavers and moves, yearly grades, revocation proposals, and events and bookings per space and
-- year. Like the views of 0038_dashboards: plain views (always current, on PGlite as on PostgreSQL), no
-- personal data (incubatees appear only as counts, never by name or USCC; no user ids, evidence or notes).
-- Rows the triggers left at zero are left out: they change no sum.
CREATE VIEW "bi_startup_cohorts" AS
SELECT c.space_id, c.entry_year, c.entrants, c.alive1, c.alive3,
  -- S(k) is measurable once 31 December of entry_year + k has passed in Beijing (roster cohortSurvival).
  c.entry_year + 1 < extract(year FROM now() AT TIME ZONE 'Asia/Shanghai')::int AS measurable1,
  c.entry_year + 3 < extract(year FROM now() AT TIME ZONE 'Asia/Shanghai')::int AS measurable3,
  s.region_code, split_part(r.path, '/', 2) AS province_code
FROM incubatee_cohorts c
JOIN spaces s ON s.id = c.space_id
JOIN regions r ON r.code = s.region_code
WHERE c.entrants > 0;--> statement-breakpoint
CREATE VIEW "bi_chain_leavers" AS
SELECT f.space_id, f.year, f.status, f.leavers, s.region_code, split_part(r.path, '/', 2) AS province_code
FROM incubatee_flows f
JOIN spaces s ON s.id = f.space_id
JOIN regions r ON r.code = s.region_code
-- The four ways of leaving the dashboard shows (a resident has not left).
WHERE f.leavers > 0 AND f.status <> 'resident';--> statement-breakpoint
CREATE VIEW "bi_chain_moves" AS
SELECT m.from_space_id, m.to_space_id, m.year, m.moves,
  fs.region_code AS from_region_code, split_part(fr.path, '/', 2) AS from_province_code,
  ts.region_code AS to_region_code, split_part(tr.path, '/', 2) AS to_province_code,
  fp.place AS from_place, tp.place AS to_place
FROM incubatee_moves m
JOIN spaces fs ON fs.id = m.from_space_id
JOIN regions fr ON fr.code = fs.region_code
JOIN spaces ts ON ts.id = m.to_space_id
JOIN regions tr ON tr.code = ts.region_code
LEFT JOIN space_chain_places fp ON fp.space_id = m.from_space_id
LEFT JOIN space_chain_places tp ON tp.space_id = m.to_space_id
WHERE m.moves > 0;--> statement-breakpoint
CREATE VIEW "bi_grades" AS
SELECT eg.space_id, eg.year, eg.level, eg.grade, s.region_code, split_part(r.path, '/', 2) AS province_code
FROM evaluation_grades eg
JOIN spaces s ON s.id = eg.space_id
JOIN regions r ON r.code = s.region_code;--> statement-breakpoint
CREATE VIEW "bi_revocation_proposals" AS
SELECT rp.id AS proposal_id, rp.space_id, rp.filing_level, rp.ground, rp.status,
  extract(year FROM rp.raised_at AT TIME ZONE 'Asia/Shanghai')::int AS raised_year,
  extract(year FROM rp.closed_at AT TIME ZONE 'Asia/Shanghai')::int AS closed_year,
  s.region_code, split_part(r.path, '/', 2) AS province_code
FROM revocation_proposals rp
JOIN spaces s ON s.id = rp.space_id
JOIN regions r ON r.code = s.region_code;--> statement-breakpoint
CREATE VIEW "bi_space_activity" AS
SELECT a.space_id, a.year, a.events, a.signups, a.checked_in, a.bookings, a.booked_minutes,
  s.region_code, split_part(r.path, '/', 2) AS province_code
FROM space_activity_years a
JOIN spaces s ON s.id = a.space_id
JOIN regions r ON r.code = s.region_code
WHERE a.events <> 0 OR a.signups <> 0 OR a.checked_in <> 0 OR a.bookings <> 0 OR a.booked_minutes <> 0;
