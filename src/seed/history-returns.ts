/**
 * The statistics returns of the lived-in demo, driven through the returns module's actions by the
 * accounts that do them: last year's 许昌 round with the two filed spaces' returns accepted (the
 * spaces that did not file it marked missed), and this year's round open with one return in county
 * review and one handed in with warnings and the filer's notes; and 辽宁's round (the city checks, the
 * province accepts) with 沈阳数联's draft filled in but not handed in, for the browser test
 * (e2e/returns.spec.ts) to hand in, return, fix and accept.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import type { AuditContext } from '../modules/audit/index.ts';
import { chains } from '../modules/chains/index.ts';
import { recordDecision, releaseDecisions } from '../modules/filings/index.ts';
import { loadActor, users } from '../modules/identity/index.ts';
import { passStage } from '../modules/review/index.ts';
import { getReturn, markMissedReturns, myReturns, openRound, returnCatalogues, saveReturn, submitReturn } from '../modules/returns/index.ts';
import type { Actor } from '../shared/actor.ts';
import { settlePastRound } from './past-rounds.ts';

const ctxOf = (actor: Actor): AuditContext => ({ actorUserId: actor.userId, actorUsername: actor.username, actorOrgId: actor.org.id, ip: null, requestId: null });
const DAY_MS = 86_400_000;
/** A year's annual return falls due on 20 January after it, before that year's evaluation. */
export const annualReturnDue = (period: number) => new Date(`${period + 1}-01-20T17:30:00+08:00`);

/** A year's figures of a space, in the form's units (money in 千元); `scale` makes the spaces differ. */
const figures = (scale: number): Record<string, number | string[]> =>
  Object.fromEntries(Object.entries(base(scale)).map(([k, v]) => [k, typeof v === 'number' ? Math.round(v) : v]));
const base = (scale: number): Record<string, number | string[]> => ({
  total_area: 1800 * scale, workstations: 110 * scale, workstation_area: 900 * scale, public_area: 520 * scale, shared_equipment_value: 640 * scale,
  service_staff: 9 * scale, mentors: 8 * scale, mentors_fulltime: 3 * scale, mentors_parttime: 5 * scale,
  total_income: 4200 * scale, income_services: 1600 * scale, income_subsidy: 900 * scale, income_rent: 1300 * scale, income_investment: 200 * scale, operating_cost: 3500 * scale, tax_relief: 80 * scale,
  teams_served: 26 * scale, team_members: 104 * scale, startups_served: 18 * scale, startup_jobs: 240 * scale, startup_jobs_graduates: 45 * scale,
  founders_student: 12 * scale, founders_researcher: 8 * scale, founders_returnee: 2 * scale, founders_executive: 2 * scale, founders_foreign: 0, founders_serial: 4 * scale, agreements: 32 * scale,
  new_registered: 11 * scale, valid_ip: 42 * scale, invention_patents: 6 * scale, listed_companies: 0,
  invested_count: 5 * scale, investment_total: 15_000 * scale, investment_social: 11_000 * scale, investment_own: 1500 * scale, angel_fund_size: 8000 * scale,
  service_types: ['workspace', 'mentoring', 'financing', 'technology'], activities: 20 * scale, trainings: 10 * scale, international_projects: 0,
});

/** The filer's note on a warning (a figure differing from the roster's count, a large move on last year). */
const explained = (message: string) => `已核实：${message.slice(0, 24)}……差异系部分团队未在平台登记入驻或年中调整所致`;

export async function seedReturns(db: Db, year: number): Promise<void> {
  const accounts = new Map((await db.select({ id: users.id, username: users.username }).from(users)).map((u) => [u.username, u.id]));
  const as = async (username: string) => (await loadActor(db, accounts.get(username)!, 'demo-seed'))!;
  const xcAdmin = await as('xc_admin');
  const zhineng = await as('cg_zhineng');
  const qingnian = await as('yz_qingnian');
  const cg = await as('cg_reviewer');
  const yz = await as('yz_reviewer');
  const [catalogue] = await db.select({ id: returnCatalogues.id }).from(returnCatalogues).where(eq(returnCatalogues.status, 'published')).limit(1);
  const chainId = async (key: string) => (await db.select({ id: chains.id }).from(chains).where(eq(chains.key, key)).limit(1))[0]!.id;
  const cityChain = await chainId('annual_return_city');
  const round = (period: number, dueDays: number, by = xcAdmin, chain = cityChain) =>
    openRound(db, by, ctxOf(by), { cadence: 'annual', period: String(period), dueAt: new Date(Date.now() + dueDays * DAY_MS), catalogueId: catalogue!.id, chainId: chain });
  const returnOf = async (operator: Actor, callId: string) => (await myReturns(db, operator)).items.find((r) => r.call.id === callId)!.id;
  /** Types the figures in and explains every warning they raise; not handed in. */
  const fill = async (operator: Actor, callId: string, values: Record<string, number | string[]>, explain: (message: string) => string) => {
    const id = await returnOf(operator, callId);
    const draft = await getReturn(db, operator, id);
    let saved = await saveReturn(db, operator, ctxOf(operator), id, { revision: draft.revision, values: { ...draft.values, ...values }, notes: {} });
    const warnings = saved.findings.filter((f) => f.severity === 'warning');
    if (warnings.length)
      saved = await saveReturn(db, operator, ctxOf(operator), id, { revision: saved.revision, values: saved.values, notes: Object.fromEntries(warnings.map((w) => [w.key, explain(w.message)])) });
    return saved;
  };
  const file = async (operator: Actor, callId: string, values: Record<string, number | string[]>, explain: (message: string) => string) => {
    const saved = await fill(operator, callId, values, explain);
    await submitReturn(db, operator, ctxOf(operator), saved.id, { revision: saved.revision });
    return saved.id;
  };
  const check = [
    { key: 'figures_plausible', verdict: 'ok' as const, note: '已与入驻台账核对' },
    { key: 'warnings_explained', verdict: 'ok' as const, note: '无预警或已说明' },
  ];

  // Last year's round: both filed spaces' returns pass the county and are accepted by the city.
  const last = await round(year - 1, 20);
  const accepted = [await file(zhineng, last.id, figures(1), explained), await file(qingnian, last.id, figures(2), explained)];
  await passStage(db, cg, ctxOf(cg), accepted[0]!, { stageKey: 'county_check', checklist: check, note: '数据真实，同意报送' });
  await passStage(db, yz, ctxOf(yz), accepted[1]!, { stageKey: 'county_check', checklist: check, note: '数据真实，同意报送' });
  const decisions = [];
  for (const id of accepted)
    decisions.push((await recordDecision(db, xcAdmin, ctxOf(xcAdmin), { applicationId: id, stageKey: 'city_accept', outcome: 'approve', reason: '数据合理，予以审定', checklist: [{ key: 'accepted', verdict: 'ok', note: '同意' }] })).id);
  await releaseDecisions(db, xcAdmin, ctxOf(xcAdmin), { callId: last.id, stageKey: 'city_accept', decisionIds: decisions, expectedCount: decisions.length, title: `许昌市${year - 1}年度众创空间统计报表审定结果`, documentNumber: `许科〔${year}〕12号`, issuedOn: `${year}-03-20` });
  // Its other drafts were never filed: as at its due date, they are missed.
  await markMissedReturns(db, { callId: last.id }, new Date(Date.now() + 21 * DAY_MS));
  await settlePastRound(db, last.id, annualReturnDue(year - 1));

  // This year's round: one return at the county, one handed in with warnings explained.
  const current = await round(year, 30);
  await file(zhineng, current.id, { ...figures(1), teams_served: 29, team_members: 118, activities: 23 }, explained);
  await file(qingnian, current.id, { ...figures(2), activities: 70, total_income: 12_000, income_subsidy: 5_000 }, (m) => `已核实：${m.slice(0, 20)}…本年新增市级创业大赛承办及专项补贴`);

  // 辽宁's round: 沈阳数联 has typed its figures in (its roster is not on the platform: every figure explained) and not yet handed them in.
  const lnAdmin = await as('ln_admin');
  const liaoning = await round(year, 25, lnAdmin, await chainId('annual_return_city_province'));
  await fill(await as('ln_returns'), liaoning.id, figures(1), explained);
}
