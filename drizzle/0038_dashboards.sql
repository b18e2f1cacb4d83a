CREATE TABLE "dashboard_maps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" varchar(6) NOT NULL,
	"approval_no" text NOT NULL,
	"geojson" jsonb NOT NULL,
	"feature_count" integer NOT NULL,
	"uploaded_by" uuid,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dashboard_maps_region_code_unique" UNIQUE("region_code")
);
--> statement-breakpoint
ALTER TABLE "dashboard_maps" ADD CONSTRAINT "dashboard_maps_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dashboard_maps" ADD CONSTRAINT "dashboard_maps_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- hand-written: read-only views for deployers' BI tools (docs/bi-views.md) over the figures the dashboards
-- show, with no personal data (no person's name, contact or ID; beneficiaries only by role). Plain views
-- (no materialisation) so they are always current and work on PGlite as on PostgreSQL.
CREATE VIEW "bi_spaces" AS
SELECT s.id AS space_id, s.name AS space_name, s.category, s.regular_type, s.industry, s.status,
  s.region_code, r.name AS region_name, split_part(r.path, '/', 2) AS province_code,
  bool_or(f.level = 'city' AND f.status = 'active') IS TRUE AS filed_city,
  bool_or(f.level = 'province' AND f.status = 'active') IS TRUE AS filed_province,
  bool_or(f.level = 'national' AND f.status = 'active') IS TRUE AS filed_national,
  min(extract(year FROM f.filed_at AT TIME ZONE 'Asia/Shanghai'))::int AS first_filed_year
FROM spaces s
JOIN regions r ON r.code = s.region_code
LEFT JOIN filings f ON f.space_id = s.id
GROUP BY s.id, r.code;--> statement-breakpoint
CREATE VIEW "bi_filings" AS
SELECT f.id AS filing_id, f.space_id, f.level, f.status,
  extract(year FROM f.filed_at AT TIME ZONE 'Asia/Shanghai')::int AS filed_year,
  extract(year FROM f.cancelled_at AT TIME ZONE 'Asia/Shanghai')::int AS cancelled_year,
  s.region_code, split_part(r.path, '/', 2) AS province_code
FROM filings f
JOIN spaces s ON s.id = f.space_id
JOIN regions r ON r.code = s.region_code;--> statement-breakpoint
CREATE VIEW "bi_returns_figures" AS
SELECT rv.space_id, c.year, rr.period, s.region_code, split_part(r.path, '/', 2) AS province_code,
  v.key AS indicator_code, (v.value #>> '{}')::numeric AS value
FROM return_values rv
JOIN calls c ON c.id = rv.call_id
JOIN return_rounds rr ON rr.call_id = rv.call_id
JOIN spaces s ON s.id = rv.space_id
JOIN regions r ON r.code = s.region_code
CROSS JOIN LATERAL jsonb_each(rv.values) v
WHERE rv.accepted_at IS NOT NULL AND jsonb_typeof(v.value) = 'number';--> statement-breakpoint
CREATE VIEW "bi_supports" AS
SELECT su.id AS support_id, su.grantor_org_id, o.name AS grantor_name, su.grantor_region_code,
  su.category, su.beneficiary_role, su.space_id, su.region_code, split_part(r.path, '/', 2) AS province_code,
  extract(year FROM su.granted_on)::int AS granted_year, su.granted_on, su.period_from, su.period_to,
  su.amount_yuan, su.payment_state, su.status
FROM supports su
JOIN organisations o ON o.id = su.grantor_org_id
JOIN regions r ON r.code = su.region_code
WHERE su.status <> 'withdrawn';
