import type { Db, DbOrTx, Tx } from '../../db/client.ts';
import type { Actor } from '../../shared/actor.ts';
import type { AuditContext } from '../../shared/audit-context.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import * as audit from '../audit/index.ts';
import { standingCallInTx } from '../calls/index.ts';
import { ensureShippedChain } from '../chains/index.ts';
import { endFilingInTx, filingToRevoke, restoreFilingInTx } from '../filings/index.ts';
import {
  createSubmissionInTx,
  notifyApplicant,
  notifyStageWorkers,
  requireSubmissionFacts,
  transitionInTx,
  type FinalApproval,
  type FinalReversal,
} from '../workflow/index.ts';
import { REVOCATION_CHAIN, REVOCATION_CITY_CHAIN, REVOCATION_KIND } from './chain.ts';
import { can, decides, type RevocationAction } from './policy.ts';
import * as repo from './repository.ts';
import type { Evidence, FilingLevel, ProposalStatus, RevocationGround } from './schema.ts';
import { beijingYear } from '../../shared/beijing-time.ts';

export { REVOCATION_KIND };
const NOT_FOUND = { zh: '撤销建议不存在', en: 'No such revocation proposal' };

/** The ground in the words of the notices, the public list and the space's history. */
export const GROUND_NAMES: Record<RevocationGround, { zh: string; en: string }> = {
  two_failing_years: { zh: '连续两年年度评价不合格', en: 'two consecutive failing evaluation years' },
  two_missed_returns: { zh: '连续两次未按时报送统计报表', en: 'two consecutive missed statistics returns' },
  fraud: { zh: '弄虚作假', en: 'fraud' },
};

/** The shipped revocation chains (the province's and the city's); safe to repeat (run with the other reference data). */
export async function ensureShippedRevocation(db: DbOrTx) {
  await ensureShippedChain(db, REVOCATION_CHAIN);
  await ensureShippedChain(db, REVOCATION_CITY_CHAIN);
}

export interface ProposalInput {
  spaceId: string;
  ground: RevocationGround;
  evidence: Evidence;
  /** The level whose findings ground the proposal (the grades' level): its filing is the one proposed against. */
  level?: FilingLevel | undefined;
}

/**
 * Raises a revocation proposal in the caller's transaction: the returns' due job on a second missed
 * return in a row, a fraud finding, the evaluation when grades are released. It is against the
 * filing of `level` when given (the grades of a city do not touch the provincial title), else the
 * space's provincial filing, else its city one. Idempotent per space, ground and filing level while
 * one is open (the open one is answered, `created: false`); nothing is raised for a space holding no
 * such filing a province or city may revoke. Audited; the proposal then waits in the workbench of
 * the level that gave the filing.
 */
export async function proposeRevocationInTx(tx: Tx, ctx: AuditContext, input: ProposalInput): Promise<{ id: string; created: boolean } | null> {
  const now = new Date();
  await repo.closeNotUpheld(tx, input.spaceId, now);
  const filing = await filingToRevoke(tx, input.spaceId, input.level);
  if (!filing) return null;
  const open = await repo.findOpen(tx, input.spaceId, input.ground, filing.level);
  if (open) return { id: open.id, created: false };
  const row = await repo.insertOpen(tx, { spaceId: input.spaceId, filingId: filing.id, filingLevel: filing.level, ground: input.ground, evidence: input.evidence, raisedBy: ctx.actorUserId ?? null, raisedAt: now });
  // A concurrent raise of the same ground won the unique index: its proposal stands.
  if (!row) return { id: (await repo.findOpen(tx, input.spaceId, input.ground, filing.level))!.id, created: false };
  await audit.recordInTx(tx, ctx, { action: 'revocation.propose', objectType: 'revocation_proposal', objectId: row.id, detail: { spaceId: input.spaceId, ground: input.ground, filingId: filing.id, level: filing.level, refs: input.evidence.refs.map((r) => `${r.type}:${r.id}`) } });
  return { id: row.id, created: true };
}

/** The proposal with its space when the actor may read it, and may do `action` (403) in the right state (409); 404 out of scope. */
async function loadInScope(db: DbOrTx, actor: Actor, where: { id: string } | { submissionId: string }, action: RevocationAction) {
  const found = await repo.findWithSpace(db, where);
  const subject = found && subjectOf(found);
  if (!found || !can(actor, 'revocation.read', subject)) throw notFound(NOT_FOUND);
  if (!can(actor, action, subject)) {
    if (action !== 'revocation.read' && decides(actor, subject!)) throw new AppError('STATE_CONFLICT', { zh: '该撤销建议已在办理或已办结，不能再次处理', en: 'The proposal is already being handled or closed' });
    throw new AppError('FORBIDDEN');
  }
  return found;
}

const subjectOf = (r: repo.ProposalWithSpace) => ({ spaceRegionPath: r.regionPath, status: r.proposal.status, filingLevel: r.proposal.filingLevel });

const present = (actor: Actor, r: repo.ProposalWithSpace) => {
  const subject = subjectOf(r);
  return {
    id: r.proposal.id,
    space: { id: r.proposal.spaceId, name: r.spaceName, regionName: r.regionName },
    filing: { id: r.proposal.filingId, level: r.proposal.filingLevel },
    ground: r.proposal.ground,
    evidence: r.proposal.evidence,
    status: r.proposal.status,
    submission: r.proposal.submissionId ? { id: r.proposal.submissionId, status: r.submissionStatus!, stageKey: r.stageKey } : null,
    raisedBy: r.proposal.raisedBy,
    raisedAt: r.proposal.raisedAt,
    closedAt: r.proposal.closedAt,
    closedNote: r.proposal.closedNote,
    abilities: { start: can(actor, 'revocation.start', subject), dismiss: can(actor, 'revocation.dismiss', subject) },
  };
};
export type ProposalView = ReturnType<typeof present>;

export async function getProposal(db: DbOrTx, actor: Actor, id: string) {
  return present(actor, await loadInScope(db, actor, { id }, 'revocation.read'));
}

/** The proposal a revocation submission was started from (what its reviewers judge). */
export async function proposalOfSubmission(db: DbOrTx, actor: Actor, submissionId: string) {
  return present(actor, await loadInScope(db, actor, { submissionId }, 'revocation.read'));
}

export interface ListQuery extends repo.ProposalSort {
  page: number;
  pageSize: number;
  status?: ProposalStatus | undefined;
  ground?: RevocationGround | undefined;
  spaceId?: string | undefined;
}

/** The proposals of the actor's jurisdiction, one page: two statements whatever its size. */
export async function listProposals(db: DbOrTx, actor: Actor, q: ListQuery) {
  if (!can(actor, 'revocation.list')) throw new AppError('FORBIDDEN');
  const { rows, total } = await repo.page(db, { withinPath: actor.jurisdictionPath!, status: q.status, ground: q.ground, spaceId: q.spaceId }, q, q.page, q.pageSize);
  return { items: rows.map((r) => present(actor, r)), total, page: q.page, pageSize: q.pageSize };
}

/**
 * The admin of the filing's level starts the revocation of a pending proposal: a submission of kind
 * `revocation` in the standing call of the province (a provincial filing) or of the city (a city
 * filing: the `revocation_city` chain), its chain check → notice → decision, handed in to
 * the first stage with the proposal's evidence, whose workers are told; the operator is told the
 * procedure started and why. One transaction, the proposal locked: two starts give one submission.
 */
export async function startRevocation(db: Db, actor: Actor, ctx: AuditContext, id: string, input: { note?: string | undefined }) {
  const found = await loadInScope(db, actor, { id }, 'revocation.start');
  const [provinceCode, cityCode] = found.regionPath.split('/').slice(1, 3) as [string, string | undefined];
  const byCity = found.proposal.filingLevel === 'city';
  await db.transaction(async (tx) => {
    const proposal = (await repo.lock(tx, id))!;
    if (proposal.status !== 'pending') throw new AppError('MOVED_ON', { zh: '该撤销建议已由他人处理，请刷新', en: 'Someone handled the proposal first; reload' });
    const callId = await standingCallInTx(tx, ctx, {
      kind: REVOCATION_KIND,
      provinceCode,
      ...(byCity ? { cityCode: cityCode ?? provinceCode, chainKey: REVOCATION_CITY_CHAIN.key } : {}),
      titleSuffix: '众创空间撤销备案',
      description: '常设批次：依据年度评价、统计报送和信用记录提出的撤销建议，经核查、公示后审定撤销（002 §四(二)、003 第十条）。',
      year: beijingYear(),
    });
    const draft = await createSubmissionInTx(tx, actor, { kind: REVOCATION_KIND, callId, spaceId: proposal.spaceId, operatorOrgId: found.operatorOrgId });
    const facts = await requireSubmissionFacts(tx, draft.id);
    const first = facts.chain!.stages[0]!;
    const now = new Date();
    await transitionInTx(tx, ctx, actor, draft.id, {
      action: 'submit',
      enterStage: first,
      patch: { submittedAt: now, round: 1 },
      note: input.note?.trim() || null,
      detail: { proposalId: id, ground: proposal.ground },
      handedIn: { ground: proposal.ground, evidence: proposal.evidence.refs.map((r) => r.label) },
    });
    await repo.update(tx, id, { status: 'in_review', submissionId: draft.id });
    await audit.recordInTx(tx, ctx, { action: 'revocation.start', objectType: 'revocation_proposal', objectId: id, detail: { submissionId: draft.id, callId } });
    const moved = await requireSubmissionFacts(tx, draft.id);
    await notifyStageWorkers(tx, moved, first, 'stage.arrived');
    await notifyApplicant(tx, moved, 'revocation.started', { note: GROUND_NAMES[proposal.ground].zh });
  });
  return getProposal(db, actor, id);
}

/** The admin of the filing's level dismisses a pending proposal with a reason (audited); the ground may be raised again later. */
export async function dismissProposal(db: Db, actor: Actor, ctx: AuditContext, id: string, input: { reason: string }) {
  await loadInScope(db, actor, { id }, 'revocation.dismiss');
  const reason = input.reason.trim();
  await db.transaction(async (tx) => {
    const proposal = (await repo.lock(tx, id))!;
    if (proposal.status !== 'pending') throw new AppError('MOVED_ON', { zh: '该撤销建议已由他人处理，请刷新', en: 'Someone handled the proposal first; reload' });
    await repo.update(tx, id, { status: 'dismissed', closedBy: actor.userId, closedAt: new Date(), closedNote: reason });
    await audit.recordInTx(tx, ctx, { action: 'revocation.dismiss', objectType: 'revocation_proposal', objectId: id, detail: { reason } });
  });
  return getProposal(db, actor, id);
}

/** What the filing's end and the public list say: "撤销备案：连续两次未按时报送统计报表". */
const removalOf = (ground: RevocationGround) => `撤销备案：${GROUND_NAMES[ground].zh}`;

/**
 * The kind's effect, in the release's transaction: the proposal's filing ends (struck from the list
 * that gave it, through the filings module), the proposal is closed as revoked, and the operator is
 * told. The 撤销名单 itself is the released list the decision module published.
 */
export async function revokeApprovedInTx(tx: Tx, ctx: AuditContext, { facts, listId }: FinalApproval) {
  const proposal = await repo.findBySubmission(tx, facts.app.id);
  if (!proposal) throw new Error(`revocation ${facts.app.id} has no proposal`);
  const now = new Date();
  const ended = await endFilingInTx(tx, proposal.filingId, removalOf(proposal.ground), now);
  await repo.update(tx, proposal.id, { status: 'revoked', closedAt: now, closedNote: removalOf(proposal.ground) });
  await audit.recordInTx(tx, ctx, { action: 'revocation.revoked', objectType: 'revocation_proposal', objectId: proposal.id, detail: { submissionId: facts.app.id, listId, filingId: proposal.filingId, ended: !!ended } });
  await notifyApplicant(tx, facts, 'revocation.released', { note: GROUND_NAMES[proposal.ground].zh });
}

/** Undoes the revocation when its decision is reversed: the filing is restored and listed again; the proposal is closed as not upheld. */
export async function undoRevocationInTx(tx: Tx, ctx: AuditContext, { facts, reason, at }: FinalReversal) {
  const proposal = await repo.findBySubmission(tx, facts.app.id);
  if (!proposal) return;
  await restoreFilingInTx(tx, proposal.filingId, at);
  await repo.update(tx, proposal.id, { status: 'dismissed', closedAt: at, closedNote: `撤销决定已更正：${reason}` });
  await audit.recordInTx(tx, ctx, { action: 'revocation.reversed', objectType: 'revocation_proposal', objectId: proposal.id, detail: { submissionId: facts.app.id, reason } });
}

/** Every proposal of a space, newest first (the space's timeline). */
export const proposalsOfSpace = (db: DbOrTx, spaceId: string) => repo.ofSpace(db, spaceId);
