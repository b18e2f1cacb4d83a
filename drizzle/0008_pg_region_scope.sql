-- Row-level security by region (defence in depth on PostgreSQL). The application connects as a
-- role that does not own these tables, so the policies apply to it; the owner (migrations,
-- restore, PGlite's single user) bypasses them. Every connection of the application carries the
-- region path of the request's actor in the session setting `hatchery.region_path` (the national
-- root '000000' for everyone without a jurisdiction); a connection without it sees no scoped row.

-- The region lies in the scope's subtree (the scope itself or below it).
CREATE FUNCTION hatchery_region_in_scope(region_code varchar) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT EXISTS (
    SELECT 1 FROM regions r, nullif(current_setting('hatchery.region_path', true), '') AS scope(path)
    WHERE r.code = region_code AND (r.path = scope.path OR starts_with(r.path, scope.path || '/'))
  )
$$;
--> statement-breakpoint
ALTER TABLE spaces ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY spaces_region_scope ON spaces
  USING (hatchery_region_in_scope(region_code)) WITH CHECK (hatchery_region_in_scope(region_code));
--> statement-breakpoint
ALTER TABLE expert_profiles ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY expert_profiles_region_scope ON expert_profiles
  USING (hatchery_region_in_scope(region_code)) WITH CHECK (hatchery_region_in_scope(region_code));
