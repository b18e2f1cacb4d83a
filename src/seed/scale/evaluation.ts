import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { GRADE_NAMES, loadShippedSchemes, MISSED_REASON, SUMMARY_SECTIONS } from '../../modules/evaluation/index.ts';
import { LAST_YEAR, type ScaleSize } from './sizes.ts';

/** The chain every generated round pins: the province scores, publicises and publishes (辽宁 002 §四(二)). */
const CHAIN_KEY = 'evaluation_city_province';
const FINAL_STAGE = 'province_decision';

/** The shipped scheme each category's rounds are cloned from (the regular one from 许昌, the professional one from 辽宁). */
function shippedDefinitions(): { regular: string; professional: string } {
  const shipped = loadShippedSchemes();
  const of = (category: 'regular' | 'professional') => {
    const definition = shipped.find((s) => s.category === category)!.definition;
    // The totals are drawn within the three bands (seedEvaluation): a shipped scheme with other bands needs the step changed.
    if (definition.bands.map((b) => b.grade).join() !== 'excellent,good,pass') throw new Error(`the shipped ${category} scheme's bands are not 优秀/良好/合格`);
    return JSON.stringify(definition);
  };
  return { regular: of('regular'), professional: of('professional') };
}

const gradeName = (lang: 'zh' | 'en') => sql.raw(`case g.grade ${Object.entries(GRADE_NAMES).map(([k, v]) => `when '${k}' then '${v[lang]}'`).join(' ')} end`);
const summaryText = sql.raw(`jsonb_build_object(${SUMMARY_SECTIONS.map((s) => `'${s.key}', '${s.label}：本年度按计划开展工作，详见附表。'`).join(', ')})`);

/**
 * Past years of the annual evaluation (issue 14) for the filed spaces: for every province holding
 * filed spaces, each of the `evaluationYears` years before `LAST_YEAR` and each category, a round as
 * the evaluation module leaves it once released — a published scheme cloned from the shipped one of
 * the category (retitled for the province and year, `based_on_id` the shipped row where loaded), a
 * call of kind `evaluation` on the shipped provincial chain with its `evaluation_rounds` row, one
 * filed submission and `evaluation_entries` row per space with an active filing when the round
 * opened (1 March of the next year, as `filedSpaces` enrols), the released decisions on the
 * province's published list with its 文号, and the `evaluation_grades` that list published.
 *
 * Grades: totals up to 94 graded by the scheme's bands (thresholds and quotas read from the
 * definition), each band within its quota; about 3 % 不合格 in alternate years only (so never two in
 * a row by chance), a third of those 应评未评 (missed, no score, `MISSED_REASON`); and 1 % of the
 * spaces enrolled in both of the last two years fail both, each holding a provincial filing getting
 * the pending `two_failing_years` revocation proposal the release listener (supervision.ts) raises,
 * with its evidence.
 *
 * A stored score carries totals, not the item breakdown (`items` empty): the breakdown of 40 items ×
 * 12,000 spaces × 5 years would be most of the step's bytes, and the bench scores items itself. The
 * chain's events, notices and expert sheets are not generated.
 *
 * Reads only committed tables (spaces, filings, regions, chains, the registry's `sid` ids), so it
 * also runs on its own over a data set loaded before it (`hatchery seed --scale <size> --step
 * evaluation`). A fixed number of statements whatever the size.
 */
export async function seedEvaluation(tx: Tx, size: ScaleSize): Promise<void> {
  const first = LAST_YEAR - size.evaluationYears;
  const last = LAST_YEAR - 1;
  const schemes = shippedDefinitions();
  await tx.execute(sql`create temp table scale_ev_entry on commit drop as
    select s.id as space_id, s.operator_org_id, s.category, split_part(r.path, '/', 2) as province_code, y.year,
      make_timestamptz(y.year + 1, 3, 1, 9, 0, 0, 'Asia/Shanghai') as opens_at,
      pg_temp.sid('eval-entry:' || s.id || ':' || y.year) as submission_id,
      pg_temp.u('eval-total:' || s.id || ':' || y.year) as u_total, pg_temp.u('eval-fail:' || s.id || ':' || y.year) as u_fail,
      floor(pg_temp.u('eval-parity:' || s.id) * 2)::int as parity
    from spaces s join regions r on r.code = s.region_code cross join generate_series(${first}::int, ${last}::int) y(year)
    where s.status = 'active' and exists (select 1 from filings f where f.space_id = s.id and f.status = 'active' and f.filed_at < make_timestamptz(y.year + 1, 3, 1, 9, 0, 0, 'Asia/Shanghai'))`);
  // 1 % of the spaces evaluated in both of the last two years (at least one) fail both.
  await tx.execute(sql`create temp table scale_ev_pair on commit drop as
    select space_id from (select space_id, row_number() over (order by md5('eval-pair:' || space_id)) as k, count(*) over () as n
      from scale_ev_entry where year = ${last}::int and space_id in (select space_id from scale_ev_entry where year = ${last - 1}::int)) x
    where k <= greatest(1, n / 100)`);
  await tx.execute(sql`create temp table scale_ev_round on commit drop as
    select e.province_code, e.year, e.category, e.opens_at, r.name as province_name,
      pg_temp.sid('eval-call:' || e.province_code || ':' || e.year || ':' || e.category) as call_id,
      pg_temp.sid('eval-scheme:' || e.province_code || ':' || e.year || ':' || e.category) as scheme_id,
      pg_temp.sid('eval-list:' || e.province_code || ':' || e.year || ':' || e.category) as list_id,
      pg_temp.sid('authority:' || e.province_code) as authority_id, pg_temp.sid('user:' || e.province_code || ':admin') as admin_id,
      pg_temp.sid('user:' || e.province_code || ':reviewer') as reviewer_id,
      make_timestamptz(e.year + 1, 3, 31, 17, 0, 0, 'Asia/Shanghai') as closes_at, make_timestamptz(e.year + 1, 5, 20, 10, 0, 0, 'Asia/Shanghai') as released_at,
      d.definition, bd.*
    from (select distinct province_code, year, category, opens_at from scale_ev_entry) e join regions r on r.code = e.province_code
    cross join lateral (select case e.category when 'professional' then ${schemes.professional}::jsonb else ${schemes.regular}::jsonb end as definition) d
    -- The bands' lines and quotas (a band without a quota gets a share of its own for the draw).
    cross join lateral (select
        max((b->>'minScore')::numeric) filter (where b->>'grade' = 'excellent') as ex_min, max(coalesce((b->>'maxShare')::numeric, 0.2)) filter (where b->>'grade' = 'excellent') as ex_share,
        max((b->>'minScore')::numeric) filter (where b->>'grade' = 'good') as good_min, max(coalesce((b->>'maxShare')::numeric, 0.25)) filter (where b->>'grade' = 'good') as good_share,
        max((b->>'minScore')::numeric) filter (where b->>'grade' = 'pass') as pass_min
      from jsonb_array_elements(d.definition->'bands') b) bd`);
  // Each entry's total and grade. The pair's and the alternate-year failures fall below the lowest
  // band; the others are ranked by their dice within the round, and the top places (half the
  // 优秀 quota, 0.6 of the 良好 one, 10 % and 15 % where a band has none) get totals within those
  // bands, the rest within 合格: no band ever holds more than its quota admits (scoring.ts `grade`),
  // so a grade by the bands is the grade the app gives.
  await tx.execute(sql`create temp table scale_ev_grade on commit drop as
    select e.*, g.missed, g.total, g.grade, b.min_score, e.pass_min as lowest
    from (select e.*, x.call_id, x.list_id, x.closes_at, x.released_at, x.reviewer_id, x.ex_min, x.ex_share, x.good_min, x.good_share, x.pass_min,
        row_number() over (partition by x.call_id order by e.u_total desc, e.space_id) as k, count(*) over (partition by x.call_id) as n
      from scale_ev_entry e join scale_ev_round x using (province_code, year, category)) e
    cross join lateral (select floor(0.5 * e.ex_share * e.n) as ex_slots, floor(0.6 * e.good_share * e.n) as good_slots, pg_temp.u('eval-within:' || e.space_id || ':' || e.year) as w) p
    cross join lateral (select fail and e.u_fail < 0.01 as missed,
        case when fail and e.u_fail < 0.01 then null when fail then round((35 + (e.pass_min - 35.01) * p.w)::numeric, 2)
          when e.k <= p.ex_slots then round((e.ex_min + (94 - e.ex_min) * p.w)::numeric, 2)
          when e.k <= p.ex_slots + p.good_slots then round((e.good_min + (e.ex_min - 0.01 - e.good_min) * p.w)::numeric, 2)
          else round((e.pass_min + (e.good_min - 0.01 - e.pass_min) * p.w)::numeric, 2) end as total
      from (select (e.year >= ${last - 1}::int and e.space_id in (select space_id from scale_ev_pair)) or (e.u_fail < 0.03 and e.year % 2 = e.parity
          and e.space_id not in (select space_id from scale_ev_pair)) as fail) f) g0
    cross join lateral (select g0.missed, g0.total, case when g0.total >= e.ex_min then 'excellent' when g0.total >= e.good_min then 'good' when g0.total >= e.pass_min then 'pass' else 'fail' end as grade) g
    cross join lateral (select case g.grade when 'excellent' then e.ex_min when 'good' then e.good_min when 'pass' then e.pass_min end as min_score) b`);
  await tx.execute(sql`insert into evaluation_schemes (id, region_code, year, category, types, definition, shipped, created_by, version, status, based_on_id, revision, created_at, updated_at, published_at)
    select scheme_id, province_code, year, category, null, jsonb_set(definition, '{title}', to_jsonb(province_name || year || '年度' || case category when 'professional' then '专业化' else '' end || '众创空间评价方案')),
      false, admin_id, 1, 'published',
      (select s.id from evaluation_schemes s where s.shipped and s.category = x.category and s.status = 'published' order by s.year desc, s.version desc limit 1),
      1, opens_at - interval '30 days', opens_at - interval '20 days', opens_at - interval '20 days'
    from scale_ev_round x`);
  await tx.execute(sql`insert into calls (id, title, level, year, authority_org_id, region_code, opens_at, closes_at, eligible_categories, material_slots, chain_id,
      description, kind, status, created_by, created_at, updated_at, published_at)
    select call_id, province_name || year || '年度' || case category when 'professional' then '专业化' else '' end || '众创空间评价', 'province', year, authority_id, province_code,
      opens_at, closes_at, jsonb_build_array(category), '[]'::jsonb,
      (select id from chains where key = ${CHAIN_KEY} and owner_region_code is null and status = 'published' order by version desc limit 1),
      null, 'evaluation', 'published', admin_id, opens_at, opens_at, opens_at
    from scale_ev_round`);
  await tx.execute(sql`insert into evaluation_rounds (call_id, year, scheme_id, scored_at, created_by, created_at)
    select call_id, year, scheme_id, released_at - interval '30 days', admin_id, opens_at from scale_ev_round`);
  await tx.execute(sql`insert into applications (id, call_id, space_id, operator_org_id, kind, status, revision, created_by, created_at, updated_at,
      submitted_at, stage_key, stage_entered_at, round)
    select g.submission_id, g.call_id, g.space_id, g.operator_org_id, 'evaluation', 'filed', 2, x.admin_id, g.opens_at, g.released_at,
      case when g.missed then g.closes_at + interval '1 day' else g.opens_at + (3 + g.u_total * 20) * interval '1 day' end, ${FINAL_STAGE}, g.released_at - interval '5 days', 1
    from scale_ev_grade g join scale_ev_round x on x.call_id = g.call_id`);
  await tx.execute(sql`insert into evaluation_entries (submission_id, call_id, space_id, summary, figures_confirmed_at, figures_confirmed_by, local_opinion, local_opinion_by,
      score, total, grade, grade_reason, grade_corrected, missed_at, revision, updated_by, updated_at)
    select g.submission_id, g.call_id, g.space_id, case when not g.missed then ${summaryText} end,
      case when not g.missed then g.opens_at + interval '2 days' end, case when not g.missed then o.user_id end,
      '年度工作总结及统计数据已审阅，情况属实。', g.reviewer_id,
      case when not g.missed then jsonb_build_object('spaceId', g.space_id, 'items', '[]'::jsonb, 'bonus', '[]'::jsonb, 'indicatorPoints', g.total, 'bonusPoints', 0,
        'total', g.total, 'vetoes', '[]'::jsonb, 'missingReturn', false, 'grade', g.grade, 'gradeReason', r.reason) end,
      g.total, g.grade, r.reason, false, case when g.missed then g.closes_at + interval '1 day' end, 3, x.admin_id, g.released_at
    from scale_ev_grade g join scale_ev_round x on x.call_id = g.call_id
    left join lateral (select u.id as user_id from users u where u.org_id = g.operator_org_id order by u.username limit 1) o on true
    cross join lateral (select case when g.missed then ${JSON.stringify(MISSED_REASON)}::jsonb
      when g.grade = 'fail' then jsonb_build_object('zh', '得分' || trim_scale(g.total) || '分，低于合格分数线' || trim_scale(g.lowest) || '分，评为不合格', 'en', trim_scale(g.total) || ' points are below the pass line of ' || trim_scale(g.lowest) || ': fail')
      else jsonb_build_object('zh', '得分' || trim_scale(g.total) || '分，达到' || ${gradeName('zh')} || '分数线' || trim_scale(g.min_score) || '分，评为' || ${gradeName('zh')},
        'en', trim_scale(g.total) || ' points reach the ' || ${gradeName('en')} || ' line of ' || trim_scale(g.min_score) || ': ' || ${gradeName('en')}) end as reason) r`);
  await tx.execute(sql`insert into filing_lists (id, call_id, stage_key, authority_org_id, kind, level, title, document_number, issued_on, published_by, published_at)
    select list_id, call_id, ${FINAL_STAGE}, authority_id, 'filing', 'province',
      province_name || year || '年度' || case category when 'professional' then '专业化' else '' end || '众创空间评价结果',
      '科厅评字〔' || (year + 1) || '〕' || case category when 'professional' then 2 else 1 end || '号', (released_at at time zone 'Asia/Shanghai')::date, admin_id, released_at
    from scale_ev_round`);
  await tx.execute(sql`insert into decisions (id, application_id, stage_key, outcome, reason, checklist, status, list_id, decided_by, decided_at, released_at)
    select pg_temp.sid('eval-decision:' || submission_id), submission_id, ${FINAL_STAGE}, 'approve', '经专家评分并公示无异议，确认评价等次',
      jsonb_build_array(jsonb_build_object('key', 'grade_basis', 'verdict', 'ok', 'note', '依据评分与公示结果')), 'released', list_id, reviewer_id, released_at - interval '1 day', released_at
    from scale_ev_grade`);
  await tx.execute(sql`insert into filing_list_entries (id, list_id, application_id, space_id, space_name, operator_name, region_name, status)
    select pg_temp.sid('eval-list-entry:' || g.submission_id), g.list_id, g.submission_id, g.space_id, s.name, o.name, r.name, 'listed'
    from scale_ev_grade g join spaces s on s.id = g.space_id join organisations o on o.id = s.operator_org_id join regions r on r.code = s.region_code`);
  await tx.execute(sql`insert into evaluation_grades (id, space_id, year, level, grade, total, grade_reason, call_id, submission_id, list_id, published_at)
    select pg_temp.sid('eval-grade:' || e.submission_id), e.space_id, g.year, 'province', e.grade, e.total, e.grade_reason, e.call_id, e.submission_id, g.list_id, g.released_at
    from scale_ev_grade g join evaluation_entries e on e.submission_id = g.submission_id`);
  // What the release listener raises on the second 不合格: against the space's provincial filing, pending.
  await tx.execute(sql`insert into revocation_proposals (id, space_id, filing_id, filing_level, ground, evidence, status, raised_by, raised_at)
    select pg_temp.sid('eval-proposal:' || p.space_id), p.space_id, f.id, 'province', 'two_failing_years',
      jsonb_build_object('summary', ${last - 1} || '、' || ${last} || ' 年度评价连续两年不合格', 'refs', jsonb_build_array(
        jsonb_build_object('type', 'grade', 'id', a.call_id, 'label', ${last - 1} || ' 年度评价：不合格', 'year', ${last - 1}::int, 'link', '/app/evaluation-rounds/' || a.call_id),
        jsonb_build_object('type', 'grade', 'id', b.call_id, 'label', ${last} || ' 年度评价：不合格', 'year', ${last}::int, 'link', '/app/evaluation-rounds/' || b.call_id))),
      'pending', null, b.released_at
    from scale_ev_pair p
    join scale_ev_grade a on a.space_id = p.space_id and a.year = ${last - 1}::int
    join scale_ev_grade b on b.space_id = p.space_id and b.year = ${last}::int
    cross join lateral (select id from filings where space_id = p.space_id and level = 'province' and status = 'active' order by filed_at desc limit 1) f
    where not exists (select 1 from revocation_proposals o where o.space_id = p.space_id and o.ground = 'two_failing_years' and o.filing_level = 'province' and o.status in ('pending', 'in_review'))`);
}
