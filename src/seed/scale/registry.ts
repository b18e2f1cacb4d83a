import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { KEY_INDUSTRIES, ORG_NATURES, REGULAR_TYPES } from '../../shared/domain.ts';
import { defaultMaterialSlots } from '../../modules/calls/index.ts';
import { CHAIN_OF_LEVEL, WORKLIST_CHAIN } from './plan.ts';
import { LAST_YEAR, type ScaleSize } from './sizes.ts';

/** When the registry was set up: before the first filing year. */
export const registryTime = (size: ScaleSize) => `${LAST_YEAR - size.years}-12-01T02:00:00Z`;

/** A text array literal of fixed vocabulary (never user input). */
const array = (items: readonly string[]) => `array[${items.map((i) => `'${i}'`).join(',')}]`;
const list = (items: readonly string[]) => sql.raw(array(items));

/**
 * The counties that hold spaces, numbered in code order, with their city and province: every step
 * after this one places rows by county number. Regions come from the region tree migrate loads.
 */
export async function scopeCounties(tx: Tx, size: ScaleSize): Promise<void> {
  const provinces = size.provinces === 'all' ? null : size.provinces.join(',');
  await tx.execute(sql`create temp table scale_county on commit drop as
    select row_number() over (order by c.code)::int as no, c.code, c.name, c.path,
      ci.code as city_code, ci.name as city_name, p.code as province_code, p.name as province_name
    from regions c join regions ci on ci.code = c.parent_code join regions p on p.code = ci.parent_code
    where c.level = 'county' and (${provinces}::text is null or p.code = any(string_to_array(${provinces}::text, ',')))
    order by c.code limit ${size.maxCounties ?? 100_000}`);
  // The authorities' regions: the national root and every province, city and county above a space.
  await tx.execute(sql`create temp table scale_region on commit drop as
    select r.code, r.level, r.path, r.parent_code,
      -- 市辖区, 县 and 省直辖县级行政区划 are placeholders: their bureau is named after the province.
      case when r.name in ('市辖区', '县') or r.name like '%直辖%' then p.name else r.name end as name
    from regions r left join regions p on p.code = r.parent_code
    where r.code = '000000' or r.code in (select code from scale_county union select city_code from scale_county union select province_code from scale_county)`);
}

/**
 * An authority (科技局/科技厅, the ministry at the root) for every region above a space, an intake
 * agency per province, and their accounts: `a<region>_admin`, `a<region>_reviewer`, `i<province>`;
 * and `scale_audit`, the audit administrator of a platform organisation of its own.
 * All accounts share one password hash (the demo password), so benchmarks can sign in as anyone.
 */
export async function seedAuthorities(tx: Tx, size: ScaleSize, passwordHash: string): Promise<void> {
  const at = registryTime(size);
  await tx.execute(sql`insert into organisations (id, name, kind, authority_level, region_code, created_at, updated_at)
    select pg_temp.sid('authority:' || code),
      case level when 'national' then '中华人民共和国科学技术部' when 'province' then name || '科学技术厅' else name || '科学技术局' end,
      'authority', level, code, ${at}::timestamptz, ${at}::timestamptz
    from scale_region`);
  await tx.execute(sql`insert into organisations (id, name, kind, region_code, created_at, updated_at)
    select pg_temp.sid('intake:' || code), name || '科技企业孵化器协会', 'intake_agency', code, ${at}::timestamptz, ${at}::timestamptz
    from scale_region where level = 'province'`);
  // The audit log at this size is read by an audit administrator, who belongs to a platform organisation (三权分立).
  await tx.execute(sql`insert into organisations (id, name, kind, region_code, created_at, updated_at)
    values (pg_temp.sid('platform'), '平台运维中心（规模数据）', 'platform', '000000', ${at}::timestamptz, ${at}::timestamptz)`);
  await tx.execute(sql`create temp table scale_account on commit drop as
    select pg_temp.sid('user:' || code || ':admin') as id, 'a' || code || '_admin' as username, name || '管理员' as display_name,
      pg_temp.sid('authority:' || code) as org_id, 'authority_admin' as role from scale_region
    union all
    select pg_temp.sid('user:' || code || ':reviewer'), 'a' || code || '_reviewer', name || '审核员', pg_temp.sid('authority:' || code), 'authority_reviewer' from scale_region
    union all
    select pg_temp.sid('user:' || code || ':intake'), 'i' || code, name || '孵化器协会受理员', pg_temp.sid('intake:' || code), 'intake_clerk' from scale_region where level = 'province'
    union all
    select pg_temp.sid('user:platform:audit'), 'scale_audit', '审计管理员（规模数据）', pg_temp.sid('platform'), 'audit_admin'`);
  await insertAccounts(tx, size, passwordHash);
}

async function insertAccounts(tx: Tx, size: ScaleSize, passwordHash: string): Promise<void> {
  const at = registryTime(size);
  await tx.execute(sql`insert into users (id, username, display_name, password_hash, org_id, status, must_change_password, password_changed_at, created_at, updated_at)
    select id, username, display_name, ${passwordHash}, org_id, 'active', false, ${at}::timestamptz, ${at}::timestamptz, ${at}::timestamptz from scale_account`);
  await tx.execute(sql`insert into user_roles (user_id, role) select id, role from scale_account`);
  await tx.execute(sql`drop table scale_account`);
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '林', '何', '郭', '马', '罗'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '磊', '洋', '勇', '艳', '杰', '涛', '明', '超', '秀英', '海燕', '建国', '志强', '晓东', '雪梅', '子轩'];
const TRADE = ['启明', '星火', '创源', '智谷', '汇智', '众诚', '博远', '云帆', '聚力', '恒信', '天工', '海纳', '卓越', '领航', '青禾', '鼎新'];
const BUSINESS = ['众创科技', '创业服务', '孵化器管理', '科技园发展', '企业管理'];
const INDUSTRY_WORDS: Record<(typeof KEY_INDUSTRIES)[number], string> = {
  electronic_information: '电子信息', biotechnology: '生物医药', modern_agriculture: '智慧农业', advanced_equipment: '智能制造', new_energy: '新能源',
  new_materials: '新材料', energy_saving: '节能环保', medicine_health: '大健康', cultural_creative: '文化创意', modern_services: '现代服务',
};

/**
 * Operators (运营主体; every fifth space shares its operator with the one before), their registry
 * profiles and accounts (`op<n>_admin`, and `op<n>_staff` for every other operator), then the
 * spaces, round-robin over the counties so each county holds a few. The operator of space n is
 * n − ⌊n/5⌋.
 */
export async function seedOperatorsAndSpaces(tx: Tx, size: ScaleSize, passwordHash: string): Promise<void> {
  const at = registryTime(size);
  await tx.execute(sql`create temp table scale_space on commit drop as
    select n as no, n - n / 5 as operator_no, c.no as county_no, c.code as county_code, c.name as county_name, c.city_code, c.province_code,
      pg_temp.u('category:' || n) < 0.45 as professional,
      pg_temp.pick('industry:' || n, ${list(KEY_INDUSTRIES)}) as industry
    from generate_series(1, ${size.spaces}) n join scale_county c on c.no = (n - 1) % (select count(*) from scale_county) + 1`);
  await tx.execute(sql`create temp table scale_operator on commit drop as
    select distinct on (operator_no) operator_no as no, county_code, county_name from scale_space order by operator_no, no`);
  await tx.execute(sql`insert into organisations (id, name, kind, uscc, region_code, created_at, updated_at)
    select pg_temp.sid('operator:' || no),
      county_name || pg_temp.pick('trade:' || no, ${list(TRADE)}) || pg_temp.pick('business:' || no, ${list(BUSINESS)}) || '有限公司',
      'operator', pg_temp.uscc('91' || county_code || 'MB' || pg_temp.b31(no, 7)), county_code, ${at}::timestamptz, ${at}::timestamptz
    from scale_operator`);
  const person = (key: string) => sql.raw(`pg_temp.pick('${key}-s:' || no, ${array(SURNAMES)}) || pg_temp.pick('${key}-g:' || no, ${array(GIVEN)})`);
  await tx.execute(sql`insert into org_profiles (org_id, legal_representative, principal_name, principal_mobile, contact_name, contact_mobile, address, nature, updated_at)
    select pg_temp.sid('operator:' || no), ${person('legal')}, ${person('principal')}, '139' || lpad((no * 7919 % 100000000)::text, 8, '0'),
      ${person('contact')}, '137' || lpad((no * 104729 % 100000000)::text, 8, '0'),
      county_name || '创业大道 ' || (1 + no % 300) || ' 号', pg_temp.pick('nature:' || no, ${list(ORG_NATURES)}), ${at}::timestamptz
    from scale_operator`);
  await tx.execute(sql`create temp table scale_account on commit drop as
    select pg_temp.sid('user:operator:' || no || ':admin') as id, 'op' || no || '_admin' as username, ${person('principal')} as display_name,
      pg_temp.sid('operator:' || no) as org_id, 'operator_admin' as role from scale_operator
    union all
    select pg_temp.sid('user:operator:' || no || ':staff'), 'op' || no || '_staff', ${person('contact')}, pg_temp.sid('operator:' || no), 'operator_staff'
    from scale_operator where no % 2 = 1`);
  await insertAccounts(tx, size, passwordHash);
  const industryWord = sql.raw(`case industry ${Object.entries(INDUSTRY_WORDS).map(([k, v]) => `when '${k}' then '${v}'`).join(' ')} end`);
  await tx.execute(sql`insert into spaces (id, name, operator_org_id, category, regular_type, industry, sub_field, founded_on, region_code,
      online_platform_name, management_systems, status, created_at, updated_at)
    select pg_temp.sid('space:' || no),
      county_name || pg_temp.pick('trade:' || operator_no, ${list(TRADE)}) || ${industryWord} || case when professional then '专业化众创空间' else '众创空间' end,
      pg_temp.sid('operator:' || operator_no),
      case when professional then 'professional' else 'regular' end,
      case when professional then null else pg_temp.pick('regular:' || no, ${list(REGULAR_TYPES)}) end,
      industry, ${industryWord},
      (${`${LAST_YEAR - size.years - 6}-01-01`}::date + (pg_temp.u('founded:' || no) * 365 * 6)::int),
      county_code, ${industryWord} || '创新创业服务平台',
      jsonb_build_object('entryStandard', true, 'exitConditions', true, 'incubateeDatabase', pg_temp.u('db:' || no) < 0.8),
      'active', ${at}::timestamptz, ${at}::timestamptz
    from scale_space`);
}

/**
 * One filing call a year per city, per province and one national (the ministry's), each pinning the
 * shipped chain of its level (plan.ts CHAIN_OF_LEVEL) and a shipped rule set. Earlier years' calls ran
 * March to May; the last year's opened in July and close at the end of the year.
 */
export async function seedCalls(tx: Tx, size: ScaleSize): Promise<void> {
  const levels = [
    { level: 'city', ruleSet: 'xuchang-2016-regular', title: '众创空间备案申报' },
    { level: 'province', ruleSet: 'liaoning-2019', title: '省级众创空间备案申报' },
    { level: 'national', ruleSet: 'national-2016', title: '国家级众创空间备案推荐' },
  ] as const;
  for (const l of levels) {
    await tx.execute(sql`insert into calls (id, title, level, year, authority_org_id, region_code, opens_at, closes_at, eligible_categories,
        rule_set_id, material_slots, chain_id, description, kind, status, created_by, created_at, updated_at, published_at)
      select pg_temp.sid('call:' || ${l.level} || ':' || r.code || ':' || y), (${LAST_YEAR - size.years + 1} + y) || '年' || r.name || ${l.title}, ${l.level},
        ${LAST_YEAR - size.years + 1} + y, pg_temp.sid('authority:' || r.code), r.code, w.opens, w.closes, '["regular", "professional"]'::jsonb,
        (select id from rule_sets where key = ${l.ruleSet} and status = 'published' order by version desc limit 1),
        ${JSON.stringify(defaultMaterialSlots(l.level))}::jsonb,
        (select id from chains where key = ${CHAIN_OF_LEVEL[l.level]} and owner_region_code is null and status = 'published' order by version desc limit 1),
        '按照备案管理办法组织申报，材料经逐级审核后择优备案。', 'filing', 'published', pg_temp.sid('user:' || r.code || ':admin'),
        w.opens - interval '10 days', w.opens - interval '10 days', w.opens - interval '10 days'
      from scale_region r cross join generate_series(0, ${size.years - 1}) y
      cross join lateral (select
        case when y = ${size.years - 1} then make_timestamptz(${LAST_YEAR - size.years + 1} + y, 7, 1, 9, 0, 0, 'Asia/Shanghai') else make_timestamptz(${LAST_YEAR - size.years + 1} + y, 3, 1, 9, 0, 0, 'Asia/Shanghai') end as opens,
        case when y = ${size.years - 1} then make_timestamptz(${LAST_YEAR - size.years + 1} + y, 12, 31, 17, 0, 0, 'Asia/Shanghai') else make_timestamptz(${LAST_YEAR - size.years + 1} + y, 5, 31, 17, 0, 0, 'Asia/Shanghai') end as closes) w
      where r.level = ${l.level}`);
  }
}

/**
 * The worklist call: a national call of the last year pinned to `WORKLIST_CHAIN`, stored as a
 * published chain version of the ministry's own, whose notice and decision stages the plan fills
 * (plan.ts `planWorklist`).
 */
export async function seedWorklistCall(tx: Tx): Promise<void> {
  const opens = sql`make_timestamptz(${LAST_YEAR}, 7, 1, 9, 0, 0, 'Asia/Shanghai')`;
  await tx.execute(sql`insert into chains (id, key, version, status, name, name_en, level, requires_filing, definition, owner_region_code, created_by, created_at, updated_at, published_at)
    values (pg_temp.sid('chain:worklist'), ${WORKLIST_CHAIN.key}, 1, 'published', ${WORKLIST_CHAIN.name}, ${WORKLIST_CHAIN.nameEn}, 'national', null,
      ${JSON.stringify({ stages: WORKLIST_CHAIN.stages })}::jsonb, '000000', pg_temp.sid('user:000000:admin'), ${opens} - interval '20 days', ${opens} - interval '20 days', ${opens} - interval '20 days')`);
  await tx.execute(sql`insert into calls (id, title, level, year, authority_org_id, region_code, opens_at, closes_at, eligible_categories,
      rule_set_id, material_slots, chain_id, description, kind, status, created_by, created_at, updated_at, published_at)
    values (pg_temp.sid('call:worklist'), ${`${LAST_YEAR}年国家级众创空间备案（规模测试批次）`}, 'national', ${LAST_YEAR}, pg_temp.sid('authority:000000'), '000000',
      ${opens}, make_timestamptz(${LAST_YEAR}, 12, 31, 17, 0, 0, 'Asia/Shanghai'), '["regular", "professional"]'::jsonb,
      (select id from rule_sets where key = 'national-2016' and status = 'published' order by version desc limit 1),
      ${JSON.stringify(defaultMaterialSlots('national'))}::jsonb, pg_temp.sid('chain:worklist'),
      '科技部直接受理的国家级备案批次：审核、公示、审定各环节的待办规模按全国数据生成。', 'filing', 'published', pg_temp.sid('user:000000:admin'),
      ${opens} - interval '10 days', ${opens} - interval '10 days', ${opens} - interval '10 days')`);
}
