import type { Config } from '../../config.ts';
import type { Db, DbOrTx } from '../../db/client.ts';
import type { Actor } from '../../shared/actor.ts';
import { AppError, fieldError, notFound } from '../../shared/errors.ts';
import { tally } from '../../shared/tally.ts';
import { KEY_INDUSTRIES, type KeyIndustry } from '../../shared/domain.ts';
import * as audit from '../audit/index.ts';
import type { AuditContext } from '../audit/index.ts';
import { authoriseFiles, linkedFileMeta, openLinkedFile } from '../files/index.ts';
import { findSpaceInScope } from '../spaces/index.ts';
import { can, isMaker, readsChallenge, readsSolution, readsSolutionContent, scores, type ChallengeSubject } from './policy.ts';
import * as repo from './repository.ts';
import { CHALLENGE_STATES, type ChallengeState, type IpTerms } from './schema.ts';
import { challengeActionsOf, nextChallengeState, type ChallengeAction } from './transitions.ts';
import { beijingDay } from '../../shared/beijing-time.ts';

const CHALLENGE_NOT_FOUND = { zh: '众包任务不存在', en: 'No such crowd challenge' };
const SOLUTION_NOT_FOUND = { zh: '解决方案不存在', en: 'No such solution' };
const SPACE_NOT_FOUND = { zh: '众创空间不存在', en: 'No such maker space' };

export interface ChallengeInput {
  title: string;
  field: KeyIndustry;
  description: string;
  deliverables: string;
  ipTerms: IpTerms;
  confidentiality: string;
  rewardYuan: number;
  deadline: string;
  panelUserIds: string[];
}

const subjectOf = (r: repo.ChallengeWithSpace, onPanel: boolean): ChallengeSubject => ({ operatorOrgId: r.operatorOrgId, state: r.challenge.state, onPanel });

const presentAward = (a: repo.AwardRow | undefined) =>
  a ? { solutionId: a.solutionId, teamName: a.teamName, rewardYuan: a.rewardYuan, ipTerms: a.ipTerms, note: a.note, awardedAt: a.awardedAt } : null;

function presentChallenge(actor: Actor | null, r: repo.ChallengeWithSpace, award: repo.AwardRow | undefined, onPanel: boolean) {
  const c = r.challenge;
  const manages = !!actor && can(actor, 'crowd.manage', subjectOf(r, onPanel));
  return {
    id: c.id,
    spaceId: c.spaceId,
    spaceName: r.spaceName,
    regionName: r.regionName,
    title: c.title,
    field: c.field,
    description: c.description,
    deliverables: c.deliverables,
    ipTerms: c.ipTerms,
    confidentiality: c.confidentiality,
    rewardYuan: c.rewardYuan,
    deadline: c.deadline,
    state: c.state,
    closeReason: c.closeReason,
    publishedAt: c.publishedAt,
    solutionCount: r.solutions,
    award: presentAward(award),
    revision: c.revision,
    onPanel,
    canManage: manages,
    actions: manages ? challengeActionsOf(c.state) : [],
    canEdit: manages && c.state === 'draft',
    canSubmit: !!actor && can(actor, 'crowd.submit', subjectOf(r, onPanel)) && c.deadline >= beijingDay(),
  };
}
export type ChallengeView = ReturnType<typeof presentChallenge>;

/** The challenge when the actor may read it, with whether the actor sits on its panel; 404 otherwise. */
async function loadChallenge(db: DbOrTx, actor: Actor, id: string) {
  const row = await repo.findChallenge(db, id);
  if (!row) throw notFound(CHALLENGE_NOT_FOUND);
  const onPanel = await repo.onPanel(db, id, actor.userId);
  if (!readsChallenge(actor, subjectOf(row, onPanel))) throw notFound(CHALLENGE_NOT_FOUND);
  return { row, onPanel };
}

async function loadManaged(db: DbOrTx, actor: Actor, id: string) {
  if (!can(actor, 'crowd.manage')) throw new AppError('FORBIDDEN');
  const row = await repo.findChallenge(db, id);
  if (!row || !can(actor, 'crowd.manage', subjectOf(row, false))) throw notFound(CHALLENGE_NOT_FOUND);
  return row;
}

/**
 * The active accounts an operator may put on a panel — experts of the platform's pools and its own
 * members — all of them or those among `userIds`; shared with roadshow and competition calls (pitches).
 */
export const eligiblePanel = (db: DbOrTx, operatorOrgId: string, userIds?: readonly string[]) => repo.panelCandidates(db, operatorOrgId, userIds);

/** The panel the operator chose: every account must be an expert or one of its own members. */
async function checkPanel(db: DbOrTx, operatorOrgId: string, userIds: readonly string[]) {
  const unique = [...new Set(userIds)];
  const found = await eligiblePanel(db, operatorOrgId, unique);
  if (found.length !== unique.length) throw fieldError('body.panelUserIds', '评审组成员应为评审专家或本单位人员', 'panel members are experts or members of the operator');
  return unique;
}

function challengeColumns(input: ChallengeInput) {
  if (input.deadline < beijingDay()) throw fieldError('body.deadline', '截止日期不能早于今天', 'the deadline cannot be in the past');
  return {
    title: input.title.trim(),
    field: input.field,
    description: input.description.trim(),
    deliverables: input.deliverables.trim(),
    ipTerms: input.ipTerms,
    confidentiality: input.confidentiality.trim(),
    rewardYuan: input.rewardYuan,
    deadline: input.deadline,
  };
}

/** The operator's accounts and the experts it may put on a panel. */
export async function panelCandidates(db: Db, actor: Actor) {
  if (!can(actor, 'crowd.manage')) throw new AppError('FORBIDDEN');
  const rows = await repo.panelCandidates(db, actor.org.id);
  return rows.map((r) => ({ userId: r.userId, displayName: r.displayName, orgName: r.orgName, expert: r.roles.includes('expert') }));
}

export interface ChallengeQuery extends repo.ChallengeFilter {
  sort?: repo.ChallengeSort | undefined;
  order?: 'asc' | 'desc' | undefined;
  page: number;
  pageSize: number;
}

async function listChallenges(db: Db, actor: Actor | null, scope: repo.ChallengeScope, q: ChallengeQuery, onPanel: boolean) {
  const { rows, awards, total } = await repo.challenges(db, scope, q, q, q.pageSize, (q.page - 1) * q.pageSize);
  return { items: rows.map((r) => presentChallenge(actor, r, awards.get(r.challenge.id), onPanel)), total, page: q.page, pageSize: q.pageSize };
}

/** The challenges of the operator's spaces, every state. */
export async function listManaged(db: Db, actor: Actor, q: ChallengeQuery) {
  if (!can(actor, 'crowd.manage')) throw new AppError('FORBIDDEN');
  return listChallenges(db, actor, { operatorOrgId: actor.org.id }, q, false);
}

/** The challenges the actor sits on the panel of. */
export async function listPanel(db: Db, actor: Actor, q: ChallengeQuery) {
  if (!can(actor, 'crowd.panel')) throw new AppError('FORBIDDEN');
  return listChallenges(db, actor, { panelUserId: actor.userId }, q, true);
}

/** Published challenges (open, judging, awarded) for signed-in makers: the same as the portal's, with whether one may submit. */
export async function listPublished(db: Db, actor: Actor, q: ChallengeQuery) {
  return listChallenges(db, actor, { states: ['open', 'judging', 'awarded'] }, q, false);
}

/** One challenge with its panel (for the operator and the panel) and the reader's own solution. */
export async function readChallenge(db: Db, actor: Actor, id: string) {
  const { row, onPanel } = await loadChallenge(db, actor, id);
  const manages = can(actor, 'crowd.manage', subjectOf(row, onPanel));
  const [awards, panel, own] = await Promise.all([
    repo.awardsOf(db, [id]),
    manages || onPanel ? repo.panelOf(db, id) : Promise.resolve([]),
    isMaker(actor) ? repo.solutionsOf(db, id, actor.org.id) : Promise.resolve([]),
  ]);
  return {
    ...presentChallenge(actor, row, awards.get(id), onPanel),
    panel: panel.map((p) => ({ userId: p.userId, displayName: p.displayName, orgName: p.orgName })),
    mySolutionId: own[0]?.solution.id ?? null,
  };
}

/** A space's operator drafts a challenge of its host (audited). */
export async function createChallenge(db: Db, actor: Actor, ctx: AuditContext, spaceId: string, input: ChallengeInput) {
  if (!can(actor, 'crowd.manage')) throw new AppError('FORBIDDEN');
  const space = await findSpaceInScope(db, actor, spaceId).catch(() => {
    throw notFound(SPACE_NOT_FOUND);
  });
  if (!can(actor, 'crowd.manage', { operatorOrgId: space.operator.id, state: 'draft', onPanel: false })) throw notFound(SPACE_NOT_FOUND);
  const columns = challengeColumns(input);
  const panel = await checkPanel(db, space.operator.id, input.panelUserIds);
  const id = await db.transaction(async (tx) => {
    const row = await repo.insertChallenge(tx, { spaceId, ...columns, createdBy: actor.userId });
    await repo.setPanel(tx, row.id, panel);
    await audit.recordInTx(tx, ctx, { action: 'crowd.challenge.create', objectType: 'crowd_challenge', objectId: row.id, detail: { spaceId, rewardYuan: row.rewardYuan, panel: panel.length } });
    return row.id;
  });
  return readChallenge(db, actor, id);
}

/** Changes a draft (its terms and panel) under its revision; audited. */
export async function editChallenge(db: Db, actor: Actor, ctx: AuditContext, id: string, input: ChallengeInput & { revision: number }) {
  const row = await loadManaged(db, actor, id);
  const columns = challengeColumns(input);
  const panel = await checkPanel(db, row.operatorOrgId, input.panelUserIds);
  await db.transaction(async (tx) => {
    const locked = (await repo.lockChallenge(tx, id))!;
    if (locked.revision !== input.revision) throw new AppError('STALE_REVISION');
    if (locked.state !== 'draft') throw new AppError('STATE_CONFLICT', { zh: '只有草稿状态的众包任务可以修改', en: 'Only a draft can be edited' });
    await repo.updateChallenge(tx, id, columns);
    await repo.setPanel(tx, id, panel);
    await audit.recordInTx(tx, ctx, { action: 'crowd.challenge.edit', objectType: 'crowd_challenge', objectId: id, detail: { panel: panel.length } });
  });
  return readChallenge(db, actor, id);
}

/**
 * One move of a challenge by its operator, checked against transitions.ts under a row lock at the
 * revision the actor read; the state, its time and the audit row in one transaction.
 */
async function moveChallenge(db: Db, actor: Actor, ctx: AuditContext, id: string, action: Exclude<ChallengeAction, 'award'>, revision: number, reason?: string) {
  await loadManaged(db, actor, id);
  await db.transaction(async (tx) => {
    const locked = (await repo.lockChallenge(tx, id))!;
    if (locked.revision !== revision) throw new AppError('STALE_REVISION');
    const to = nextChallengeState(locked.state, action);
    if (!to) throw new AppError('STATE_CONFLICT', { zh: '该众包任务当前状态下不能执行此操作', en: 'The challenge cannot be moved this way in its current state' });
    if (action === 'publish' && locked.deadline < beijingDay()) throw fieldError('body.revision', '截止日期已过，请先修改截止日期再发布', 'the deadline has passed; change it before publishing');
    const now = new Date();
    const patch: Partial<repo.ChallengeRow> = { state: to, ...(action === 'publish' ? { publishedAt: now } : action === 'judge' ? { judgingAt: now } : { closedAt: now, closeReason: reason ?? null }) };
    await repo.updateChallenge(tx, id, patch);
    // Spelled out, so the audit catalogue (src/modules/audit/actions.ts) knows every code recorded.
    const code = { publish: 'crowd.challenge.publish', judge: 'crowd.challenge.judge', close: 'crowd.challenge.close' }[action];
    await audit.recordInTx(tx, ctx, { action: code, objectType: 'crowd_challenge', objectId: id, detail: { from: locked.state, to, ...(reason ? { reason } : {}) } });
  });
  return readChallenge(db, actor, id);
}

export const publishChallenge = (db: Db, actor: Actor, ctx: AuditContext, id: string, input: { revision: number }) => moveChallenge(db, actor, ctx, id, 'publish', input.revision);
export const startJudging = (db: Db, actor: Actor, ctx: AuditContext, id: string, input: { revision: number }) => moveChallenge(db, actor, ctx, id, 'judge', input.revision);
export const closeChallenge = (db: Db, actor: Actor, ctx: AuditContext, id: string, input: { reason: string; revision: number }) => moveChallenge(db, actor, ctx, id, 'close', input.revision, input.reason.trim());

/**
 * The operator awards one solution of a challenge being judged: the award records the winning
 * team's name, the reward and the challenge's IP terms, which now bind the accepted solution; it is
 * announced on the portal. Audited.
 */
export async function awardChallenge(db: Db, actor: Actor, ctx: AuditContext, id: string, input: { solutionId: string; note?: string | undefined; revision: number }) {
  await loadManaged(db, actor, id);
  const solution = await repo.findSolution(db, input.solutionId);
  if (!solution || solution.solution.challengeId !== id) throw fieldError('body.solutionId', '该任务没有这个解决方案', 'the challenge has no such solution');
  await db.transaction(async (tx) => {
    const locked = (await repo.lockChallenge(tx, id))!;
    if (locked.revision !== input.revision) throw new AppError('STALE_REVISION');
    const to = nextChallengeState(locked.state, 'award');
    if (!to) throw new AppError('STATE_CONFLICT', { zh: '只有评审中的众包任务可以评定奖励', en: 'Only a challenge being judged can be awarded' });
    const now = new Date();
    const award = await repo.insertAward(tx, {
      challengeId: id,
      solutionId: input.solutionId,
      teamName: solution.teamName,
      rewardYuan: locked.rewardYuan,
      ipTerms: locked.ipTerms,
      note: input.note?.trim() || null,
      awardedBy: actor.userId,
      awardedAt: now,
    });
    await repo.updateChallenge(tx, id, { state: to, awardedAt: now });
    await audit.recordInTx(tx, ctx, { action: 'crowd.challenge.award', objectType: 'crowd_challenge', objectId: id, detail: { awardId: award.id, solutionId: input.solutionId, rewardYuan: award.rewardYuan, ipTerms: award.ipTerms } });
  });
  return readChallenge(db, actor, id);
}

// ---- solutions ----

/**
 * A solution as the reader may see it: its outline always; its content (summary, files, the
 * submitting person) only for the team and the panel (`readsSolutionContent`), null otherwise.
 */
function presentSolution(r: repo.SolutionWithTeam, seesScores: boolean, seesContent: boolean) {
  const s = r.solution;
  return {
    id: s.id,
    challengeId: s.challengeId,
    teamName: r.teamName,
    title: s.title,
    submittedAt: s.submittedAt,
    contentVisible: seesContent,
    submitterName: seesContent ? r.submitterName : null,
    summary: seesContent ? s.summary : null,
    fileCount: seesContent ? s.fileIds.length : null,
    averageScore: seesScores && r.averageScore !== null ? Number(r.averageScore) : null,
    scoreCount: seesScores ? r.scoreCount : 0,
  };
}

/** A maker team submits its solution (one per team) to an open challenge before its deadline; audited. */
export async function submitSolution(db: Db, actor: Actor, ctx: AuditContext, challengeId: string, input: { title: string; summary: string; fileIds: string[] }) {
  if (!can(actor, 'crowd.submit')) throw new AppError('FORBIDDEN');
  const { row, onPanel } = await loadChallenge(db, actor, challengeId);
  if (!can(actor, 'crowd.submit', subjectOf(row, onPanel)) || row.challenge.deadline < beijingDay())
    throw new AppError('STATE_CONFLICT', { zh: '该众包任务已截止，不再接收方案', en: 'The challenge no longer takes solutions' });
  await authoriseFiles(db, actor, 'file.attach', input.fileIds).catch(() => {
    throw new AppError('NOT_FOUND', {
      zh: 'body.fileIds：方案文件不存在（请先由本团队上传）',
      en: 'body.fileIds: no such file (upload it from your team first)',
      fields: [{ field: 'body.fileIds', message: '方案文件不存在', messageEn: 'no such file' }],
    });
  });
  const id = await db.transaction(async (tx) => {
    const locked = (await repo.lockChallenge(tx, challengeId))!;
    if (locked.state !== 'open') throw new AppError('STATE_CONFLICT', { zh: '该众包任务已截止，不再接收方案', en: 'The challenge no longer takes solutions' });
    const s = await repo.insertSolution(tx, { challengeId, makerOrgId: actor.org.id, submittedBy: actor.userId, title: input.title.trim(), summary: input.summary.trim(), fileIds: [...new Set(input.fileIds)] });
    if (!s) throw new AppError('CONFLICT', { zh: '本团队已提交过该任务的方案', en: 'Your team has already submitted a solution' });
    await audit.recordInTx(tx, ctx, { action: 'crowd.solution.submit', objectType: 'crowd_solution', objectId: s.id, detail: { challengeId, files: s.fileIds.length } });
    return s.id;
  });
  return readSolution(db, actor, id);
}

/** The solution when the actor may know it (the team, the panel, the operator), with whether it reads the content; 404 otherwise. */
async function loadSolution(db: DbOrTx, actor: Actor, id: string) {
  const solution = await repo.findSolution(db, id);
  if (!solution) throw notFound(SOLUTION_NOT_FOUND);
  const challenge = await repo.findChallenge(db, solution.solution.challengeId);
  const onPanel = await repo.onPanel(db, solution.solution.challengeId, actor.userId);
  const subject = { ...subjectOf(challenge!, onPanel), makerOrgId: solution.solution.makerOrgId };
  if (!readsSolution(actor, subject)) throw notFound(SOLUTION_NOT_FOUND);
  return { solution, challenge: challenge!, onPanel, seesScores: onPanel || can(actor, 'crowd.manage', subject), seesContent: readsSolutionContent(actor, subject) };
}

/** One solution with, for the team and the panel, its files and, for the panel and the operator, every score. */
export async function readSolution(db: Db, actor: Actor, id: string) {
  const { solution, challenge, onPanel, seesScores, seesContent } = await loadSolution(db, actor, id);
  const [files, scoreRows, awards] = await Promise.all([
    seesContent ? linkedFileMeta(db, solution.solution.fileIds) : Promise.resolve(null),
    seesScores ? repo.scoresOf(db, [id]) : Promise.resolve([]),
    repo.awardsOf(db, [challenge.challenge.id]),
  ]);
  const mine = scoreRows.find((s) => s.score.userId === actor.userId);
  return {
    ...presentSolution(solution, seesScores, seesContent),
    challengeTitle: challenge.challenge.title,
    challengeState: challenge.challenge.state,
    awarded: awards.get(challenge.challenge.id)?.solutionId === id,
    files: files?.map((f) => ({ id: f.id, originalName: f.originalName, sizeBytes: f.sizeBytes, mimeType: f.mimeType })) ?? null,
    scores: scoreRows.map((s) => ({ reviewer: s.displayName, score: s.score.score, comment: s.score.comment, scoredAt: s.score.scoredAt })),
    myScore: mine ? { score: mine.score.score, comment: mine.score.comment } : null,
    canScore: scores(subjectOf(challenge, onPanel)),
  };
}

/**
 * The solutions of a challenge: all of them for the panel and the operator (the operator's without
 * their content unless it sits on the panel), the team's own for a maker.
 */
export async function listSolutions(db: Db, actor: Actor, challengeId: string) {
  const { row, onPanel } = await loadChallenge(db, actor, challengeId);
  const subject = subjectOf(row, onPanel);
  const all = onPanel || can(actor, 'crowd.manage', subject);
  if (!all && !isMaker(actor)) return { items: [] };
  const rows = await repo.solutionsOf(db, challengeId, all ? undefined : actor.org.id);
  return { items: rows.map((r) => presentSolution(r, all, readsSolutionContent(actor, { ...subject, makerOrgId: r.solution.makerOrgId }))) };
}

/** The maker team's own solutions across challenges. */
export async function mySolutions(db: Db, actor: Actor) {
  if (!can(actor, 'crowd.submit')) throw new AppError('FORBIDDEN');
  const rows = await repo.solutionsOfTeam(db, actor.org.id);
  return { items: rows.map((r) => ({ id: r.solution.id, challengeId: r.solution.challengeId, challengeTitle: r.title, challengeState: r.state, spaceName: r.spaceName, title: r.solution.title, submittedAt: r.solution.submittedAt, awarded: r.awarded })) };
}

/** A panel member scores a solution 0–100 with a comment while the challenge is judged; a second score replaces the first. Audited. */
export async function scoreSolution(db: Db, actor: Actor, ctx: AuditContext, id: string, input: { score: number; comment?: string | undefined }) {
  const { challenge, onPanel } = await loadSolution(db, actor, id);
  if (!onPanel) throw notFound(SOLUTION_NOT_FOUND);
  if (!scores(subjectOf(challenge, onPanel))) throw new AppError('STATE_CONFLICT', { zh: '众包任务进入评审后才能评分，评定奖励后不能再改', en: 'Scores are given while the challenge is judged' });
  await db.transaction(async (tx) => {
    const locked = (await repo.lockChallenge(tx, challenge.challenge.id))!;
    if (locked.state !== 'judging') throw new AppError('MOVED_ON');
    await repo.upsertScore(tx, { solutionId: id, userId: actor.userId, score: input.score, comment: input.comment?.trim() || null });
    await audit.recordInTx(tx, ctx, { action: 'crowd.solution.score', objectType: 'crowd_solution', objectId: id, detail: { challengeId: locked.id, score: input.score } });
  });
  return readSolution(db, actor, id);
}

/**
 * A solution's file, for those who read its content (the team, the panel); the opening is audited
 * with it. The operator off the panel gets the same 404 as for a file the solution does not have.
 */
export async function openSolutionFile(db: Db, config: Config, ctx: AuditContext, actor: Actor, id: string, fileId: string) {
  const { solution, seesContent } = await loadSolution(db, actor, id);
  if (!seesContent || !solution.solution.fileIds.includes(fileId)) throw notFound({ zh: '该方案没有这个文件', en: 'The solution has no such file' });
  return openLinkedFile(db, config, ctx, fileId, { objectType: 'crowd_solution', objectId: id });
}

// ---- the portal ----

/** Published challenges for anyone: open ones and the results (no solution, no person named). */
export async function publicChallenges(db: Db, q: ChallengeQuery & { state?: ChallengeState | undefined }) {
  const states: ChallengeState[] = q.state && ['open', 'judging', 'awarded'].includes(q.state) ? [q.state] : ['open', 'judging', 'awarded'];
  return listChallenges(db, null, { states }, { ...q, state: undefined }, false);
}

export async function publicChallenge(db: Db, id: string) {
  const row = await repo.findChallenge(db, id);
  if (!row || !['open', 'judging', 'awarded'].includes(row.challenge.state)) throw notFound(CHALLENGE_NOT_FOUND);
  const awards = await repo.awardsOf(db, [id]);
  return presentChallenge(null, row, awards.get(id), false);
}

/**
 * The newest published challenges of one space (open, judging, awarded) for its public page: the
 * challenge's terms and the award's team, reward and IP terms, never a panel, solution or person.
 * Three statements.
 */
export async function publicChallengesOfSpace(db: DbOrTx, spaceId: string, limit = 20) {
  const { rows, awards } = await repo.challenges(db, { states: ['open', 'judging', 'awarded'] }, { spaceId }, {}, limit, 0);
  return rows.map(({ challenge: c, solutions }) => {
    const a = awards.get(c.id);
    return {
      id: c.id,
      title: c.title,
      field: c.field,
      state: c.state,
      rewardYuan: c.rewardYuan,
      deadline: c.deadline,
      ipTerms: c.ipTerms,
      solutionCount: solutions,
      award: a ? { teamName: a.teamName, rewardYuan: a.rewardYuan, ipTerms: a.ipTerms, awardedAt: a.awardedAt } : null,
    };
  });
}

// ---- figures ----

export interface CrowdFigures {
  challengesPublished: number;
  solutionsReceived: number;
  challengesAwarded: number;
  /** 元 */
  rewardsYuan: number;
}

/**
 * A year's crowd challenges per space (Beijing time): published, solutions received, awarded and
 * the rewards awarded (元), one statement for every space (or only `spaceIds`); spaces asked for
 * without challenges have zeros.
 */
export async function crowdFigures(db: DbOrTx, year: number, spaceIds?: readonly string[]): Promise<Map<string, CrowdFigures>> {
  const rows = await repo.yearFigures(db, year, spaceIds);
  const out = new Map<string, CrowdFigures>((spaceIds ?? []).map((id) => [id, { challengesPublished: 0, solutionsReceived: 0, challengesAwarded: 0, rewardsYuan: 0 }]));
  for (const r of rows) out.set(r.spaceId, { challengesPublished: r.published, solutionsReceived: r.solutions, challengesAwarded: r.awarded, rewardsYuan: r.rewardYuan });
  return out;
}

// ---- the authority's view ----

export interface JurisdictionQuery {
  year: number;
  sort?: repo.JurisdictionSort | undefined;
  order?: 'asc' | 'desc' | undefined;
  page: number;
  pageSize: number;
}

/**
 * Crowd work of an authority's jurisdiction in a year: per filed space (a page of them) with the
 * totals, and the year's challenges counted by state and by field over the whole jurisdiction.
 */
export async function jurisdictionCrowd(db: Db, actor: Actor, q: JurisdictionQuery) {
  if (!can(actor, 'crowd.oversee')) throw new AppError('FORBIDDEN');
  const path = actor.jurisdictionPath!;
  const [{ rows, totals }, breakdown] = await Promise.all([repo.jurisdictionFigures(db, path, q.year, q, q.pageSize, (q.page - 1) * q.pageSize), repo.jurisdictionBreakdown(db, path, q.year)]);
  return { items: rows, total: totals.spaces, page: q.page, pageSize: q.pageSize, year: q.year, totals, ...countsBy(breakdown) };
}

/** The breakdown rows summed by state and by field, each in its declared order and only where there are challenges. */
export function countsBy(rows: readonly { state: ChallengeState; field: KeyIndustry; challenges: number; offeredYuan: number }[]) {
  const measures = ['challenges', 'offeredYuan'] as const;
  return {
    byState: tally(CHALLENGE_STATES, rows.map((r) => ({ ...r, key: r.state })), measures).map(({ key, ...v }) => ({ state: key, ...v })),
    byField: tally(KEY_INDUSTRIES, rows.map((r) => ({ ...r, key: r.field })), measures).map(({ key, ...v }) => ({ field: key, ...v })),
  };
}

/** The jurisdiction's challenges of a year (of one of its spaces if asked), each linking to its public page. */
export async function jurisdictionChallenges(db: Db, actor: Actor, q: { year: number; spaceId?: string | undefined; page: number; pageSize: number }) {
  if (!can(actor, 'crowd.oversee')) throw new AppError('FORBIDDEN');
  const { rows, total } = await repo.jurisdictionChallenges(db, actor.jurisdictionPath!, q.year, q.spaceId, q.pageSize, (q.page - 1) * q.pageSize);
  return { items: rows, total, page: q.page, pageSize: q.pageSize };
}
