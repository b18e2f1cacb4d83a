import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { RETURN_CHAINS } from '../../modules/returns/index.ts';
import { chainSteps } from './plan.ts';
import { LAST_YEAR, type ScaleSize } from './sizes.ts';

/** The chain every generated round pins (county → city → the space's province accepts). */
const RETURN_CHAIN = RETURN_CHAINS.find((c) => c.key === 'annual_return_province')!;

/**
 * The reporting rounds of the last `returnYears` survey years: per province an annual round a year
 * (enrolling every space filed in the province when it opened), and the ministry's quarterly
 * monitoring round a quarter (every national-level space of the country), each a call of kind
 * `annual_return` pinning the shipped provincial return chain (county → city → the space's
 * province accepts) and the newest shipped catalogue. Earlier rounds opened after their period
 * and are done: their returns accepted, a few missed. The last annual round (opened in November of
 * `LAST_YEAR`, due at the end of January) and the last quarter's round are being filed.
 */
export async function seedReturnRounds(tx: Tx, size: ScaleSize): Promise<void> {
  // Constants of the data set, written into the statement (typed as integers where generate_series needs them).
  const first = sql.raw(String(LAST_YEAR - size.returnYears + 1));
  const last = sql.raw(String(LAST_YEAR));
  await tx.execute(sql`create temp table scale_round on commit drop as
    select pg_temp.sid('return-call:' || p.period || ':' || r.code) as call_id, r.code as region_code, r.name as region_name, p.*,
      p.period_end >= ${`${LAST_YEAR}-09-30`}::timestamptz as current
    from scale_region r cross join (
      select 'annual' as cadence, y::text as period, y as year, 0 as quarter,
        make_timestamptz(y, 1, 1, 0, 0, 0, 'Asia/Shanghai') as period_start, make_timestamptz(y + 1, 1, 1, 0, 0, 0, 'Asia/Shanghai') as period_end,
        case when y = ${last} then make_timestamptz(y, 11, 20, 9, 0, 0, 'Asia/Shanghai') else make_timestamptz(y + 1, 1, 5, 9, 0, 0, 'Asia/Shanghai') end as opens_at,
        case when y = ${last} then make_timestamptz(y + 1, 1, 31, 17, 0, 0, 'Asia/Shanghai') else make_timestamptz(y + 1, 2, 28, 17, 0, 0, 'Asia/Shanghai') end as closes_at
      from generate_series(${first}, ${last}) y
      union all
      -- Quarters whose period has ended: the last (Q3 of LAST_YEAR) is still being filed.
      select 'quarterly', y || 'Q' || q, y, q,
        make_timestamptz(y, 3 * q - 2, 1, 0, 0, 0, 'Asia/Shanghai'), make_timestamptz(y, 3 * q - 2, 1, 0, 0, 0, 'Asia/Shanghai') + interval '3 months',
        make_timestamptz(y, 3 * q - 2, 1, 9, 0, 0, 'Asia/Shanghai') + interval '3 months 7 days',
        make_timestamptz(y, 3 * q - 2, 1, 17, 0, 0, 'Asia/Shanghai') + case when y = ${last} and q = 3 then interval '6 months' else interval '4 months' end
      from generate_series(${first}, ${last}) y cross join generate_series(1, 4) q
      where y < ${last} or q <= 3
    ) p
    where r.level = case p.cadence when 'annual' then 'province' else 'national' end`);
  await tx.execute(sql`insert into calls (id, title, level, year, authority_org_id, region_code, opens_at, closes_at, eligible_categories, material_slots, chain_id,
      description, kind, status, created_by, created_at, updated_at, published_at)
    select call_id,
      case cadence when 'annual' then region_name || year || '年度众创空间统计报表' else '全国' || year || '年第' || quarter || '季度国家级众创空间监测报表' end,
      case cadence when 'annual' then 'province' else 'national' end, year, pg_temp.sid('authority:' || region_code), region_code, opens_at, closes_at, '["regular", "professional"]'::jsonb, '[]'::jsonb,
      (select id from chains where key = ${RETURN_CHAIN.key} and owner_region_code is null and status = 'published' order by version desc limit 1),
      null, 'annual_return', 'published', pg_temp.sid('user:' || region_code || ':admin'), opens_at, opens_at, opens_at
    from scale_round`);
  await tx.execute(sql`insert into return_rounds (call_id, cadence, period, period_start, period_end, catalogue_id, missed_at, created_by, created_at)
    select call_id, cadence, period, period_start, period_end,
      (select id from return_catalogues where owner_region_code is null and status = 'published' order by year desc, version desc limit 1),
      case when not current then closes_at + interval '1 day' end, pg_temp.sid('user:' || region_code || ':admin'), opens_at
    from scale_round`);
}

/** Indicator values of one return (stored units: integer 元, 平方米, counts) as SQL over the columns of `scale_return`. */
const VALUES = sql.raw(`jsonb_build_object(
    'operator_name', r.operator_name, 'operator_uscc', r.operator_uscc, 'district', r.county_name, 'operator_nature', 'enterprise',
    'professional', case when r.professional then 'yes' else 'no' end, 'filing_level', r.filing_level, 'operating_since', to_char(r.founded_on, 'YYYY-MM'),
    'total_area', v.area, 'workstations', round(v.area / 8), 'workstation_area', round(v.area * 0.5), 'public_area', round(v.area * 0.3),
    'shared_equipment_value', round(200000 + 1800000 * v.b),
    'service_staff', round(4 + 12 * v.f), 'mentors', v.mentors, 'mentors_fulltime', floor(v.mentors * 0.3), 'mentors_parttime', v.mentors - floor(v.mentors * 0.3),
    'total_income', v.income, 'income_services', floor(v.income * 0.35), 'income_subsidy', floor(v.income * 0.2), 'income_rent', floor(v.income * 0.3),
    'income_investment', floor(v.income * 0.1), 'operating_cost', floor(v.income * 0.8), 'tax_relief', floor(v.income * 0.03),
    'teams_served', v.teams, 'team_members', v.teams * 3 + r.space_no % 3, 'startups_served', v.startups, 'startup_jobs', v.startups * 6,
    'startup_jobs_graduates', floor(v.startups * 6 * 0.15))
  || jsonb_build_object(
    'founders_student', floor((v.teams + v.startups) * 0.3), 'founders_researcher', floor((v.teams + v.startups) * 0.2),
    'founders_returnee', floor((v.teams + v.startups) * 0.05), 'founders_executive', floor((v.teams + v.startups) * 0.05),
    'founders_foreign', floor((v.teams + v.startups) * 0.01), 'founders_serial', floor((v.teams + v.startups) * 0.1),
    'agreements', v.teams + v.startups - r.space_no % 3, 'new_registered', floor(v.startups * 0.3) + 1,
    'valid_ip', v.ip, 'invention_patents', floor(v.ip * 0.3), 'listed_companies', case when r.space_no % 7 = 0 then 1 else 0 end,
    'typical_cases', '孵化企业获得天使轮融资并实现产品量产',
    'invested_count', v.invested, 'investment_total', v.investment, 'investment_social', floor(v.investment * 0.7), 'investment_own', floor(v.investment * 0.2),
    'angel_fund_size', round(1000000 * v.b) * 10, 'service_types', '["workspace", "mentoring", "financing"]'::jsonb,
    'activities', round(10 + 30 * v.f * v.m), 'trainings', round(4 + 10 * v.f * v.m), 'international_projects', r.space_no % 4)`);

/**
 * Every filed space's return in each round (`seedReturnRounds`): a submission of kind
 * `annual_return` and its values, consistent with the catalogue so no check errs (其中 items within
 * their totals, money in integer 元, a space's figures growing a few per cent a year, so year on
 * year they stay within R10's ±50 %). Done rounds: accepted, 2 % missed. Current rounds: 35 % drafts,
 * the others submitted, in review at the city or the province, returned, or accepted.
 */
export async function seedReturns(tx: Tx): Promise<void> {
  await tx.execute(sql`create temp table scale_return on commit drop as
    select pg_temp.sid('return:' || sr.call_id || ':' || s.no) as id, sr.call_id, sr.cadence, sr.year, sr.current, sr.opens_at, sr.closes_at,
      s.no as space_no, s.operator_no, s.county_name, s.professional, sp.founded_on, o.name as operator_name, o.uscc as operator_uscc, f.filing_level,
      pg_temp.u('return-state:' || sr.call_id || ':' || s.no) as r
    from scale_round sr
    join scale_space s on sr.region_code in (s.province_code, '000000')
    join spaces sp on sp.id = pg_temp.sid('space:' || s.no)
    join organisations o on o.id = sp.operator_org_id
    cross join lateral (select (array['city', 'province', 'national'])[max(case fl.level when 'city' then 1 when 'province' then 2 else 3 end)] as filing_level
      from filings fl where fl.space_id = sp.id and fl.status = 'active' and fl.filed_at < sr.opens_at) f
    where f.filing_level is not null and (sr.cadence = 'annual' or f.filing_level = 'national')`);
  await tx.execute(sql`create temp table scale_return_state on commit drop as
    select r.id, x.status, x.stage_key, x.accepted, x.missed,
      r.opens_at + (1 + pg_temp.u('return-submit:' || r.id) * case when r.current then 11 else 30 end) * interval '1 day' as submitted_at
    from scale_return r cross join lateral (select
      case when not r.current then case when r.r < 0.02 then 'draft' else 'filed' end
        when r.r < 0.35 then 'draft' when r.r < 0.5 then 'submitted' when r.r < 0.62 then 'in_review' when r.r < 0.75 then 'in_review' when r.r < 0.85 then 'returned' else 'filed' end as status,
      case when (not r.current and r.r < 0.02) or (r.current and r.r < 0.35) then null when not r.current or r.r >= 0.85 then 'province_accept' when r.r < 0.5 or (r.r >= 0.75 and r.r < 0.85) then 'county_check' when r.r < 0.62 then 'city_check' else 'province_accept' end as stage_key,
      (not r.current and r.r >= 0.02) or (r.current and r.r >= 0.85) as accepted,
      not r.current and r.r < 0.02 as missed) x`);
  await tx.execute(sql`insert into applications (id, call_id, space_id, operator_org_id, kind, status, revision, created_by, created_at, updated_at,
      submitted_at, stage_key, stage_entered_at, stage_due_at, round)
    select r.id, r.call_id, pg_temp.sid('space:' || r.space_no), pg_temp.sid('operator:' || r.operator_no), 'annual_return', st.status,
      case when st.status = 'draft' then 1 else 2 end, pg_temp.sid('user:' || sr.region_code || ':admin'), r.opens_at,
      case when st.status = 'draft' then r.opens_at else st.submitted_at + case when st.accepted then interval '12 days' else interval '2 days' end end,
      case when st.status <> 'draft' then st.submitted_at end, st.stage_key, case when st.stage_key is not null then st.submitted_at + case when st.status = 'submitted' then interval '0' else interval '2 days' end end,
      case when st.status in ('submitted', 'in_review') then st.submitted_at + interval '10 days' end,
      case when st.status = 'draft' then 0 else 1 end
    from scale_return r join scale_return_state st on st.id = r.id join scale_round sr on sr.call_id = r.call_id`);
  await tx.execute(sql`insert into return_values (submission_id, call_id, space_id, values, platform, notes, findings, revision, missed_at, accepted_at, updated_by, updated_at)
    select r.id, r.call_id, pg_temp.sid('space:' || r.space_no), ${VALUES}, '{}'::jsonb, '{}'::jsonb, '[]'::jsonb, 1,
      case when st.missed then r.closes_at + interval '1 day' end, case when st.accepted then st.submitted_at + interval '12 days' end,
      pg_temp.sid('user:operator:' || r.operator_no || ':admin'), coalesce(st.submitted_at, r.opens_at)
    from scale_return r join scale_return_state st on st.id = r.id
    cross join lateral (select b, f, m, round(1000 + 4000 * b) as area, round(4 + 20 * f) as mentors, round(800000 * f * m) * 10 as income,
        round(6 + 14 * f) as teams, round(8 + 20 * f) as startups, round(5 + 30 * f) as ip, floor((round(6 + 14 * f) + round(8 + 20 * f)) * 0.15) + 1 as invested,
        (floor((round(6 + 14 * f) + round(8 + 20 * f)) * 0.15) + 1) * round((30000 + 90000 * b) * m) * 10 as investment
      from (select b, m, b * (1 + 0.06 * (r.year - 2020) + 0.08 * (pg_temp.u('return-growth:' || r.id) - 0.5)) as f
        from (select 0.5 + pg_temp.u('return-size:' || r.space_no) as b, case r.cadence when 'annual' then 1.0 else 0.25 end as m) s) g) v`);
}

/**
 * The history a return's page shows, as the kernel writes it for a real one (`transitionInTx`):
 * one event per step of the chain it took (created at enrolment, handed in, passed at each review
 * stage, accepted), the county's return for revision on the returned ones, with the stage left and
 * entered in `detail`; and the submission round each handed-in return has (round 1: its figures
 * in the catalogue's units, as `submitReturn` keeps them for the next round's diff). Times agree
 * with the application's columns: handed in at `submitted_at`, the current stage entered two days
 * later, accepted at `accepted_at`. Three statements whatever the size.
 */
export async function seedReturnHistory(tx: Tx): Promise<void> {
  await tx.execute(sql`create temp table scale_return_step on commit drop as
    select * from json_to_recordset(${JSON.stringify(chainSteps(RETURN_CHAIN.key, RETURN_CHAIN.stages))}::json)
      as x(n int, action text, "fromStatus" text, "toStatus" text, stage text, "toStage" text, actor text)`);
  // The steps each return took: up to the one that left it in its present state (a returned one
  // was handed in, then returned at the stage it waits at).
  await tx.execute(sql`insert into application_events (id, application_id, at, actor_user_id, action, from_status, to_status, note, detail)
    select pg_temp.sid('return-event:' || e.app_id || ':' || e.n), e.app_id, e.at,
      case e.actor when 'operator' then pg_temp.sid('user:operator:' || e.operator_no || ':admin')
        else pg_temp.sid('user:' || case e.actor when 'county' then e.county_code when 'city' then e.city_code else e.province_code end || ':reviewer') end,
      e.action, e.from_status, e.to_status, e.note,
      case when e.n = 1 then null else jsonb_build_object('stage', e.stage) || case when e.to_stage is distinct from e.stage then jsonb_build_object('toStage', e.to_stage) else '{}'::jsonb end
        || case when e.action = 'submit' then jsonb_build_object('warnings', 0, 'round', 1) else '{}'::jsonb end end
    from (
      select r.id as app_id, s.n, s.action, s."fromStatus" as from_status, s."toStatus" as to_status, s.stage, s."toStage" as to_stage, s.actor,
        case s.action when 'review.pass' then '数据真实，同意报送' when 'decision.approve' then '数据合理，予以审定' end as note,
        case when s.n = 1 then r.opens_at when s."fromStatus" = 'draft' then st.submitted_at when s."toStatus" = 'filed' then st.submitted_at + interval '12 days'
          when s."toStage" = st.stage_key then st.submitted_at + interval '2 days' else st.submitted_at + interval '1 day' end as at,
        sp.operator_no, sp.county_code, sp.city_code, sp.province_code
      from scale_return r join scale_return_state st on st.id = r.id join scale_space sp on sp.no = r.space_no
      join scale_return_step s on s.n <= (select min(x.n) from scale_return_step x where x."toStatus" = case st.status when 'returned' then 'submitted' else st.status end
        and (st.status <> 'in_review' or x."toStage" = st.stage_key))
      union all
      select r.id, s.n + 1, 'review.return', s."toStatus", 'returned', s."toStage", s."toStage", 'county', '请核实总收入与上年相比的变动并补充说明',
        st.submitted_at + interval '2 days', sp.operator_no, sp.county_code, sp.city_code, sp.province_code
      from scale_return r join scale_return_state st on st.id = r.id join scale_space sp on sp.no = r.space_no
      join scale_return_step s on s."toStatus" = 'submitted'
      where st.status = 'returned'
    ) e`);
  await tx.execute(sql`insert into submission_rounds (submission_id, round, submitted_at, submitted_by, payload)
    select r.id, 1, st.submitted_at, pg_temp.sid('user:operator:' || r.operator_no || ':admin'),
      jsonb_build_object('values', (select jsonb_object_agg(v.key, case when i->>'type' = 'money' then to_jsonb(trim_scale((v.value #>> '{}')::numeric / 1000)) else v.value end)
        from jsonb_each(rv.values) v join jsonb_array_elements(c.definition->'indicators') i on i->>'code' = v.key), 'notes', rv.notes)
    from scale_return r join scale_return_state st on st.id = r.id join return_values rv on rv.submission_id = r.id
    join return_rounds rr on rr.call_id = r.call_id join return_catalogues c on c.id = rr.catalogue_id
    where st.status <> 'draft'`);
}
