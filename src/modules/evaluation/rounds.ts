/**
 * The evaluation round (年度评价, AFTER-FILING §3), the fourth submission kind: a round is a call of
 * kind `evaluation` pinning one of the evaluation chains and a published scheme; opening it creates
 * a draft per space filed in the authority's jurisdiction (of the scheme's category). Each space
 * writes its work summary, confirms the figures drawn from its accepted return and hands it in; the
 * chain's stages (opinion, experts, notice, decision) work on it unchanged; the authority computes
 * the round's scores at once (rank, percentile and quotas need all of them); a grade may be
 * corrected after an upheld objection; the release publishes the grades (`approvedInTx`).
 */
import type { Db, DbOrTx, Tx } from '../../db/client.ts';
import type { Actor } from '../../shared/actor.ts';
import { stageIn } from '../../shared/chains.ts';
import type { ApplicationStatus } from '../../shared/domain.ts';
import { AppError, fieldError, notFound } from '../../shared/errors.ts';
import * as audit from '../audit/index.ts';
import type { AuditContext } from '../audit/index.ts';
import { insertCallInTx } from '../calls/index.ts';
import { findChainVersion, usableChainVersion } from '../chains/index.ts';
import { EVALUATION_KIND } from './chain.ts';
import { invalid } from '../criteria/index.ts';
import { sendInTx } from '../jobs/index.ts';
import { shanghaiDate } from '../documents/index.ts';
import { activeUsersWithRoles } from '../identity/index.ts';
import { notify } from '../notify/index.ts';
import {
  createSubmissionInTx,
  lockSubmissionInTx,
  notifyStageWorkers,
  requireSubmissionFacts,
  actsAtStage,
  staleRevision,
  submissionFacts,
  transitionInTx,
  type FinalApproval,
  type FinalReversal,
  type SubmissionFacts,
} from '../workflow/index.ts';
import { evaluationFiguresOf, filedSpaces, returnFigureLabels } from './figures.ts';
import { canEntry, canRound, type EntryAction } from './policy.ts';
import { gradesReleasedInTx } from './released.ts';
import * as repo from './repository.ts';
import * as rounds from './rounds-repository.ts';
import { GRADE_NAMES, type Grade, type SchemeDefinition } from './scheme.ts';
import { explainItem, MISSED_REASON, scoreRound, type SpaceScore, type Text } from './scoring.ts';
import { emptySections, WorkSummary } from './summary.ts';

export { EVALUATION_KIND };
const ROUND_NOT_FOUND = { zh: '评价轮次不存在', en: 'No such evaluation round' };
const ENTRY_NOT_FOUND = { zh: '年度评价不存在', en: 'No such evaluation' };

export interface OpenRoundInput {
  year: number;
  schemeId: string;
  chainId: string;
  dueAt: Date;
  title?: string | undefined;
}

/**
 * The weighted sheet the round's experts score on: one criterion per expert item of the scheme, in
 * points (0 to the item's cap), weighted by its cap; the weights are whole numbers adding up to 100
 * as the sheet asks. None when the scheme has no expert items.
 */
function sheetOf(scheme: SchemeDefinition) {
  const items = scheme.indicators.filter((i) => i.source.from === 'expert' && i.scoring.kind === 'direct');
  if (!items.length) return null;
  const cap = (i: (typeof items)[number]) => (i.scoring.kind === 'direct' ? i.scoring.cap : 0);
  const sum = items.reduce((s, i) => s + cap(i), 0);
  const weights = items.map((i) => Math.round((cap(i) / sum) * 100));
  weights[weights.length - 1]! += 100 - weights.reduce((s, w) => s + w, 0);
  return items.map((i, n) => ({ key: i.source.from === 'expert' ? i.source.item : i.key, name: i.label, weight: weights[n]!, min: 0, max: cap(i) }));
}

/**
 * An evaluating authority's admin opens the year's round for its jurisdiction: a published call of
 * kind `evaluation` pinning a chain of its level, the scheme (published, its own jurisdiction's,
 * for the year), the experts' sheet from the scheme's expert items, and a draft per space filed in
 * the jurisdiction of the scheme's category; the operators are told in the same transaction.
 */
export async function openEvaluationRound(db: Db, actor: Actor, ctx: AuditContext, input: OpenRoundInput) {
  if (!canRound(actor, 'evaluation_round.open')) throw new AppError('FORBIDDEN');
  if (input.dueAt.getTime() <= Date.now()) throw fieldError('body.dueAt', '截止时间应晚于当前时间', 'the due date must be in the future');
  const scheme = await repo.findScheme(db, input.schemeId);
  if (!scheme || scheme.status !== 'published') throw fieldError('body.schemeId', '评价方案不存在或未发布', 'no such published scheme');
  if (scheme.regionCode !== actor.org.regionCode)
    throw fieldError('body.schemeId', `该评价方案属于${scheme.regionName}，只能用本辖区的评价方案（可复制后发布为本辖区方案）`, `the scheme belongs to ${scheme.regionName}; use one of your own jurisdiction (clone and publish it)`);
  if (scheme.year !== input.year) throw fieldError('body.schemeId', `该评价方案适用于${scheme.year}年度，不适用于${input.year}年度`, `the scheme is for ${scheme.year}, not ${input.year}`);
  const chain = await usableChainVersion(db, actor, EVALUATION_KIND, input.chainId);
  if (!chain || chain.level !== actor.org.authorityLevel)
    throw fieldError('body.chainId', '评价流程不存在、未发布或级别与本单位不一致', 'no such published evaluation chain at your level');
  const twin = await rounds.sameYearRound(db, actor.org.id, input.year, scheme.category);
  if (twin)
    throw new AppError('DUPLICATE', {
      zh: `本单位已开启${input.year}年度的同类评价“${twin.title}”，不能重复开启`,
      en: `An evaluation of ${input.year} for this category is already open ("${twin.title}")`,
      fields: [{ field: 'body.year', message: `${input.year}年度已在“${twin.title}”中评价`, messageEn: `already evaluated in "${twin.title}"` }],
    });
  const enrolled = await filedSpaces(db, actor.jurisdictionPath!, { category: scheme.category, types: scheme.types });
  const title = input.title ?? `${actor.org.regionName}${input.year}年度${scheme.category === 'professional' ? '专业化' : ''}众创空间评价`;
  const sheet = sheetOf(scheme.definition);
  const now = new Date();
  return db.transaction(async (tx) => {
    const call = await insertCallInTx(tx, ctx, {
      kind: EVALUATION_KIND,
      title,
      level: chain.level,
      year: input.year,
      authorityOrgId: actor.org.id,
      regionCode: actor.org.regionCode,
      opensAt: now,
      closesAt: input.dueAt,
      eligibleCategories: [scheme.category],
      materialSlots: [],
      chainId: chain.id,
      status: 'published',
      publishedAt: now,
      createdBy: actor.userId,
    });
    await rounds.insertRound(tx, { callId: call.id, year: input.year, schemeId: scheme.id, createdBy: actor.userId });
    if (sheet) await rounds.insertSheet(tx, { callId: call.id, criteria: sheet, updatedBy: actor.userId });
    const rows: Parameters<typeof rounds.insertEntries>[1] = [];
    for (const s of enrolled) {
      const draft = await createSubmissionInTx(tx, actor, { kind: EVALUATION_KIND, callId: call.id, spaceId: s.id, operatorOrgId: s.operatorOrgId });
      rows.push({ submissionId: draft.id, callId: call.id, spaceId: s.id });
    }
    await rounds.insertEntries(tx, rows);
    // At the deadline the drafts left are 应评未评 (missed.ts).
    await sendInTx(tx, 'evaluation.due', { callId: call.id }, { startAfter: input.dueAt });
    await audit.recordInTx(tx, ctx, { action: 'evaluation_round.open', objectType: 'call', objectId: call.id, detail: { year: input.year, schemeId: scheme.id, chainId: chain.id, enrolled: rows.length } });
    const people = await activeUsersWithRoles(tx, [...new Set(enrolled.map((s) => s.operatorOrgId))], ['operator_admin', 'operator_staff']);
    await notify(tx, people.map((p) => p.id), { title: '请参加年度评价', body: `“${title}”已开始，请于${shanghaiDate(input.dueAt)}前提交年度工作总结并确认统计数据。`, link: '/app/evaluation' });
    return { id: call.id, title, enrolled: rows.length };
  });
}

/** The states of an evaluation in the order of its life, for the round's progress. */
const STATE_ORDER: readonly string[] = ['draft', 'submitted', 'in_review', 'returned', 'in_public_notice', 'rejected', 'filed', 'withdrawn', 'cancelled_for_fraud'];

const emptyDistribution = () => ({ excellent: 0, good: 0, pass: 0, fail: 0, unscored: 0 });

/** The rounds in line with the actor's jurisdiction, each with its entries counted by grade within that jurisdiction. Three statements. */
export async function listEvaluationRounds(db: DbOrTx, actor: Actor, page: { page: number; pageSize: number }) {
  if (!canRound(actor, 'evaluation_round.read')) throw new AppError('FORBIDDEN');
  const { items, total } = await rounds.roundsInLine(db, actor.jurisdictionPath!, page);
  const counts = await rounds.gradeCounts(db, items.map((i) => i.call.id), actor.jurisdictionPath!);
  const byCall = new Map(items.map((i) => [i.call.id, emptyDistribution()]));
  for (const c of counts) byCall.get(c.callId)![c.grade ?? 'unscored'] += c.n;
  return { items: items.map((i) => roundView(actor, i, byCall.get(i.call.id)!)), total, page: page.page, pageSize: page.pageSize };
}

const roundView = (actor: Actor, r: rounds.RoundWithCall, distribution: ReturnType<typeof emptyDistribution>) => ({
  id: r.call.id,
  title: r.call.title,
  year: r.round.year,
  category: r.category,
  scheme: { id: r.round.schemeId, title: r.schemeTitle },
  authorityName: r.authorityName,
  dueAt: r.call.closesAt,
  scoredAt: r.round.scoredAt,
  own: r.call.authorityOrgId === actor.org.id,
  distribution,
  abilities: { manage: canRound(actor, 'evaluation_round.manage', { authorityOrgId: r.call.authorityOrgId, regionPath: r.regionPath }) },
});

async function roundInSight(db: DbOrTx, actor: Actor, callId: string) {
  const r = await rounds.findRound(db, callId);
  if (!r || !canRound(actor, 'evaluation_round.read', { authorityOrgId: r.call.authorityOrgId, regionPath: r.regionPath })) throw notFound(ROUND_NOT_FOUND);
  return r;
}

/** How each item's points came about, in the report's words, for one entry's score. */
function explanation(scheme: SchemeDefinition, score: SpaceScore | null) {
  if (!score) return null;
  const indicators = new Map(scheme.indicators.map((i) => [i.key, i]));
  const bonus = new Map(scheme.bonus.map((i) => [i.key, i]));
  const line = (item: Parameters<typeof explainItem>[0] | undefined, s: SpaceScore['items'][number]) => ({ key: s.key, dimension: s.dimension, value: s.value, points: s.points, text: item ? explainItem(item, s) : { zh: s.key, en: s.key } });
  return {
    items: score.items.map((s) => line(indicators.get(s.key), s)),
    bonus: score.bonus.map((s) => line(bonus.get(s.key), s)),
    indicatorPoints: score.indicatorPoints,
    bonusPoints: score.bonusPoints,
    total: score.total,
    vetoes: score.vetoes,
    missingReturn: score.missingReturn,
  };
}

/**
 * One page of a round's entries within the actor's jurisdiction, sorted and filtered by grade in
 * SQL, each with its score explained item by item, the round's grade distribution and its entries by
 * state (how many handed in, at which state, how many 应评未评; one grouped statement for both). Four statements.
 */
export async function evaluationRoundEntries(
  db: DbOrTx,
  actor: Actor,
  callId: string,
  q: { page: number; pageSize: number; grade?: Grade | undefined; sort?: (typeof rounds.ENTRY_SORTS)[number] | undefined; order?: 'asc' | 'desc' | undefined },
) {
  const r = await roundInSight(db, actor, callId);
  const path = actor.jurisdictionPath!;
  const [page, counts, scheme] = await Promise.all([rounds.entriesPage(db, callId, path, q), rounds.stateCounts(db, callId, path), repo.findScheme(db, r.round.schemeId)]);
  const distribution = emptyDistribution();
  const states = new Map<ApplicationStatus, { status: ApplicationStatus; count: number; missed: number }>();
  for (const c of counts) {
    distribution[c.grade ?? 'unscored'] += c.n;
    const state = states.get(c.status) ?? states.set(c.status, { status: c.status, count: 0, missed: 0 }).get(c.status)!;
    state.count += c.n;
    state.missed += c.missed;
  }
  const byStatus = [...states.values()].sort((a, b) => STATE_ORDER.indexOf(a.status) - STATE_ORDER.indexOf(b.status));
  return {
    round: roundView(actor, r, distribution),
    byStatus,
    items: page.items.map((i) => ({
      id: i.entry.submissionId,
      space: { id: i.entry.spaceId, name: i.spaceName, regionName: i.regionName },
      status: i.status,
      stageKey: i.stageKey,
      summaryDone: emptySections(i.entry.summary).length === 0,
      figuresConfirmed: !!i.entry.figuresConfirmedAt,
      total: i.entry.total,
      grade: i.entry.grade,
      gradeReason: i.entry.gradeReason,
      gradeCorrected: i.entry.gradeCorrected,
      missed: !!i.entry.missedAt,
      score: explanation(scheme!.definition, i.entry.score),
    })),
    total: page.total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/**
 * Scores the whole round at once under its scheme (rank, percentile and quotas need every space):
 * the figures of the year for all its spaces, the experts' mean points per item from the chain's
 * expert stage, then `scoreRound`; each entry keeps its score, total, grade and reason. A grade
 * corrected after an upheld objection stays. The round's authority may run it again until release.
 */
export async function computeRoundScores(db: Db, actor: Actor, ctx: AuditContext, callId: string) {
  const r = await roundInSight(db, actor, callId);
  if (!canRound(actor, 'evaluation_round.manage', { authorityOrgId: r.call.authorityOrgId, regionPath: r.regionPath })) throw new AppError('FORBIDDEN');
  const scheme = (await repo.findScheme(db, r.round.schemeId))!;
  const entries = await rounds.roundEntries(db, callId);
  const expertStage = (await findChainVersion(db, r.call.chainId!))?.stages.find((s) => s.kind === 'expert');
  const [figures, means] = await Promise.all([
    evaluationFiguresOf(db, { spaceIds: entries.map((e) => e.spaceId), year: r.round.year }),
    expertStage ? rounds.expertMeans(db, entries.map((e) => e.submissionId), expertStage.key) : Promise.resolve([]),
  ]);
  const expertBySubmission = new Map<string, Record<string, number>>();
  for (const m of means) expertBySubmission.set(m.id, { ...expertBySubmission.get(m.id), [m.key]: Math.round(m.mean * 100) / 100 });
  const submissionOf = new Map(entries.map((e) => [e.spaceId, e.submissionId]));
  const missed = new Set(entries.filter((e) => e.missedAt).map((e) => e.spaceId));
  const scores = scoreRound(scheme.definition, figures.map((f) => ({ ...f, expert: expertBySubmission.get(submissionOf.get(f.spaceId)!) ?? {}, missed: missed.has(f.spaceId) })));
  const distribution = emptyDistribution();
  await db.transaction(async (tx) => {
    await rounds.setScores(tx, scores.map((s) => ({ submissionId: submissionOf.get(s.spaceId)!, score: s, total: s.total, grade: s.grade, gradeReason: s.gradeReason })));
    await rounds.markScored(tx, callId);
    await audit.recordInTx(tx, ctx, { action: 'evaluation_round.score', objectType: 'call', objectId: callId, detail: { scored: scores.length } });
  });
  for (const s of scores) distribution[s.grade] += 1;
  return { scored: scores.length, distribution };
}

interface LoadedEntry {
  facts: SubmissionFacts;
  entry: rounds.EntryRow;
  round: rounds.RoundWithCall;
}

/** The entry when the actor may read it, with `action` checked: 404 out of sight, 409 in a state that allows no change, 403 refused. */
async function loadEntry(db: DbOrTx, actor: Actor, id: string, action: EntryAction): Promise<LoadedEntry> {
  const facts = await submissionFacts(db, id);
  if (!facts || facts.app.kind !== EVALUATION_KIND) throw notFound(ENTRY_NOT_FOUND);
  const subject = { operatorOrgId: facts.app.operatorOrgId, spaceRegionPath: facts.space.regionPath, status: facts.app.status };
  if (!canEntry(actor, 'evaluation.read', subject)) throw notFound(ENTRY_NOT_FOUND);
  if (!canEntry(actor, action, subject)) {
    if (canEntry(actor, action)) throw new AppError('NOT_EDITABLE', { zh: '年度评价已提交，不能修改', en: 'The evaluation is handed in; it cannot be changed' });
    throw new AppError('FORBIDDEN');
  }
  const [entry, round] = await Promise.all([rounds.findEntry(db, id), rounds.findRound(db, facts.call.id)]);
  if (!entry || !round) throw notFound(ENTRY_NOT_FOUND);
  return { facts, entry, round };
}

/** One evaluation as its operator and the governing staff see it: summary, the figures drawn, opinion, score explained, grade. */
export async function getEvaluation(db: DbOrTx, actor: Actor, id: string) {
  const { facts, entry, round } = await loadEntry(db, actor, id, 'evaluation.read');
  const [[figures], scheme, labels] = await Promise.all([
    evaluationFiguresOf(db, { spaceIds: [entry.spaceId], year: round.round.year }),
    repo.findScheme(db, round.round.schemeId),
    returnFigureLabels(db, entry.spaceId, round.round.year),
  ]);
  const stage = facts.stage;
  const subject = { operatorOrgId: facts.app.operatorOrgId, spaceRegionPath: facts.space.regionPath, status: facts.app.status };
  const manage = canRound(actor, 'evaluation_round.manage', { authorityOrgId: round.call.authorityOrgId, regionPath: round.regionPath });
  return {
    id,
    status: facts.app.status,
    stage: stage ? { key: stage.key, kind: stage.kind, name: stage.name, nameEn: stage.nameEn } : null,
    revision: entry.revision,
    year: round.round.year,
    space: { id: facts.space.id, name: facts.space.name, regionName: facts.space.regionName },
    call: { id: facts.call.id, title: facts.call.title, dueAt: facts.call.closesAt, authorityName: facts.call.authorityName },
    scheme: { id: round.round.schemeId, title: round.schemeTitle },
    summary: entry.summary,
    figures: { returnValues: figures!.returnValues, labels, platform: figures!.platform },
    figuresConfirmedAt: entry.figuresConfirmedAt,
    localOpinion: entry.localOpinion,
    score: explanation(scheme!.definition, entry.score),
    grade: entry.grade,
    gradeReason: entry.gradeReason,
    gradeCorrected: entry.gradeCorrected,
    missedAt: entry.missedAt,
    abilities: {
      edit: canEntry(actor, 'evaluation.edit', subject),
      opinion: !!stage && stage.kind === 'review' && actsAtStage(actor, stage, { regionPath: facts.space.regionPath, callAuthorityId: facts.call.authorityOrgId }),
      correctGrade: manage && !!entry.grade && facts.app.status !== 'filed',
    },
  };
}

/** The operator's evaluations, every round. */
export async function myEvaluations(db: DbOrTx, actor: Actor) {
  if (!canEntry(actor, 'evaluation.list_mine')) throw new AppError('FORBIDDEN');
  const rows = await rounds.entriesOfOperator(db, actor.org.id);
  return {
    items: rows.map((r) => ({
      id: r.entry.submissionId,
      year: r.year,
      status: r.status,
      space: { id: r.entry.spaceId, name: r.spaceName },
      call: { id: r.entry.callId, title: r.title, dueAt: r.dueAt },
      summaryDone: emptySections(r.entry.summary).length === 0,
      figuresConfirmed: !!r.entry.figuresConfirmedAt,
      // The grade is the operator's once published (a released list): before, it may still change.
      grade: r.status === 'filed' ? r.entry.grade : null,
    })),
  };
}

/** Saves the operator's work summary (the whole outline) while editable; a stale revision is 409 and changes nothing. */
export async function saveSummary(db: Db, actor: Actor, ctx: AuditContext, id: string, input: { revision: number; summary: unknown }) {
  await loadEntry(db, actor, id, 'evaluation.edit');
  const parsed = WorkSummary.safeParse(input.summary);
  if (!parsed.success) throw invalid(parsed.error, 'body.summary', input.summary);
  await db.transaction(async (tx) => {
    const saved = await rounds.updateEntryIf(tx, id, input.revision, { summary: parsed.data, updatedBy: actor.userId });
    if (!saved) throw staleRevision((await rounds.findEntry(tx, id))!.revision, input.revision);
    await audit.recordInTx(tx, ctx, { action: 'evaluation.save_summary', objectType: 'evaluation', objectId: id, detail: { revision: saved.revision, filled: 6 - emptySections(saved.summary).length } });
  });
  return getEvaluation(db, actor, id);
}

/** The operator confirms the figures drawn from its accepted return (or that it has none: 应评未评 is then explained). */
export async function confirmFigures(db: Db, actor: Actor, ctx: AuditContext, id: string, input: { revision: number }) {
  await loadEntry(db, actor, id, 'evaluation.edit');
  await db.transaction(async (tx) => {
    const now = new Date();
    const saved = await rounds.updateEntryIf(tx, id, input.revision, { figuresConfirmedAt: now, figuresConfirmedBy: actor.userId, updatedBy: actor.userId });
    if (!saved) throw staleRevision((await rounds.findEntry(tx, id))!.revision, input.revision);
    await audit.recordInTx(tx, ctx, { action: 'evaluation.confirm_figures', objectType: 'evaluation', objectId: id, detail: { revision: saved.revision } });
  });
  return getEvaluation(db, actor, id);
}

/**
 * Hands the evaluation in (or in again after a return for revision): every section of the summary
 * written and the figures confirmed, else 400 naming each missing field; then it moves through
 * the round's chain like any submission.
 */
export async function submitEvaluation(db: Db, actor: Actor, ctx: AuditContext, id: string, input: { revision: number }) {
  const { facts, entry } = await loadEntry(db, actor, id, 'evaluation.edit');
  if (entry.revision !== input.revision) throw staleRevision(entry.revision, input.revision);
  if (facts.app.status === 'draft' && Date.now() >= facts.call.closesAt.getTime())
    throw new AppError('WINDOW_CLOSED', { zh: `提交已于${shanghaiDate(facts.call.closesAt)}截止`, en: `Submission closed on ${shanghaiDate(facts.call.closesAt)}` });
  const missing = [
    ...emptySections(entry.summary).map((s) => ({ field: `summary.${s.key}`, message: `请填写“${s.label}”`, messageEn: `write "${s.labelEn}"` })),
    ...(entry.figuresConfirmedAt ? [] : [{ field: 'figuresConfirmed', message: '请先确认统计数据', messageEn: 'confirm the figures first' }]),
  ];
  if (missing.length)
    throw new AppError('VALIDATION_FAILED', { zh: `年度评价未填写完整，不能提交：${missing.map((m) => m.message).join('；')}`, en: `Incomplete: ${missing.map((m) => m.messageEn).join('; ')}`, fields: missing });
  const action = facts.app.status === 'returned' ? 'resubmit' : 'submit';
  const chain = facts.chain!;
  await db.transaction(async (tx) => {
    const stage = action === 'submit' ? chain.stages[0]! : stageIn(chain, facts.app.stageKey!)!;
    await transitionInTx(tx, ctx, actor, id, {
      action,
      enterStage: stage,
      patch: action === 'submit' ? { submittedAt: new Date(), round: facts.app.round + 1 } : { round: facts.app.round + 1, resubmitDueAt: null },
      handedIn: { summary: entry.summary },
    });
    // After the transition's lock: a concurrent save waits, then finds it handed in.
    if (!(await rounds.updateEntryIf(tx, id, input.revision, { updatedBy: actor.userId }))) throw staleRevision(entry.revision, input.revision);
    await notifyStageWorkers(tx, await requireSubmissionFacts(tx, id), stage, action === 'submit' ? 'stage.arrived' : 'stage.resubmitted');
  });
  return getEvaluation(db, actor, id);
}

/**
 * The local authority's opinion (地方主管部门意见), written by those who work the chain's review
 * stage while the evaluation stands there; the stage is then passed through the review module as
 * any other.
 */
export async function setLocalOpinion(db: Db, actor: Actor, ctx: AuditContext, id: string, input: { opinion: string }) {
  const { facts } = await loadEntry(db, actor, id, 'evaluation.read');
  const stage = facts.stage;
  if (!stage || !actsAtStage(actor, stage, { regionPath: facts.space.regionPath, callAuthorityId: facts.call.authorityOrgId })) throw new AppError('FORBIDDEN');
  if (stage.kind !== 'review' || (facts.app.status !== 'in_review' && facts.app.status !== 'submitted'))
    throw new AppError('STATE_CONFLICT', { zh: '只有在意见环节才能填写地方主管部门意见', en: 'The opinion is given at the opinion stage only' });
  const opinion = input.opinion.trim();
  await db.transaction(async (tx) => {
    await lockSubmissionInTx(tx, id);
    await rounds.setEntry(tx, id, { localOpinion: opinion, localOpinionBy: actor.userId });
    await audit.recordInTx(tx, ctx, { action: 'evaluation.opinion', objectType: 'evaluation', objectId: id, detail: { stage: stage.key, length: opinion.length } });
  });
  return getEvaluation(db, actor, id);
}

/**
 * The round's authority sets a corrected grade after an objection to it was upheld (异议成立): the
 * notice module blocked the evaluation at the notice; the correction, with its reason, reinstates
 * it at the stage after the notice, so it is released with the others carrying the corrected grade.
 * Anything else — no upheld objection, not blocked at the notice — is 409, and nothing changes.
 */
export async function correctGrade(db: Db, actor: Actor, ctx: AuditContext, id: string, input: { grade: Grade; reason: string }) {
  const { facts, entry, round } = await loadEntry(db, actor, id, 'evaluation.read');
  if (!canRound(actor, 'evaluation_round.manage', { authorityOrgId: round.call.authorityOrgId, regionPath: round.regionPath })) throw new AppError('FORBIDDEN');
  const chain = facts.chain!;
  const noticeIndex = chain.stages.findIndex((s) => s.kind === 'notice');
  const upheld = noticeIndex >= 0 ? await rounds.upheldObjection(db, id) : undefined;
  if (!entry.grade || facts.app.status !== 'rejected' || !upheld || facts.app.stageKey !== chain.stages[noticeIndex]!.key)
    throw new AppError('STATE_CONFLICT', {
      zh: '只有公示期间异议成立、已被暂停的评价结果才能更正等次',
      en: 'A grade is corrected only after an objection to it was upheld during the notice',
    });
  const reason = input.reason.trim();
  const name = GRADE_NAMES[input.grade];
  const gradeReason: Text = { zh: `异议成立，等次更正为${name.zh}：${reason}`, en: `objection upheld, grade corrected to ${name.en}: ${reason}` };
  await db.transaction(async (tx) => {
    await transitionInTx(tx, ctx, actor, id, {
      action: 'reinstate',
      atStage: facts.app.stageKey,
      enterStage: chain.stages[noticeIndex + 1]!,
      auditAction: 'evaluation.correct_grade',
      note: reason,
      detail: { from: entry.grade, to: input.grade, objectionId: upheld },
    });
    await rounds.setEntry(tx, id, { grade: input.grade, gradeReason, gradeCorrected: true });
    await notifyStageWorkers(tx, await requireSubmissionFacts(tx, id), chain.stages[noticeIndex + 1]!, 'stage.arrived');
  });
  return getEvaluation(db, actor, id);
}

/**
 * The kind's effect of a released final approval: the entry's grade is published for the space,
 * the year and the list's level, with the list it was published on; the listeners (revocation)
 * follow in the same transaction. An entry never scored cannot be published, but one 应评未评 is
 * published 不合格 where the scheme says so.
 */
export async function publishGradeInTx(tx: Tx, approval: FinalApproval) {
  let entry = await rounds.findEntry(tx, approval.facts.app.id);
  const round = await rounds.findRound(tx, approval.facts.call.id);
  // 应评未评 and never scored: graded 不合格 at release where the scheme says so.
  if (entry && !entry.grade && entry.missedAt && round && (await repo.findScheme(tx, round.round.schemeId))?.definition.missingReturnFails) {
    await rounds.setEntry(tx, entry.submissionId, { grade: 'fail', gradeReason: MISSED_REASON });
    entry = { ...entry, grade: 'fail', gradeReason: MISSED_REASON };
  }
  if (!entry?.grade || !entry.gradeReason || !round)
    throw new AppError('STATE_CONFLICT', { zh: `“${approval.facts.space.name}”的评价得分尚未计算，不能发布`, en: `${approval.facts.space.name} has not been scored; it cannot be published` });
  await rounds.insertGrade(tx, {
    spaceId: entry.spaceId,
    year: round.round.year,
    level: approval.level,
    grade: entry.grade,
    total: entry.total,
    gradeReason: entry.gradeReason,
    callId: approval.facts.call.id,
    submissionId: entry.submissionId,
    listId: approval.listId,
  });
  await gradesReleasedInTx(tx, { spaceIds: [entry.spaceId], year: round.round.year });
}

/** A reversed release takes the published grade back. */
export const withdrawGradeInTx = (tx: Tx, reversal: FinalReversal) => rounds.deleteGradeOf(tx, reversal.facts.app.id);
