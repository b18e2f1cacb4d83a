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
-- The region lies in the scope's subtree or above it: a county works on the calls (and rule sets)
-- of its city and province, never on those of another branch.
CREATE FUNCTION hatchery_region_on_scope_line(region_code varchar) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT EXISTS (
    SELECT 1 FROM regions r, nullif(current_setting('hatchery.region_path', true), '') AS scope(path)
    WHERE r.code = region_code
      AND (r.path = scope.path OR starts_with(r.path, scope.path || '/') OR starts_with(scope.path, r.path || '/'))
  )
$$;
--> statement-breakpoint
ALTER TABLE spaces ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY spaces_region_scope ON spaces
  USING (hatchery_region_in_scope(region_code)) WITH CHECK (hatchery_region_in_scope(region_code));
--> statement-breakpoint
-- An application is as visible as its space (the subquery is itself subject to the spaces policy).
ALTER TABLE applications ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY applications_region_scope ON applications
  USING (EXISTS (SELECT 1 FROM spaces s WHERE s.id = space_id))
  WITH CHECK (EXISTS (SELECT 1 FROM spaces s WHERE s.id = space_id));
--> statement-breakpoint
ALTER TABLE expert_profiles ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY expert_profiles_region_scope ON expert_profiles
  USING (hatchery_region_in_scope(region_code)) WITH CHECK (hatchery_region_in_scope(region_code));
--> statement-breakpoint
ALTER TABLE calls ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY calls_region_scope ON calls
  USING (hatchery_region_on_scope_line(region_code)) WITH CHECK (hatchery_region_in_scope(region_code));
--> statement-breakpoint
-- Shipped rule sets have no owner region and belong to everyone.
ALTER TABLE rule_sets ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY rule_sets_region_scope ON rule_sets
  USING (owner_region_code IS NULL OR hatchery_region_on_scope_line(owner_region_code))
  WITH CHECK (owner_region_code IS NULL OR hatchery_region_in_scope(owner_region_code));
