import { and, desc, eq, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client.ts';
import { latestActiveFilings } from '../filings/index.ts';
import { orderBy, type Sort } from '../../shared/http/sorting.ts';
import { organisations } from '../orgs/schema.ts';
import { regions } from '../regions/schema.ts';
import { spaces } from '../spaces/schema.ts';
import { supports } from '../supports/schema.ts';
import { entityLinks, supportAlerts, type AlertState, type DupRule } from './schema.ts';

/**
 * All SQL of the duplicate checks. The scan reads the support register (`supports`), the registry
 * (`spaces`, `space_hosts`, `organisations`: a space's operator and hosts are one undertaking), the
 * policies' support items (`policy_support_items`: D4's caps, D5's 差额 wording), `regions` (D5's
 * levels) and the statistics returns (`return_values`, `return_rounds`: D6), named in plain SQL, and
 * the filed floor area through the filings module's `latestActiveFilings` (D3); it writes only
 * `support_alerts`.
 */

export type AlertRow = typeof supportAlerts.$inferSelect;
export type EntityLinkRow = typeof entityLinks.$inferSelect;

/**
 * Tolerances of the checks, stated once:
 * - D1 and D5 take two project titles as "the same or similar project" from a trigram similarity of
 *   0.3 (pg_trgm; Chinese titles of one project share most of their characters) or an equal project code;
 * - D4's rolling window is twelve months back from each grant;
 * - D6 lets the return and the register differ by 5 % of the larger figure, and at least by 1,000 元
 *   (one unit of the return's 千元 with rounding left over).
 */
export const SIMILAR_TITLE = 0.3;
export const CAP_WINDOW = '1 year';
export const D6_RELATIVE = 0.05;
export const D6_ABSOLUTE_YUAN = 1000;

/** Memory for each of the full scan's sorts and hashes (one job at a time runs it, at night). */
const SCAN_WORK_MEM = '64MB';

/** Which supports (and returns) a scan looks at: all of them, or those a change touched. */
export type ScanScope = { full: true } | { full: false; supportIds: readonly string[]; returnIds: readonly string[] };

export interface ScanResult {
  /** Alerts the scan found (new, kept or re-opened). */
  found: number;
  created: number;
  reopened: number;
  /** Open alerts in scope whose facts no longer hold. */
  lapsed: number;
}

const uuidArray = (ids: readonly string[]) => sql`string_to_array(${ids.join(',')}, ',')::uuid[]`;

/** Whole months from the first day's month to the last day's month, both counted. */
const monthsBetween = (from: SQL, to: SQL) =>
  sql`((extract(year from ${to})::int * 12 + extract(month from ${to})::int) - (extract(year from ${from})::int * 12 + extract(month from ${from})::int) + 1)`;

/** The overlap of two supports' covered periods, as the explanation shows it. */
const overlapOf = sql`jsonb_build_object(
  'from', greatest(a.period_from, b.period_from),
  'to', least(a.period_to, b.period_to),
  'months', ${monthsBetween(sql`greatest(a.period_from, b.period_from)`, sql`least(a.period_to, b.period_to)`)})`;
const amountsOf = sql`jsonb_build_object(a.id::text, a.amount_yuan, b.id::text, b.amount_yuan)`;
const sameProject = sql`((a.project_code is not null and a.project_code = b.project_code) or similarity(a.project_title, b.project_title) >= ${SIMILAR_TITLE})`;
const overlapping = sql`a.period_from <= b.period_to and b.period_from <= a.period_to`;
/** Both supports of a pair state their area and months (D3 weighs them against the filed floor area). */
const bothMeasured = sql`a.area_m2 is not null and b.area_m2 is not null and a.months is not null and b.months is not null`;

/**
 * The scan: one statement. Undertakings first — the connected groups of USCCs joined by a space's
 * operator and host or by an entity link (a recursive closure; groups are small) —, then one CTE per
 * rule over the supports that are not withdrawn, the pairs' side `a` limited to the touched supports
 * on an incremental scan, UNION ALL, one row per (rule, pair); then the alerts are upserted by
 * their key (an unchanged finding keeps its disposition, changed facts re-open it) and the open
 * alerts of the scope no longer found lapse, in the same statement.
 */
export async function scan(db: DbOrTx, scope: ScanScope): Promise<ScanResult> {
  return db.transaction(async (tx) => {
    // Its sorts and hashes are over the whole register: memory enough to keep them off disk. (JIT,
    // most of its time once, is off for every connection: src/db/client.ts.)
    await tx.execute(sql.raw(`set local work_mem = '${SCAN_WORK_MEM}'`));
    return scanStatement(tx, scope);
  });
}

async function scanStatement(db: Tx, scope: ScanScope): Promise<ScanResult> {
  const full = scope.full;
  const touched = uuidArray(scope.full ? [] : scope.supportIds);
  const touchedReturns = uuidArray(scope.full ? [] : scope.returnIds);
  const pairSide = sql`b.id <> a.id and (not ${full}::boolean or a.id < b.id)`;
  const result = await db.execute(sql`
    with recursive
    touched(id) as (select unnest(${touched})),
    touched_spaces(space_id) as (select s.space_id from supports s where s.id in (select id from touched)),
    edge(a, b) as (
      select o.uscc, h.uscc
        from spaces sp
        join organisations o on o.id = sp.operator_org_id
        join space_hosts sh on sh.space_id = sp.id
        join organisations h on h.id = sh.host_org_id
       where o.uscc is not null and h.uscc is not null and o.uscc <> h.uscc
      union
      select uscc_a, uscc_b from entity_links
    ),
    sym(a, b) as (select a, b from edge union select b, a from edge),
    reach(root, node) as (select a, a from sym union select r.root, s.b from reach r join sym s on s.a = r.node),
    grp(uscc, ukey) as (select node, min(root) from reach group by node),
    -- The undertaking key compares bytewise ("C"): D1 sorts the register by it, and the database's
    -- default collation would compare each pair through the C library (equality is the same).
    sup as materialized (
      select s.id, s.grantor_org_id, s.grantor_region_code, s.category, s.beneficiary_role,
             coalesce(g.ukey, s.beneficiary_uscc) collate "C" as ukey, s.space_id, s.project_title, s.project_code,
             s.period_from, s.period_to, s.invoice_nos, s.contract_nos, s.area_m2, s.months, s.amount_yuan,
             s.granted_on, s.support_item_id
        from supports s left join grp g on g.uscc = s.beneficiary_uscc
       where s.status <> 'withdrawn'
    ),
    -- The pairs' side a: on a full scan the register itself (read in place, not copied), else the touched supports.
    src as ${full ? sql`not materialized` : sql`materialized`} (select * from sup where ${full}::boolean or id in (select id from touched)),
    -- D1: one undertaking, one category, overlapping months, the same or a similar project (awards are D5's).
    -- Only undertaking × category groups of more than one grant can pair: they are found by one hash
    -- aggregate, and only their grants (a third of the national data set's) are sorted to pair.
    pairable as (
      select ukey, category from sup where category <> 'award'
         and (${full}::boolean or (ukey, category) in (select ukey, category from src))
       group by ukey, category having count(*) > 1
    ),
    grouped as materialized (select s.* from sup s join pairable p on p.ukey = s.ukey and p.category = s.category),
    d1 as (
      select a.id as a_id, b.id as b_id, a.space_id,
             jsonb_build_object('overlap', ${overlapOf}, 'amounts', ${amountsOf}, 'undertaking', a.ukey,
               'sameProjectCode', coalesce(a.project_code = b.project_code, false),
               'titleSimilarity', round(similarity(a.project_title, b.project_title)::numeric, 2)) as detail
        from grouped a join grouped b on b.ukey = a.ukey and b.category = a.category and ${pairSide}
       where (${full}::boolean or a.id in (select id from touched)) and ${overlapping} and ${sameProject}
    ),
    -- D2: the same invoice or contract number behind two supports. The numbers are unnested with
    -- what the explanation shows of their support, the few numbers on more than one support found
    -- by one hash aggregate, and only their supports pair up (no sort of the register's numbers).
    ev(id, kind, no, space_id, amount_yuan) as (
      select s.id, 'invoice', n collate "C", s.space_id, s.amount_yuan from sup s cross join lateral unnest(s.invoice_nos) n where cardinality(s.invoice_nos) > 0
      union all
      select s.id, 'contract', n collate "C", s.space_id, s.amount_yuan from sup s cross join lateral unnest(s.contract_nos) n where cardinality(s.contract_nos) > 0
    ),
    -- (count(*), hashable: a number listed twice on one support makes a group that pairs with nothing.)
    shared_no(kind, no) as (select kind, no from ev group by kind, no having count(*) > 1),
    shared_ev as materialized (select e.* from ev e join shared_no n on n.kind = e.kind and n.no = e.no),
    d2 as (
      select a.id as a_id, b.id as b_id, a.space_id,
             jsonb_build_object(
               'invoices', coalesce(array_agg(distinct a.no order by a.no) filter (where a.kind = 'invoice'), '{}'),
               'contracts', coalesce(array_agg(distinct a.no order by a.no) filter (where a.kind = 'contract'), '{}'),
               'amounts', ${amountsOf}) as detail
        from shared_ev a
        join shared_ev b on b.kind = a.kind and b.no = a.no and b.id <> a.id and (not ${full}::boolean or a.id < b.id)
       where ${full}::boolean or a.id in (select id from touched)
       group by a.id, b.id, a.space_id, a.amount_yuan, b.amount_yuan
    ),
    -- D3: two departments fund one category of one space for overlapping months. Only the space ×
    -- category groups with more than one grantor can pair: the self-join is limited to them (a
    -- space's many incubatees' grants of one category from one department otherwise pair up
    -- quadratically before the grantor test drops them).
    -- (Distinct grantors first, then counted: a count(distinct) would sort the register.)
    shared_funding as (
      select space_id, category from (
        select distinct space_id, category, grantor_org_id from sup
         where category <> 'award' and (${full}::boolean or space_id in (select space_id from src))
      ) g group by space_id, category having count(*) > 1
    ),
    -- Their grants, read through the space × category index (a few hundred groups of a million grants).
    funded as (
      select s.* from shared_funding m join supports s on s.space_id = m.space_id and s.category = m.category
       where s.status <> 'withdrawn'
    ),
    -- The floor area those spaces filed (their latest active filing's dossier): two departments'
    -- rent or construction over more m² than the space has, in the same months, is paid twice.
    filed_area as (
      select lf.space_id, case when jsonb_typeof(lf.basic_info -> 'floorAreaM2') = 'number' then (lf.basic_info ->> 'floorAreaM2')::numeric end as area_m2
        from ${latestActiveFilings} lf
       where lf.space_id in (select space_id from shared_funding)
    ),
    d3 as (
      select a.id as a_id, b.id as b_id, a.space_id,
             jsonb_build_object('overlap', ${overlapOf}, 'amounts', ${amountsOf}, 'category', a.category,
               'areaMonths', case when ${bothMeasured} then jsonb_build_object(a.id::text, a.area_m2 * a.months, b.id::text, b.area_m2 * b.months) end,
               'filedAreaM2', fa.area_m2,
               'overlapAreaM2', case when ${bothMeasured} then a.area_m2 + b.area_m2 end,
               'exceedsFiled', case when ${bothMeasured} then a.area_m2 + b.area_m2 > fa.area_m2 end) as detail
        from funded a
        join funded b on b.space_id = a.space_id and b.category = a.category and b.grantor_org_id <> a.grantor_org_id and ${pairSide}
        left join filed_area fa on fa.space_id = a.space_id
       where (${full}::boolean or a.id in (select id from touched)) and ${overlapping}
    ),
    -- D4: an undertaking's grants under one capped support item within twelve months went over the cap;
    -- the alert names the grant that took it over.
    d4win as (
      select s.id, s.space_id, s.ukey, s.amount_yuan, i.cap_wan * 10000 as cap, i.title as item_title,
             sum(s.amount_yuan) over w as total,
             array_agg(s.id) over w as ids,
             min(s.granted_on) over w as window_from, s.granted_on as window_to
        from sup s join policy_support_items i on i.id = s.support_item_id
       where i.cap_wan is not null
         and (${full}::boolean or (s.ukey, s.support_item_id) in (select ukey, support_item_id from src))
      window w as (partition by s.ukey, s.support_item_id order by s.granted_on range between interval '${sql.raw(CAP_WINDOW)}' preceding and current row)
    ),
    d4 as (
      select id, space_id, (select array_agg(x order by x) from unnest(ids) x) as ids,
             jsonb_build_object('cap', cap, 'total', total, 'over', total - cap, 'item', item_title, 'undertaking', ukey,
               'window', jsonb_build_object('from', window_from, 'to', window_to)) as detail
        from d4win
       where total > cap and total - amount_yuan <= cap
         and (${full}::boolean or id in (select id from touched) or ukey in (select ukey from src))
    ),
    -- D5: one recognition awarded at two levels where a policy pays only the difference (差额/补差/补足/就高).
    -- Each award's level and wording are read once, before awards pair up.
    award as (
      select s.id, s.ukey, s.space_id, s.project_title, s.project_code, s.amount_yuan, r.level,
             coalesce(concat_ws(' ', i.title, i.clause, i.period) ~ '差额|补差|补足|就高', false) as pays_difference
        from sup s
        join regions r on r.code = s.grantor_region_code
        left join policy_support_items i on i.id = s.support_item_id
       where s.category = 'award'
    ),
    d5 as (
      select a.id as a_id, b.id as b_id, a.space_id,
             jsonb_build_object('levels', jsonb_build_object(a.id::text, a.level, b.id::text, b.level), 'amounts', ${amountsOf},
               'payable', greatest(a.amount_yuan, b.amount_yuan), 'excess', least(a.amount_yuan, b.amount_yuan)) as detail
        from award a
        join award b on b.ukey = a.ukey and b.level <> a.level and ${pairSide}
       where (${full}::boolean or a.id in (select id from touched)) and (a.pays_difference or b.pays_difference) and ${sameProject}
    ),
    -- D6: an accepted annual return's 财政补贴 against the register's grants to the space's operator that year.
    -- (Materialised: the declared figure is taken out of the return's values before the join, so
    -- the values themselves are not carried into the sort by return.)
    ret as materialized (
      select rv.submission_id, rv.space_id, left(rr.period, 4)::int as yr, (rv.values ->> 'income_subsidy')::numeric as declared
        from return_values rv join return_rounds rr on rr.call_id = rv.call_id
       where rv.accepted_at is not null and rr.cadence = 'annual' and jsonb_typeof(rv.values -> 'income_subsidy') = 'number'
         and (${full}::boolean or rv.space_id in (select space_id from touched_spaces) or rv.submission_id = any(${touchedReturns}))
    ),
    reg as (
      select r.submission_id, r.space_id, r.yr, r.declared, coalesce(sum(s.amount_yuan), 0) as recorded,
             coalesce(array_agg(s.id order by s.id) filter (where s.id is not null), '{}') as ids
        from ret r left join sup s on s.space_id = r.space_id and s.beneficiary_role = 'operator'
             and s.granted_on >= make_date(r.yr, 1, 1) and s.granted_on < make_date(r.yr + 1, 1, 1)
       group by r.submission_id, r.space_id, r.yr, r.declared
    ),
    d6 as (
      select submission_id, space_id, ids,
             jsonb_build_object('year', yr, 'declared', declared, 'recorded', recorded, 'difference', declared - recorded,
               'direction', case when declared > recorded then 'return_more' else 'register_more' end,
               'tolerance', greatest(${D6_ABSOLUTE_YUAN}::numeric, ${D6_RELATIVE}::numeric * greatest(declared, recorded))) as detail
        from reg
       where abs(declared - recorded) > greatest(${D6_ABSOLUTE_YUAN}::numeric, ${D6_RELATIVE}::numeric * greatest(declared, recorded))
    ),
    pairs(rule, a_id, b_id, space_id, detail) as (
      select 'D1', a_id, b_id, space_id, detail from d1
      union all select 'D2', a_id, b_id, space_id, detail from d2
      union all select 'D3', a_id, b_id, space_id, detail from d3
      union all select 'D5', a_id, b_id, space_id, detail from d5
    ),
    found as (
      select distinct on (key) * from (
        select rule, rule || ':' || least(a_id, b_id) || ':' || greatest(a_id, b_id) as key,
               array[least(a_id, b_id), greatest(a_id, b_id)] as support_ids, null::uuid as return_id, space_id, detail
          from pairs
        union all select 'D4', 'D4:' || id, ids, null::uuid, space_id, detail from d4
        union all select 'D6', 'D6:' || submission_id, ids, submission_id, space_id, detail from d6
      ) u order by key
    ),
    -- Who disposes of an alert (its supports' grantors) and whose region trees see it (their
    -- grantors' and beneficiaries' regions, the space's): the alerts' supports read once each by key.
    named as (
      select f.key, x.grantor_org_id, x.grantor_region_code, x.region_code
        from found f cross join lateral unnest(f.support_ids) u(id) join supports x on x.id = u.id
    ),
    grantors as (select key, array_agg(distinct grantor_org_id) as ids from named group by key),
    region_codes as (
      select key, array_agg(distinct code) as codes from (
        select key, grantor_region_code as code from named
        union all select key, region_code from named
        union all select f.key, sp.region_code from found f join spaces sp on sp.id = f.space_id
      ) z group by key
    ),
    facts as (
      select f.rule, f.key, f.support_ids, f.return_id, f.space_id,
             f.detail || jsonb_build_object('rule', f.rule) as explanation,
             -- What re-opens a disposed alert: its facts, but of D3's weighing against the filed floor
             -- area only a pair newly over it (a filing's area edited, or D3 alerts disposed of before
             -- the area was weighed, keep their disposition while the pair stays within it).
             md5(((f.detail - 'filedAreaM2' - 'overlapAreaM2' - 'exceedsFiled') || jsonb_build_object('rule', f.rule)
                  || case when f.detail -> 'exceedsFiled' = 'true'::jsonb then jsonb_build_object('exceedsFiled', true) else '{}'::jsonb end)::text) as fingerprint,
             coalesce(g.ids, '{}') as grantors,
             rc.codes as region_codes
        from found f left join grantors g on g.key = f.key left join region_codes rc on rc.key = f.key
    ),
    up as (
      insert into support_alerts as t (rule, pair_key, support_ids, return_id, space_id, grantor_org_ids, region_codes, explanation, fingerprint)
      select rule, key, support_ids, return_id, space_id, grantors, region_codes, explanation, fingerprint from facts
      on conflict (pair_key) do update set
        support_ids = excluded.support_ids,
        space_id = excluded.space_id,
        grantor_org_ids = excluded.grantor_org_ids,
        region_codes = excluded.region_codes,
        explanation = excluded.explanation,
        fingerprint = excluded.fingerprint,
        last_seen_at = now(),
        state = case when t.state = 'lapsed' or t.fingerprint <> excluded.fingerprint then 'open' else t.state end,
        reopened_at = case when t.state <> 'open' and (t.state = 'lapsed' or t.fingerprint <> excluded.fingerprint) then now() else t.reopened_at end,
        revision = t.revision + case when t.state = 'lapsed' or t.fingerprint <> excluded.fingerprint then 1 else 0 end
      returning (xmax = 0) as created, t.reopened_at = now() as reopened
    ),
    lapse as (
      update support_alerts a set state = 'lapsed', revision = a.revision + 1
       where a.state = 'open'
         and (${full}::boolean or a.support_ids && ${touched} or a.return_id = any(${touchedReturns})
              or (a.rule = 'D6' and a.space_id in (select space_id from touched_spaces)))
         and a.pair_key not in (select key from found)
      returning 1
    )
    select (select count(*)::int from up) as found,
           (select count(*)::int from up where created) as created,
           (select count(*)::int from up where reopened and not created) as reopened,
           (select count(*)::int from lapse) as lapsed
  `);
  const [row] = (result as unknown as { rows: ScanResult[] }).rows;
  return { found: Number(row!.found), created: Number(row!.created), reopened: Number(row!.reopened), lapsed: Number(row!.lapsed) };
}

/** Who sees an alert: a grantor of one of its supports, or an authority whose region tree holds one of its regions. */
export interface AlertScope {
  orgId: string;
  jurisdictionPath: string | null;
}

const visibleTo = (s: AlertScope): SQL => {
  const byGrantor = sql`${supportAlerts.grantorOrgIds} @> array[${s.orgId}]::uuid[]`;
  if (!s.jurisdictionPath) return byGrantor;
  const root = s.jurisdictionPath;
  return or(
    byGrantor,
    sql`exists (select 1 from ${regions} r where r.code = any(${supportAlerts.regionCodes}) and (r.path = ${root} or r.path like ${root} || '/%'))`,
  )!;
};

export const ALERT_SORTS = ['detectedAt', 'rule', 'state'] as const;
export type AlertSort = (typeof ALERT_SORTS)[number];

export interface AlertFilter {
  rule?: DupRule | undefined;
  state?: AlertState | undefined;
}

const alertWhere = (scope: AlertScope, f: AlertFilter) =>
  and(visibleTo(scope), f.rule ? eq(supportAlerts.rule, f.rule) : undefined, f.state ? eq(supportAlerts.state, f.state) : undefined)!;

/** One page of the alerts an actor sees and their count: two statements. */
export async function listAlerts(db: DbOrTx, scope: AlertScope, f: AlertFilter, sort: Sort<AlertSort>, limit: number, offset: number) {
  const w = alertWhere(scope, f);
  const [rows, [count]] = await Promise.all([
    db
      .select({ alert: supportAlerts, spaceName: spaces.name })
      .from(supportAlerts)
      .leftJoin(spaces, eq(spaces.id, supportAlerts.spaceId))
      .where(w)
      .orderBy(...orderBy({ detectedAt: supportAlerts.detectedAt, rule: supportAlerts.rule, state: supportAlerts.state }, sort, [desc(supportAlerts.detectedAt)], supportAlerts.id))
      .limit(limit)
      .offset(offset),
    db.select({ n: sql<number>`count(*)::int` }).from(supportAlerts).where(w),
  ]);
  return { rows, total: count?.n ?? 0 };
}

/** Open alerts a grantor's staff dispose of, for the workbench: the count and the oldest few, two statements. */
export async function openForGrantor(db: DbOrTx, orgId: string, limit: number) {
  const w = and(eq(supportAlerts.state, 'open'), sql`${supportAlerts.grantorOrgIds} @> array[${orgId}]::uuid[]`);
  const [[count], items] = await Promise.all([
    db.select({ n: sql<number>`count(*)::int` }).from(supportAlerts).where(w),
    db
      .select({ id: supportAlerts.id, rule: supportAlerts.rule, spaceName: spaces.name, detectedAt: supportAlerts.detectedAt })
      .from(supportAlerts)
      .leftJoin(spaces, eq(spaces.id, supportAlerts.spaceId))
      .where(w)
      .orderBy(supportAlerts.detectedAt, supportAlerts.id)
      .limit(limit),
  ]);
  return { count: count?.n ?? 0, items };
}

export async function findAlert(db: DbOrTx, id: string) {
  const [row] = await db
    .select({ alert: supportAlerts, spaceName: spaces.name, spaceRegionPath: regions.path })
    .from(supportAlerts)
    .leftJoin(spaces, eq(spaces.id, supportAlerts.spaceId))
    .leftJoin(regions, eq(regions.code, spaces.regionCode))
    .where(eq(supportAlerts.id, id));
  return row;
}

export async function isVisible(db: DbOrTx, scope: AlertScope, id: string): Promise<boolean> {
  const [r] = await db.select({ id: supportAlerts.id }).from(supportAlerts).where(and(eq(supportAlerts.id, id), visibleTo(scope)));
  return !!r;
}

/** The facts of the supports of some alerts, with their grantors' names: one statement. */
export async function supportFacts(db: DbOrTx, ids: readonly string[]) {
  if (!ids.length) return [];
  return db
    .select({
      id: supports.id,
      grantorOrgId: supports.grantorOrgId,
      grantorName: organisations.name,
      category: supports.category,
      beneficiaryUscc: supports.beneficiaryUscc,
      beneficiaryName: supports.beneficiaryName,
      beneficiaryRole: supports.beneficiaryRole,
      spaceId: supports.spaceId,
      spaceName: spaces.name,
      projectTitle: supports.projectTitle,
      projectCode: supports.projectCode,
      periodFrom: supports.periodFrom,
      periodTo: supports.periodTo,
      invoiceNos: supports.invoiceNos,
      contractNos: supports.contractNos,
      areaM2: supports.areaM2,
      months: supports.months,
      amountYuan: supports.amountYuan,
      grantedOn: supports.grantedOn,
      paymentState: supports.paymentState,
      status: supports.status,
    })
    .from(supports)
    .innerJoin(organisations, eq(organisations.id, supports.grantorOrgId))
    .innerJoin(spaces, eq(spaces.id, supports.spaceId))
    .where(sql`${supports.id} = any(${uuidArray(ids)})`);
}

export async function lockAlert(tx: Tx, id: string) {
  const [r] = await tx.select().from(supportAlerts).where(eq(supportAlerts.id, id)).for('update');
  return r;
}

export async function setDisposition(tx: Tx, id: string, revision: number, patch: Pick<AlertRow, 'state' | 'basis' | 'disposedBy' | 'disposedByOrgId' | 'disposedAt'>) {
  const [r] = await tx
    .update(supportAlerts)
    .set({ ...patch, revision: sql`${supportAlerts.revision} + 1` })
    .where(and(eq(supportAlerts.id, id), eq(supportAlerts.revision, revision)))
    .returning();
  return r;
}

// Entity links

export async function listLinks(db: DbOrTx, limit: number, offset: number) {
  const [rows, [count]] = await Promise.all([
    db
      .select({ link: entityLinks, recordedBy: organisations.name })
      .from(entityLinks)
      .innerJoin(organisations, eq(organisations.id, entityLinks.recordedByOrgId))
      .orderBy(desc(entityLinks.createdAt), entityLinks.id)
      .limit(limit)
      .offset(offset),
    db.select({ n: sql<number>`count(*)::int` }).from(entityLinks),
  ]);
  return { rows, total: count?.n ?? 0 };
}

export async function insertLink(tx: Tx, row: typeof entityLinks.$inferInsert) {
  const [r] = await tx.insert(entityLinks).values(row).onConflictDoNothing().returning();
  return r;
}

export async function findLink(db: DbOrTx, id: string) {
  const [r] = await db.select().from(entityLinks).where(eq(entityLinks.id, id));
  return r;
}

export async function deleteLink(tx: Tx, id: string) {
  const [r] = await tx.delete(entityLinks).where(eq(entityLinks.id, id)).returning();
  return r;
}
