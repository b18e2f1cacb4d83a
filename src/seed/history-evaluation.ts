/**
 * The annual evaluations of the lived-in demo, driven through the evaluation module's actions by the
 * accounts that do them: 许昌 graded its filed spaces for the two past years (county opinion →
 * notice → the city's published list with its 文号), and this year's round is open with one
 * evaluation at its county's opinion and the others waiting for their operators. 2024 came before
 * the platform collected returns, so every space was 应评未评 and 不合格 that year; in 2025 the two
 * spaces whose returns were accepted are graded on their figures, and 长葛汇智 (and 神垕钧瓷), whose
 * returns were missed, are 不合格 again: two consecutive 不合格, the ground of a revocation proposal.
 * Last year 神垕钧瓷 did not hand its evaluation in either: at the round's deadline the `evaluation.due`
 * job's action marked it 应评未评 and handed it in on the platform's behalf, so it went through the
 * county's opinion, the notice and the decision with the others and was published 不合格 for that.
 */
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import type { AuditContext } from '../modules/audit/index.ts';
import { chains } from '../modules/chains/index.ts';
import {
  computeRoundScores,
  confirmFigures,
  evaluationSchemes,
  getEvaluation,
  insertPublishedSchemeInTx,
  markMissedEvaluations,
  openEvaluationRound,
  saveSummary,
  setLocalOpinion,
  submitEvaluation,
} from '../modules/evaluation/index.ts';
import { recordDecision, releaseDecisions } from '../modules/filings/index.ts';
import { loadActor, users } from '../modules/identity/index.ts';
import { concludeNoticeJob, publishNotice } from '../modules/notices/index.ts';
import { passStage } from '../modules/review/index.ts';
import { spaces } from '../modules/spaces/index.ts';
import { applications } from '../modules/workflow/index.ts';
import type { Actor } from '../shared/actor.ts';
import { settlePastRound } from './past-rounds.ts';

const ctxOf = (actor: Actor): AuditContext => ({ actorUserId: actor.userId, actorUsername: actor.username, actorOrgId: actor.org.id, ip: null, requestId: null });
const DAY_MS = 86_400_000;
/** The county that gives its opinion on a space of 许昌, by the space's county. */
const COUNTY_REVIEWER: Record<string, string> = { '411082': 'cg_reviewer', '411081': 'yz_reviewer' };
/** The space that let last year's evaluation deadline pass without handing it in (应评未评). */
export const MISSED_EVALUATION_SPACE = '神垕钧瓷文创众创空间';

const summaryOf = (name: string, year: number) => ({
  overview: `${name}${year}年度运营场地保持稳定，工位使用率较上年有所提高。`,
  services: '围绕创业培训、投融资对接、技术服务开展常态化服务，建立导师定期坐班制度。',
  incubation: '在孵团队和企业稳步增长，部分企业获得融资或进入孵化器继续发展。',
  activities: '全年举办创业沙龙、项目路演和专题培训，活动均在平台登记并公开宣传。',
  management: '财务单独核算，入驻、退出和考核制度执行到位。',
  plans: '下一年度将加强专业化服务能力，拓展与高校院所的合作。',
});

export async function seedEvaluations(db: Db, year: number): Promise<void> {
  const accounts = new Map((await db.select({ id: users.id, username: users.username }).from(users)).map((u) => [u.username, u.id]));
  const as = async (username: string) => (await loadActor(db, accounts.get(username)!, 'demo-seed'))!;
  const xcAdmin = await as('xc_admin');
  const xcReviewer = await as('xc_reviewer');
  const [chain] = await db.select({ id: chains.id }).from(chains).where(eq(chains.key, 'evaluation_city')).limit(1);
  const [shipped] = await db.select().from(evaluationSchemes).where(and(eq(evaluationSchemes.regionCode, '411000'), eq(evaluationSchemes.year, year), eq(evaluationSchemes.shipped, true))).limit(1);
  /** The operator's admin of a space's evaluation (each demo operator has one). */
  const operatorOf = async (entryId: string) => {
    const [row] = await db.select({ id: users.id }).from(applications).innerJoin(users, eq(users.orgId, applications.operatorOrgId)).where(eq(applications.id, entryId)).orderBy(users.username).limit(1);
    return (await loadActor(db, row!.id, 'demo-seed'))!;
  };
  const open = async (y: number, schemeId: string) => {
    const dueAt = new Date(Date.now() + 20 * DAY_MS);
    return { ...(await openEvaluationRound(db, xcAdmin, ctxOf(xcAdmin), { year: y, schemeId, chainId: chain!.id, dueAt, title: `许昌市${y}年度众创空间评价` })), dueAt };
  };
  const entriesOf = async (callId: string) => db.select({ id: applications.id, spaceId: applications.spaceId, name: spaces.name, regionCode: spaces.regionCode }).from(applications).innerJoin(spaces, eq(spaces.id, applications.spaceId)).where(eq(applications.callId, callId)).orderBy(spaces.name);
  /** The operator writes the summary, confirms the figures and hands it in. */
  const handIn = async (entryId: string, name: string, y: number) => {
    const operator = await operatorOf(entryId);
    const read = await getEvaluation(db, operator, entryId);
    const saved = await saveSummary(db, operator, ctxOf(operator), entryId, { revision: read.revision, summary: summaryOf(name, y) });
    const confirmed = await confirmFigures(db, operator, ctxOf(operator), entryId, { revision: saved.revision });
    await submitEvaluation(db, operator, ctxOf(operator), entryId, { revision: confirmed.revision });
  };
  const opinion = async (entryId: string, regionCode: string) => {
    const county = await as(COUNTY_REVIEWER[regionCode]!);
    await setLocalOpinion(db, county, ctxOf(county), entryId, { opinion: '该空间年度工作总结属实，统计数据与日常掌握情况一致。' });
    await passStage(db, county, ctxOf(county), entryId, {
      stageKey: 'county_opinion',
      checklist: [
        { key: 'summary_read', verdict: 'ok', note: '已审阅' },
        { key: 'figures_checked', verdict: 'ok', note: '与日常掌握情况一致' },
      ],
      note: '同意参加评价',
    });
  };

  // The two past years, each from its opening to the city's published list.
  for (const [y, number] of [[year - 2, 9], [year - 1, 11]] as const) {
    const scheme = await db.transaction((tx) =>
      insertPublishedSchemeInTx(tx, ctxOf(xcAdmin), { regionCode: '411000', year: y, category: 'regular', types: shipped!.types, definition: { ...shipped!.definition, title: shipped!.definition.title.replaceAll(String(year), String(y)) } }),
    );
    const round = await open(y, scheme.id);
    const entries = await entriesOf(round.id);
    const missing = y === year - 1 ? MISSED_EVALUATION_SPACE : null;
    for (const e of entries) if (e.name !== missing) await handIn(e.id, e.name, y);
    // As at its deadline (the round's `evaluation.due` job): the draft left is 应评未评, handed in by the platform.
    if (missing) await markMissedEvaluations(db, { callId: round.id }, round.dueAt);
    for (const e of entries) await opinion(e.id, e.regionCode);
    await computeRoundScores(db, xcAdmin, ctxOf(xcAdmin), round.id);
    const ends = new Date(Date.now() + 1200);
    const notice = await publishNotice(db, xcAdmin, ctxOf(xcAdmin), {
      callId: round.id,
      stageKey: 'city_notice',
      applicationIds: entries.map((e) => e.id),
      title: `许昌市${y}年度众创空间评价结果公示`,
      body: '现将评价结果予以公示，公示期内如有异议，请以实名书面形式向许昌市科学技术局反映。',
      startsAt: new Date(Date.now() - 7 * DAY_MS).toISOString(),
      endsAt: ends.toISOString(),
    });
    await new Promise((r) => setTimeout(r, ends.getTime() - Date.now() + 50));
    await concludeNoticeJob(db, { noticeId: notice.id });
    const decisionIds: string[] = [];
    for (const e of entries)
      decisionIds.push((await recordDecision(db, xcReviewer, ctxOf(xcReviewer), { applicationId: e.id, stageKey: 'city_decision', outcome: 'approve', reason: '评价等次依据充分', checklist: [{ key: 'grade_basis', verdict: 'ok', note: '依据充分' }] })).id);
    await releaseDecisions(db, xcAdmin, ctxOf(xcAdmin), { callId: round.id, stageKey: 'city_decision', decisionIds, expectedCount: decisionIds.length, title: `许昌市${y}年度众创空间评价结果`, documentNumber: `许科〔${y + 1}〕${number}号`, issuedOn: `${y + 1}-03-${10 + number}` });
    // Handed in by 28 February after the year, once its annual returns are accepted.
    await settlePastRound(db, round.id, new Date(`${y + 1}-02-28T17:30:00+08:00`));
  }

  // This year's round: one evaluation at its county's opinion, the others waiting for their operators.
  const current = await open(year, shipped!.id);
  const [first] = await entriesOf(current.id);
  await handIn(first!.id, first!.name, year);
}
