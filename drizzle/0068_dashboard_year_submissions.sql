-- hand-written (INCLUDE columns): the dashboards' submissions by state read the year's filing
-- applications and annual returns from the year's calls, index-only, instead of every application
-- of the subtree's spaces in every year (a sequential scan of 233,000 applications for the country,
-- BENCHMARKS.md, issue 17).
CREATE INDEX IF NOT EXISTS "applications_year_states_idx" ON "applications" ("call_id") INCLUDE ("space_id", "kind", "status", "stage_due_at", "id") WHERE "kind" IN ('filing', 'annual_return');
