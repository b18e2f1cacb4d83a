import { sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { LAST_YEAR, type ScaleSize } from './sizes.ts';

/**
 * The transparency data (issue 17): the policy library the supports rest on, the departments that
 * grant them and the support register. Read from the tables the earlier steps filled (spaces,
 * regions, filings, incubatees, return_values), not from their temp tables, so the step also runs
 * on a data set loaded before it existed (`seedTransparency` in one transaction on one connection,
 * after `createHelpers`).
 */

/** 科技 (the authority itself), 财政, 人社, 工信: the departments that grant at every level. */
const DEPARTMENTS = sql.raw(`(values (1, '财政', '财政部', '财政厅', '财政局'), (2, '人社', '人力资源和社会保障部', '人力资源和社会保障厅', '人力资源和社会保障局'),
  (3, '工信', '工业和信息化部', '工业和信息化厅', '工业和信息化局')) d(no, short, national, province, local)`);

/**
 * Who grants each category, and what a space's supports of it are called: the level is drawn per
 * space and category (so one category of one space is funded by one department, and D3 finds only
 * what is planted), the department fixed by the category (0 = the S&T authority; rent split
 * between 科技 and 财政 by the dice). Shares: the level dice below `county` → county, below `city` →
 * city, below `province` → province, else national.
 */
const CATEGORY = sql.raw(`(values
  (1, 'rent', '房租补贴', 0.6, 1.0, 1.0, -1, '对入驻众创空间的企业和团队按实际租用面积给予房租补贴', null::numeric),
  (2, 'operating', '运营补助', 0.0, 0.5, 1.0, 0, '对绩效评价优秀的众创空间给予运营补助', null),
  (3, 'award', '备案奖励', 0.0, 0.3, 0.9, 0, '对新认定的众创空间给予一次性奖励，单个主体每年不超过50万元', 50),
  (4, 'construction', '建设补助', 0.0, 0.3, 1.0, 1, '对新建、改扩建孵化场地的建设投入给予补助', 300),
  (5, 'event', '活动补贴', 0.7, 1.0, 1.0, 0, '对举办创新创业大赛、路演、培训等活动给予补贴', null),
  (6, 'talent', '创业补贴', 0.0, 1.0, 1.0, 2, '对在孵企业吸纳高校毕业生就业、创业者首次创业给予一次性创业补贴', null),
  (7, 'finance', '贷款贴息', 0.5, 1.0, 1.0, 1, '对在孵企业获得的科技贷款按实际支付利息的50%给予贴息', null)
) c(pos, category, word, county, city, province, dept, clause, cap_wan)`);

/** The policies' titles: `<region>关于<aim>的<form>`. */
const TITLE_AIMS = sql.raw(`array['支持众创空间高质量发展', '促进科技企业孵化载体建设', '推动大众创业万众创新', '加快创新创业载体建设', '完善创新创业扶持政策', '深化科技创新创业服务体系建设']`);
const TITLE_FORMS = sql.raw(`array['若干措施', '实施意见', '暂行办法', '实施细则', '扶持办法']`);

/**
 * Departments and policies. Every region above a generated space (the root, provinces, cities,
 * counties) gets three departments besides its S&T authority (as governing organisations, the
 * kind that records supports), and its authority two versions of one support policy: the first
 * issued in the year before the first filing year and revised in 2022 by the second (effective
 * from 2023), each defining the seven support items the register cites, with a Chinese title,
 * 发文字号, 索引号, 主题词 and a body of numbered articles the trigram search reads.
 */
export async function seedPolicies(tx: Tx, size: ScaleSize): Promise<void> {
  const first = LAST_YEAR - size.years + 1;
  await tx.execute(sql`create temp table scale_grant_region on commit drop as
    select r.code, r.level, case when r.name in ('市辖区', '县') or r.name like '%直辖%' then p.name else r.name end as name,
      pg_temp.sid('authority:' || r.code) as authority_id
    from regions r left join regions p on p.code = r.parent_code
    where exists (select 1 from organisations o where o.id = pg_temp.sid('authority:' || r.code))`);
  await tx.execute(sql`insert into organisations (id, name, kind, region_code, created_at, updated_at)
    select pg_temp.sid('department:' || r.code || ':' || d.no),
      case r.level when 'national' then '中华人民共和国' || d.national when 'province' then r.name || d.province else r.name || d.local end,
      'recommending_unit', r.code, ${`${first - 1}-12-01T02:00:00Z`}::timestamptz, ${`${first - 1}-12-01T02:00:00Z`}::timestamptz
    from scale_grant_region r cross join ${DEPARTMENTS}`);
  await tx.execute(sql`create temp table scale_policy on commit drop as
    select pg_temp.sid('policy:' || r.code || ':' || v) as id, r.code, r.level, r.name, r.authority_id, v,
      case v when 1 then make_date(${first - 1}, 3, 1) else make_date(2022, 3, 1) end + (pg_temp.u('policy-day:' || r.code || ':' || v) * 240)::int as issued_on,
      pg_temp.pick('policy-aim:' || r.code, ${TITLE_AIMS}) as aim, pg_temp.pick('policy-form:' || r.code, ${TITLE_FORMS}) as form,
      case r.level when 'national' then '国科发' when 'province' then left(r.name, 1) || '科发' else left(r.name, 2) || '科' end as doc_prefix,
      (select name from organisations where id = r.authority_id) as issuer
    from scale_grant_region r cross join generate_series(1, 2) v`);
  // The body: a preamble, one article per support item (the item's clause, its cap), and the closing articles.
  await tx.execute(sql`create temp table scale_policy_text on commit drop as
    select p.*, p.name || '关于' || p.aim || '的' || p.form || case p.v when 2 then '（修订）' else '' end as title,
      p.doc_prefix || '〔' || extract(year from p.issued_on) || '〕' || (1 + floor(pg_temp.u('policy-no:' || p.code || ':' || p.v) * 60))::int || '号' as doc_no,
      '<p>为深入实施创新驱动发展战略，落实《国务院办公厅关于发展众创空间推进大众创新创业的指导意见》，' || p.aim || '，结合' || p.name || '实际，制定本' || p.form || '。</p>'
        || (select string_agg('<p>第' || c.pos || '条 ' || c.word || '。' || c.clause || coalesce('，上限' || c.cap_wan || '万元', '') || '。</p>', '' order by c.pos)
            from ${CATEGORY})
        || '<p>申请扶持的单位应当如实申报，同一事项不得重复享受同级或上级同类扶持政策；扶持情况在平台上公示，接受社会监督。</p>'
        || '<p>本' || p.form || '自' || case p.v when 2 then '2023年1月1日' else to_char(p.issued_on, 'YYYY年FMMM月FMDD日') end || '起施行'
        || case p.v when 2 then '，原' || p.form || '同时废止' else '' end || '。</p>' as body
    from scale_policy p`);
  await tx.execute(sql`insert into policies (id, kind, title, index_no, themes, issuer, written_on, doc_no, issued_on, keywords, validity, valid_from, valid_until,
      replaced_by_id, level, region_code, authority_org_id, targets, body, search_text, status, published_at, created_by, created_at, updated_at)
    select p.id, 'policy', p.title, left(p.code, 6) || '/' || extract(year from p.issued_on) || '-' || lpad(p.v::text, 5, '0'),
      array['maker_space', 'incubation'], p.issuer, p.issued_on - 7, p.doc_no, p.issued_on, array['众创空间', '孵化载体', '创新创业', '扶持政策'],
      case p.v when 1 then 'revised' else 'effective' end, case p.v when 1 then p.issued_on else make_date(2023, 1, 1) end,
      case p.v when 1 then make_date(2022, 12, 31) end, case p.v when 1 then pg_temp.sid('policy:' || p.code || ':2') end,
      p.level, p.code, p.authority_id, array['maker_space', 'professional_space', 'incubatee'], p.body,
      lower(p.title || ' ' || p.doc_no || ' ' || p.issuer || ' 众创空间 孵化载体 创新创业 扶持政策 ' || regexp_replace(p.body, '<[^>]+>', ' ', 'g')),
      'published', p.issued_on::timestamptz + interval '9 hours', pg_temp.sid('user:' || p.code || ':admin'),
      p.issued_on::timestamptz, p.issued_on::timestamptz
    from scale_policy_text p order by p.v desc`);
  // D5 reads 差额 in an item's wording: the provinces' and the ministry's awards top up a lower level's award.
  await tx.execute(sql`insert into policy_support_items (id, policy_id, position, category, title, cap_wan, period, clause)
    select pg_temp.sid('policy-item:' || p.code || ':' || p.v || ':' || c.category), p.id, c.pos, c.category, c.word, c.cap_wan,
      case when c.category in ('award', 'construction', 'talent') then '一次性' else '每年' end,
      c.clause || case when c.category = 'award' and p.level in ('province', 'national') then '；已获下级同类奖励的，按差额补足' else '' end
    from scale_policy p cross join ${CATEGORY}`);
}

/**
 * The support register over the filed spaces: `size.supports` records in all, spread evenly over
 * each space's filed years (from its first filing to the last year it held one). Per space and year
 * the operator's supports come first (房租补贴, 运营补助, 备案奖励; an operator's second space gets
 * 建设补助 and 活动补贴 instead, so its two spaces' grants are not one project twice), then every
 * other year a host's 建设补助, then incubatees resident that year (房租补贴, 创业补贴, 贷款贴息,
 * 活动补贴, a different incubatee for each). The operator's grants of a year add up to the 财政补贴 its
 * accepted annual return declares (so D6 agrees) and are drawn otherwise. Planted, about one
 * space-year in 250: a second department's copy of the operator's 房租补贴 (same period, invoices,
 * contract and project code: D1, D2, D3, D6), one in 500 a second level's copy of its 备案奖励 (D5,
 * D3), one in 170 a register at half the return (D6 the other way); D4 finds the awards over their
 * 50万 cap. Last year's grants after October are drafts; the rest are published.
 */
export async function seedSupports(tx: Tx, size: ScaleSize): Promise<void> {
  // Generated spaces (operator USCCs carry MB, registry.ts), their region chain and whether the operator ran an earlier one.
  await tx.execute(sql`create temp table scale_sup_space on commit drop as
    select sp.id, sp.name, sp.region_code as county_code, ci.code as city_code, ci.parent_code as province_code, o.id as operator_id, o.uscc as operator_uscc, o.name as operator_name,
      row_number() over (partition by o.id order by sp.id) > 1 as second,
      extract(year from min(f.filed_at) at time zone 'Asia/Shanghai')::int as first_year,
      case when bool_or(f.status = 'active') then ${LAST_YEAR} else extract(year from max(f.cancelled_at) at time zone 'Asia/Shanghai')::int end as last_year
    from spaces sp join organisations o on o.id = sp.operator_org_id and substr(o.uscc, 9, 2) = 'MB'
    join regions c on c.code = sp.region_code join regions ci on ci.code = c.parent_code
    join filings f on f.space_id = sp.id
    group by sp.id, sp.name, sp.region_code, ci.code, ci.parent_code, o.id, o.uscc, o.name`);
  await tx.execute(sql`create temp table scale_sup_year on commit drop as
    select s.*, y as yr, pg_temp.u('sup-plant:' || s.id || ':' || y) as plant,
      (select (rv.values ->> 'income_subsidy')::numeric from return_values rv join return_rounds rr on rr.call_id = rv.call_id
        where rv.space_id = s.id and rr.cadence = 'annual' and rr.period = y::text and rv.accepted_at is not null) as declared
    from scale_sup_space s cross join generate_series(s.first_year, greatest(s.first_year, s.last_year)) y`);
  // Incubatees with a USCC resident some time in the year, numbered per space and year.
  await tx.execute(sql`create temp table scale_sup_pool on commit drop as
    select i.space_id, y.yr, i.uscc, i.name, row_number() over (partition by i.space_id, y.yr order by i.id)::int as rn,
      count(*) over (partition by i.space_id, y.yr)::int as n
    from scale_sup_year y join incubatees i on i.space_id = y.id and i.uscc is not null
      and i.entry_date <= make_date(y.yr, 12, 31) and (i.left_on is null or i.left_on >= make_date(y.yr, 1, 1))`);
  await tx.execute(sql`create index on scale_sup_pool (space_id, yr, rn)`);
  // One row per support: slot j of a space-year, its beneficiary and category.
  await tx.execute(sql`create temp table scale_sup on commit drop as
    with per as (select greatest(4, round(${size.supports}::numeric / (select count(*) from scale_sup_year)))::int as n)
    select y.id as space_id, y.name as space_name, y.county_code, y.city_code, y.province_code, y.yr, y.plant, y.declared, j,
      x.role, x.category, coalesce(p.uscc, x.uscc) as uscc, coalesce(p.name, x.name) as beneficiary_name, x.org_id,
      pg_temp.u('sup-amount:' || y.id || ':' || y.yr || ':' || j) as r
    from scale_sup_year y cross join per cross join generate_series(1, per.n) j
    cross join lateral (select
      case when j <= 2 or (j = 3 and not y.second) then 'operator' when j = 4 and y.yr % 2 = 0 then 'host' else 'incubatee' end as role,
      case when j = 1 then case when y.second then 'construction' else 'rent' end
        when j = 2 then case when y.second then 'event' else 'operating' end
        when j = 3 and not y.second then 'award' when j = 4 and y.yr % 2 = 0 then 'construction'
        else (array['rent', 'talent', 'finance', 'event'])[1 + j % 4] end as category) x0
    cross join lateral (select x0.*,
      case x0.role when 'operator' then y.operator_uscc
        else ${sql.raw(`pg_temp.uscc('91' || y.county_code || 'MD' || pg_temp.b31(('x' || substr(md5(y.id::text), 1, 8))::bit(32)::bigint % 887503681, 7))`)} end as uscc,
      case x0.role when 'operator' then y.operator_name else y.name || '建设依托单位' end as name,
      case x0.role when 'operator' then y.operator_id end as org_id) x
    left join scale_sup_pool p on x.role = 'incubatee' and p.space_id = y.id and p.yr = y.yr
      and p.rn = 1 + (floor(pg_temp.u('sup-inc:' || y.id || ':' || y.yr) * p.n)::int + j) % p.n
    -- An incubatee at most once a space-year (a small roster leaves the space's later slots empty).
    where x.role <> 'incubatee' or (p.uscc is not null and j - 4 < p.n)`);
  // Grantor, basis and amounts. The operator's shares of the declared 财政补贴: 50/30/20 %, or 60/40 % on a second space.
  await tx.execute(sql`create temp table scale_sup_row on commit drop as
    select s.*, g.level, g.region_code, g.grantor_id,
      pg_temp.sid('policy:' || g.region_code || ':' || g.v) as policy_id, pg_temp.sid('policy-item:' || g.region_code || ':' || g.v || ':' || s.category) as item_id,
      c.word, make_date(s.yr, 3, 1) + (s.r * 260)::int as granted_on,
      case when s.category = 'event' then make_date(s.yr, 1 + (s.r * 11)::int, 1) else make_date(s.yr, 1, 1) end as period_from,
      case when s.category = 'event' then (make_date(s.yr, 1 + (s.r * 11)::int, 1) + interval '1 month - 1 day')::date else make_date(s.yr, 12, 31) end as period_to,
      case when s.category = 'rent' then 50 + round(s.r * 250) end as area_m2,
      case when s.category in ('rent', 'construction', 'operating') then 12 end as months,
      round(case
        when s.role = 'operator' then coalesce(s.declared, 200000 + 1800000 * s.r) * case s.category when 'rent' then 0.5 when 'operating' then 0.3 when 'award' then 0.2 when 'construction' then 0.6 else 0.4 end
          * case when s.plant >= 0.994 then 0.5 else 1 end
        when s.role = 'host' then 200000 + 800000 * s.r
        when s.category = 'rent' then (50 + round(s.r * 250)) * 12 * 30
        when s.category = 'talent' then 20000 + 80000 * s.r
        when s.category = 'finance' then 50000 + 450000 * s.r
        else 5000 + 25000 * s.r end) as amount
    from scale_sup s join ${CATEGORY} on c.category = s.category
    cross join lateral (select pg_temp.u('sup-level:' || s.space_id || ':' || s.category) as d) l
    cross join lateral (select
      case when l.d < c.county then 'county' when l.d < c.city then 'city' when l.d < c.province then 'province' else 'national' end as level,
      case when l.d < c.county then s.county_code when l.d < c.city then s.city_code when l.d < c.province then s.province_code else '000000' end as region_code,
      case when s.yr >= 2023 then 2 else 1 end as v) g0
    cross join lateral (select g0.*, case when c.dept = 0 or (c.dept = -1 and pg_temp.u('sup-dept:' || s.space_id) < 0.5) then pg_temp.sid('authority:' || g0.region_code)
      else pg_temp.sid('department:' || g0.region_code || ':' || greatest(c.dept, 1)) end as grantor_id) g`);
  await insertSupports(tx, sql`select * from scale_sup_row`, '');
  // The planted copies: the operator's rent by a department of the other local level, its award by another level's S&T authority.
  await insertSupports(
    tx,
    sql`select s.space_id, s.yr, s.j, s.category, s.uscc, s.beneficiary_name, s.role, s.org_id, s.county_code, s.space_name, s.word,
        s.period_from, s.period_to, s.area_m2, s.months, s.amount, s.granted_on + 40 as granted_on, x.region_code, x.grantor_id, pg_temp.sid('policy:' || x.region_code || ':' || case when s.yr >= 2023 then 2 else 1 end) as policy_id,
        pg_temp.sid('policy-item:' || x.region_code || ':' || case when s.yr >= 2023 then 2 else 1 end || ':' || s.category) as item_id
      from scale_sup_row s cross join lateral (select
        case when s.category = 'rent' then case s.level when 'county' then 'city' else 'county' end else case s.level when 'province' then 'city' else 'province' end end as level) l
      cross join lateral (select l.level, case l.level when 'county' then s.county_code when 'city' then s.city_code else s.province_code end as region_code) x0
      cross join lateral (select x0.*, case when s.category = 'rent' then pg_temp.sid('department:' || x0.region_code || ':1') else pg_temp.sid('authority:' || x0.region_code) end as grantor_id) x
      where s.role = 'operator' and ((s.category = 'rent' and s.plant < 0.004) or (s.category = 'award' and s.plant >= 0.004 and s.plant < 0.006))`,
    ':copy',
  );
}

/**
 * Inserts supports from a query over `scale_sup_row`'s columns (with the grantor's level, region,
 * organisation and basis replaced for the planted copies, whose ids take `suffix`). Rent,
 * construction and operating grants carry an invoice and a contract number of their own; a copy
 * keeps the original's, its title and its project code.
 */
async function insertSupports(tx: Tx, rows: SQL, suffix: string): Promise<void> {
  await tx.execute(sql`insert into supports (id, grantor_org_id, grantor_region_code, policy_id, support_item_id, category, beneficiary_uscc, beneficiary_name,
      beneficiary_role, beneficiary_org_id, space_id, region_code, project_title, project_code, period_from, period_to, invoice_nos, contract_nos,
      area_m2, months, amount_yuan, granted_on, payment_state, status, published_at, created_by, created_at, updated_at)
    select pg_temp.sid('support:' || r.space_id || ':' || r.yr || ':' || r.j || ${suffix}), r.grantor_id, r.region_code, r.policy_id, r.item_id, r.category,
      r.uscc, r.beneficiary_name, r.role, r.org_id, r.space_id, r.county_code,
      case r.role when 'operator' then r.space_name when 'host' then r.space_name || '孵化场地' else r.beneficiary_name end || r.yr || '年度' || r.word,
      upper(left(md5('code:' || r.space_id || ':' || r.yr || ':' || r.j), 10)),
      r.period_from, r.period_to,
      case when r.category in ('rent', 'construction', 'operating') then array['FP' || upper(left(md5('invoice:' || r.space_id || ':' || r.yr || ':' || r.j), 14))] else '{}' end,
      case when r.category in ('rent', 'construction') then array['HT' || upper(left(md5('contract:' || r.space_id || ':' || r.yr || ':' || r.j), 14))] else '{}' end,
      r.area_m2, r.months, greatest(r.amount, 1000), r.granted_on,
      case when r.yr < ${LAST_YEAR} then 'paid' when r.granted_on >= make_date(${LAST_YEAR}, 10, 1) then 'planned' else 'paid' end,
      case when r.yr = ${LAST_YEAR} and r.granted_on >= make_date(${LAST_YEAR}, 10, 1) then 'draft' else 'published' end,
      case when r.yr < ${LAST_YEAR} or r.granted_on < make_date(${LAST_YEAR}, 10, 1) then r.granted_on::timestamptz + interval '10 days 9 hours' end,
      case when r.grantor_id = pg_temp.sid('authority:' || r.region_code) then pg_temp.sid('user:' || r.region_code || ':admin') end,
      r.granted_on::timestamptz, r.granted_on::timestamptz
    from (${rows}) r`);
}
