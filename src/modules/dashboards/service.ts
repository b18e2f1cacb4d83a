/**
 * 数据看板 (issue 17, "Dashboards"): an authority's jurisdiction — or any region below it — in one
 * answer, every section an SQL aggregate grouped by the child region each space lies in (by space
 * at the leaf), read in a fixed number of statements whatever the number of spaces.
 */
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../shared/actor.ts';
import { AppError } from '../../shared/errors.ts';
import { csvWithBom } from '../documents/index.ts';
import { cohortSurvival, SURVIVAL_FORMULA, type ChainPlace } from '../roster/index.ts';
import { can, withinJurisdiction } from './policy.ts';
import * as repo from './repository.ts';
import { beijingDay, beijingYear } from '../../shared/beijing-time.ts';

/**
 * The key indicators of the annual statistics return the dashboard totals (codes of the catalogue),
 * in the unit shown: stored money is in 元, shown in 万元. Only these are kept per space and year
 * (`return_indicator_years`): a code added here needs a migration redefining
 * `dashboard_indicator_codes()` and recounting (a test holds the two lists equal).
 */
export const KEY_INDICATORS = [
  { code: 'total_area', label: '众创空间总面积', labelEn: 'Total area', unit: '平方米', unitEn: 'm²', divisor: 1 },
  { code: 'mentors', label: '创业导师', labelEn: 'Mentors', unit: '人', unitEn: 'persons', divisor: 1 },
  { code: 'total_income', label: '总收入', labelEn: 'Total income', unit: '万元', unitEn: '10k yuan', divisor: 10_000 },
  { code: 'teams_served', label: '当年服务的创业团队', labelEn: 'Start-up teams served', unit: '个', unitEn: 'teams', divisor: 1 },
  { code: 'startups_served', label: '当年服务的初创企业', labelEn: 'Start-ups served', unit: '个', unitEn: 'companies', divisor: 1 },
  { code: 'startup_jobs', label: '初创企业吸纳就业', labelEn: 'Jobs in start-ups', unit: '人', unitEn: 'persons', divisor: 1 },
  { code: 'new_registered', label: '当年新注册企业', labelEn: 'Companies registered', unit: '个', unitEn: 'companies', divisor: 1 },
  { code: 'valid_ip', label: '有效知识产权', labelEn: 'Valid intellectual property', unit: '件', unitEn: 'items', divisor: 1 },
] as const;

const LEVELS = ['national', 'province', 'city'] as const;
const TYPES = ['tech_support', 'investment_driven', 'comprehensive', 'professional'] as const;
const round2 = (n: number) => Math.round(n * 100) / 100;

export interface GroupFigures {
  key: string;
  name: string;
  filed: number;
  national: number;
  province: number;
  city: number;
  applications: number;
  applicationsOverdue: number;
  returns: number;
  returnsAccepted: number;
  returnsOverdue: number;
  returnsMissed: number;
  changesOverdue: number;
  proposalsOpen: number;
  supports: number;
  supportsAmount: number;
  events: number;
  bookings: number;
}

/** The region the request names, checked against the actor's jurisdiction: outside it (or unknown) is 403, nothing read. */
async function regionInScope(db: Db, actor: Actor, code: string | undefined) {
  if (!can(actor, 'dashboard.read')) throw new AppError('FORBIDDEN');
  const region = await repo.findRegion(db, code ?? actor.org.regionCode);
  if (!region || !withinJurisdiction(actor, region.path)) throw new AppError('FORBIDDEN', { zh: '只能查看本辖区及下级地区的数据', en: 'Only your jurisdiction and the regions below it' });
  return region;
}

/**
 * Granting departments × categories the dashboard lists, the largest amounts first: a province has a
 * few dozen, the country ≈ 17,000 (2 MB of the ministry's dashboard, and a chart no one can read);
 * the Excel export lists them all.
 */
export const GRANTOR_ROWS = 30;

export async function dashboard(db: Db, actor: Actor, query: { region?: string | undefined; year?: number | undefined }, now = new Date(), shown = { grantorRows: GRANTOR_ROWS }) {
  const region = await regionInScope(db, actor, query.region);
  const year = query.year ?? beijingYear(now);
  const g: repo.Grouping = { code: region.code, path: region.path, leaf: !region.hasChildren };
  const [names, filed, states, indicators, graded, changes, supports, activity, survival, startups, leavers, moves, map] = await Promise.all([
    repo.groupNames(db, g),
    repo.filedSpaces(db, g),
    repo.submissionStates(db, g, year, now),
    repo.indicatorTotals(db, g, year),
    repo.gradesAndProposals(db, g, year),
    repo.changeReports(db, g, year, beijingDay(now)),
    repo.supportsGranted(db, g, year, shown.grantorRows),
    repo.activity(db, g, year),
    repo.survival(db, g),
    repo.startupCohorts(db, g),
    repo.chainLeavers(db, g),
    repo.chainMoves(db, g),
    repo.mapAbove(db, region.path),
  ]);

  const groups = new Map<string, GroupFigures>(
    names.map((n) => [
      n.key,
      { key: n.key, name: n.key === region.code && !g.leaf ? `${n.name}（本级）` : n.name, filed: 0, national: 0, province: 0, city: 0, applications: 0, applicationsOverdue: 0, returns: 0, returnsAccepted: 0, returnsOverdue: 0, returnsMissed: 0, changesOverdue: 0, proposalsOpen: 0, supports: 0, supportsAmount: 0, events: 0, bookings: 0 },
    ]),
  );
  const group = (key: string) => groups.get(key);
  const count = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

  const byLevel = count(LEVELS);
  const byType = count(TYPES);
  let filedTotal = 0;
  for (const r of filed) {
    const grp = group(r.g);
    if (r.level) {
      byLevel[r.level as (typeof LEVELS)[number]] += r.n;
      if (grp) grp[r.level as (typeof LEVELS)[number]] += r.n;
    } else if (r.type) byType[r.type as (typeof TYPES)[number]] += r.n;
    else {
      filedTotal += r.n;
      if (grp) grp.filed += r.n;
    }
  }

  const appStates = new Map<string, number>();
  const returnStates = new Map<string, number>();
  let appOverdue = 0;
  let returnOverdue = 0;
  for (const r of states) {
    const grp = group(r.g);
    if (r.kind === 'filing') {
      appStates.set(r.state, (appStates.get(r.state) ?? 0) + r.n);
      appOverdue += r.overdue;
      if (grp) {
        grp.applications += r.n;
        grp.applicationsOverdue += r.overdue;
      }
    } else {
      returnStates.set(r.state, (returnStates.get(r.state) ?? 0) + r.n);
      returnOverdue += r.overdue;
      if (grp) {
        grp.returns += r.n;
        grp.returnsOverdue += r.overdue;
        if (r.state === 'filed') grp.returnsAccepted += r.n;
        if (r.state === 'missed') grp.returnsMissed += r.n;
      }
    }
  }
  const listed = (m: Map<string, number>) => [...m].map(([state, n]) => ({ state, count: n })).sort((a, b) => b.count - a.count || a.state.localeCompare(b.state));

  const indicatorRows = KEY_INDICATORS.map((i) => {
    const of = (y: number) => indicators.filter((r) => r.code === i.code && r.year === y);
    const sum = (rows: typeof indicators) => round2(rows.reduce((s, r) => s + r.total, 0) / i.divisor);
    const current = of(year);
    const previous = of(year - 1);
    return {
      code: i.code,
      label: i.label,
      labelEn: i.labelEn,
      unit: i.unit,
      unitEn: i.unitEn,
      total: sum(current),
      previous: sum(previous),
      returns: current.reduce((s, r) => s + r.returns, 0),
      previousReturns: previous.reduce((s, r) => s + r.returns, 0),
      /** Per group this year, for the peers' comparison. */
      byGroup: current.map((r) => ({ key: r.g, total: round2(r.total / i.divisor) })),
    };
  });

  const grades = new Map<string, number>();
  const proposals = new Map<string, number>();
  for (const r of graded) {
    if (r.what === 'grade') grades.set(r.key, (grades.get(r.key) ?? 0) + r.n);
    else {
      proposals.set(r.key, (proposals.get(r.key) ?? 0) + r.n);
      const grp = group(r.g);
      if (grp && (r.key === 'pending' || r.key === 'in_review')) grp.proposalsOpen += r.n;
    }
  }

  const changeTotals = { open: 0, overdue: 0, late: 0 };
  for (const r of changes) {
    changeTotals.open += r.open;
    changeTotals.overdue += r.overdue;
    changeTotals.late += r.late;
    const grp = group(r.g);
    if (grp) grp.changesOverdue += r.overdue;
  }

  const supportTotals = { count: 0, amountYuan: 0 };
  for (const r of supports.groups) {
    supportTotals.count += r.n;
    supportTotals.amountYuan = round2(supportTotals.amountYuan + r.amount);
    const grp = group(r.g);
    if (grp) {
      grp.supports += r.n;
      grp.supportsAmount = round2(grp.supportsAmount + r.amount);
    }
  }
  const byGrantor = supports.grantors.map((r) => ({ grantorId: r.grantorId, grantorName: r.grantorName, category: r.category, count: r.n, amountYuan: round2(r.amount), alerted: r.alerted }));
  byGrantor.sort((a, b) => b.amountYuan - a.amountYuan || a.grantorName.localeCompare(b.grantorName) || a.category.localeCompare(b.category));

  const activityTotals = { events: 0, signups: 0, checkedIn: 0, bookings: 0, bookingHours: 0 };
  for (const r of activity) {
    const grp = group(r.g);
    if (r.what === 'events') {
      activityTotals.events += r.n;
      if (grp) grp.events += r.n;
    } else if (r.what === 'signups') {
      activityTotals.signups += r.n;
      activityTotals.checkedIn += r.extra;
    } else {
      activityTotals.bookings += r.n;
      activityTotals.bookingHours = round2(activityTotals.bookingHours + r.extra);
      if (grp) grp.bookings += r.n;
    }
  }

  // The region itself (spaces registered right at it) is listed only when it has anything to show.
  const isEmpty = (x: GroupFigures) => !x.filed && !x.applications && !x.returns && !x.supports && !x.events && !x.bookings && !x.changesOverdue && !x.proposalsOpen;
  const groupList = [...groups.values()].filter((x) => g.leaf || x.key !== region.code || !isEmpty(x));

  return {
    year,
    region: { code: region.code, name: region.name, level: region.level, provinceCode: region.path.split('/')[1] ?? null, trail: region.trail.filter((r) => withinJurisdiction(actor, pathOf(region.trail, r.code))) },
    groupBy: g.leaf ? ('space' as const) : ('region' as const),
    map,
    kpis: {
      filedSpaces: filedTotal,
      applications: [...appStates.values()].reduce((s, n) => s + n, 0),
      applicationsOverdue: appOverdue,
      returnsAccepted: returnStates.get('filed') ?? 0,
      returnsMissed: returnStates.get('missed') ?? 0,
      supports: supportTotals.count,
      supportsAmountYuan: supportTotals.amountYuan,
      eventsHeld: activityTotals.events,
      bookings: activityTotals.bookings,
    },
    groups: groupList,
    filed: { total: filedTotal, byLevel: LEVELS.map((level) => ({ level, count: byLevel[level] })), byType: TYPES.map((type) => ({ type, count: byType[type] })) },
    applications: { byState: listed(appStates), overdue: appOverdue },
    returns: { byState: listed(returnStates), overdue: returnOverdue, missed: returnStates.get('missed') ?? 0 },
    indicators: indicatorRows,
    grades: ['excellent', 'good', 'pass', 'fail'].map((grade) => ({ grade, count: grades.get(grade) ?? 0 })),
    proposals: ['pending', 'in_review', 'revoked', 'dismissed'].map((status) => ({ status, count: proposals.get(status) ?? 0 })),
    changes: changeTotals,
    supports: { ...supportTotals, byGrantor, grantorRows: supports.grantorCount },
    activity: activityTotals,
    survival: survival.map((c) => ({ ...c, rate: c.filed ? Math.round((c.active / c.filed) * 1000) / 10 : null })),
    startupSurvival: { formula: SURVIVAL_FORMULA, cohorts: startups.map((c) => cohortSurvival(c, beijingYear(now))) },
    chainFlows: chainFlows(leavers, moves, year, [...groups.values()]),
  };
}

const LEAVING = ['graduated', 'exited', 'moved', 'deregistered'] as const;
type Leaving = (typeof LEAVING)[number];
type FlowCounts = Record<Leaving, number> & { movesOut: number; movesIn: number };
const noFlows = (): FlowCounts => ({ graduated: 0, exited: 0, moved: 0, deregistered: 0, movesOut: 0, movesIn: 0 });

/**
 * The incubation chain's flows: leavers by status and chain moves per year over the subtree (moves
 * within it, out of it and into it), the moves by place → place, and per group the year's figures
 * (moves out of and into its spaces, whether or not the other end lies in the subtree), in the
 * dashboard's group order.
 */
function chainFlows(leavers: Awaited<ReturnType<typeof repo.chainLeavers>>, moves: Awaited<ReturnType<typeof repo.chainMoves>>, year: number, named: readonly { key: string; name: string }[]) {
  const years = new Map<number, Record<Leaving, number> & { movesWithin: number; movesOut: number; movesIn: number }>();
  const yearOf = (y: number) => years.get(y) ?? years.set(y, { graduated: 0, exited: 0, moved: 0, deregistered: 0, movesWithin: 0, movesOut: 0, movesIn: 0 }).get(y)!;
  const groups = new Map<string, FlowCounts>();
  const groupOf = (key: string) => groups.get(key) ?? groups.set(key, noFlows()).get(key)!;
  for (const r of leavers) {
    const status = r.status as Leaving;
    if (!LEAVING.includes(status)) continue;
    if (r.g === null) yearOf(r.year)[status] += r.n;
    else if (r.year === year) groupOf(r.g)[status] += r.n;
  }
  const byPlace: { year: number; fromPlace: ChainPlace | null; toPlace: ChainPlace | null; direction: 'within' | 'out' | 'in'; count: number }[] = [];
  for (const r of moves) {
    if (r.what === 'place') {
      const y = yearOf(r.year);
      if (r.direction === 'within') y.movesWithin += r.n;
      else if (r.direction === 'out') y.movesOut += r.n;
      else y.movesIn += r.n;
      byPlace.push({ year: r.year, fromPlace: r.fromPlace as ChainPlace | null, toPlace: r.toPlace as ChainPlace | null, direction: r.direction!, count: r.n });
    } else if (r.year === year && r.g !== null) groupOf(r.g)[r.what === 'out' ? 'movesOut' : 'movesIn'] += r.n;
  }
  byPlace.sort((a, b) => b.year - a.year || b.count - a.count || String(a.fromPlace).localeCompare(String(b.fromPlace)) || String(a.toPlace).localeCompare(String(b.toPlace)) || a.direction.localeCompare(b.direction));
  return {
    years: [...years].map(([y, c]) => ({ year: y, ...c })).sort((a, b) => a.year - b.year),
    moves: byPlace,
    groups: named.flatMap((n) => {
      const c = groups.get(n.key);
      return c ? [{ key: n.key, name: n.name, ...c }] : [];
    }),
  };
}

export type Dashboard = Awaited<ReturnType<typeof dashboard>>;

/** The path of an ancestor in the trail (codes from the root down), to keep the breadcrumb within the jurisdiction. */
const pathOf = (trail: readonly { code: string }[], code: string) => {
  const i = trail.findIndex((r) => r.code === code);
  return trail
    .slice(0, i + 1)
    .map((r) => r.code)
    .join('/');
};

/** The uploaded map the dashboard of `region` draws (the nearest at or above it), with its features. */
export async function dashboardMap(db: Db, actor: Actor, regionCode: string | undefined) {
  const region = await regionInScope(db, actor, regionCode);
  const meta = await repo.mapAbove(db, region.path);
  const map = meta && (await repo.mapOf(db, meta.regionCode));
  if (!map) throw new AppError('NOT_FOUND', { zh: '尚未上传地图', en: 'No map has been uploaded' });
  return { regionCode: map.regionCode, approvalNo: map.approvalNo, uploadedAt: map.uploadedAt, geojson: map.geojson };
}

/** The public statistics: filings at national and provincial level by province and year granted (no sign-in). */
export const publicStatistics = (db: Db) => repo.publicFilingTotals(db);

const PUBLIC_LEVEL_NAMES = { national: '国家级', province: '省级' } as const;

/** The public statistics as CSV (UTF-8 with BOM, so Excel and WPS read the Chinese). */
export async function publicStatisticsCsv(db: Db) {
  const items = await repo.publicFilingTotals(db);
  return csvWithBom([['省份代码', '省份', '年度', '备案级别', '当年备案数', '其中仍在备案'], ...items.map((i) => [i.provinceCode, i.provinceName, i.year, PUBLIC_LEVEL_NAMES[i.level], i.filed, i.active])]);
}
