import type { Db, DbOrTx, Tx } from '../../db/client.ts';
import type { Actor } from '../../shared/actor.ts';
import type { AuditContext } from '../../shared/audit-context.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import type { Sort } from '../../shared/http/sorting.ts';
import { isValidUscc, normaliseUscc } from '../../shared/validation/uscc.ts';
import * as audit from '../audit/index.ts';
import { standingCallInTx } from '../calls/index.ts';
import { ensureShippedChain } from '../chains/index.ts';
import { csvWithBom } from '../documents/index.ts';
import { activeUsersWithRoles } from '../identity/index.ts';
import type { SupportCategory } from '../policies/index.ts';
import {
  createSubmissionInTx,
  notifyStageWorkers,
  requireSubmissionFacts,
  transitionInTx,
  type FinalApproval,
  type SubmissionFacts,
  type SubmissionMove,
} from '../workflow/index.ts';
import { GRANTORS, grantorOf, SUPPORT_CHAINS, SUPPORT_KIND } from './chain.ts';
import { can, grants, type SupportAction, type SupportSubject } from './policy.ts';
import * as repo from './repository.ts';
import type { BeneficiaryRole, PaymentState, SupportStatus } from './schema.ts';
import { beijingDay, beijingYear } from '../../shared/beijing-time.ts';

export { SUPPORT_KIND };
const NOT_FOUND = { zh: '扶持记录不存在', en: 'No such support record' };

/** The shipped disclosure chains, one per kind of grantor; safe to repeat (run with the other reference data). */
export async function ensureShippedSupports(db: DbOrTx) {
  for (const chain of Object.values(SUPPORT_CHAINS)) await ensureShippedChain(db, chain);
}

// ---- listeners of new records (the duplicate checks) -------------------------------------------

export type SupportsRecordedListener = (tx: Tx, ctx: AuditContext, ids: string[]) => Promise<void>;
const recordedListeners: SupportsRecordedListener[] = [];

/**
 * Subscribes to new supports: the listener runs in the recording transaction (one support or a whole
 * import), so what it writes commits or rolls back with them. Registered at the app's wiring by the
 * module that checks for duplicate supports, which the register does not import. Returns the
 * unsubscribe (tests).
 */
export function onSupportsRecorded(listener: SupportsRecordedListener): () => void {
  recordedListeners.push(listener);
  return () => void recordedListeners.splice(recordedListeners.indexOf(listener), 1);
}

async function recordedInTx(tx: Tx, ctx: AuditContext, ids: string[]) {
  for (const listener of recordedListeners) await listener(tx, ctx, ids);
}

// ---- input ---------------------------------------------------------------------------------------

export interface SupportInput {
  policyId: string;
  supportItemId: string;
  category: SupportCategory;
  beneficiaryUscc: string;
  beneficiaryName: string;
  beneficiaryRole: BeneficiaryRole;
  spaceId: string;
  projectTitle: string;
  projectCode?: string | null | undefined;
  periodFrom: string;
  periodTo: string;
  invoiceNos?: string[] | undefined;
  contractNos?: string[] | undefined;
  areaM2?: number | null | undefined;
  months?: number | null | undefined;
  amountYuan: number;
  grantedOn: string;
  paymentState?: PaymentState | undefined;
}
export type SupportField = keyof SupportInput;

/** One problem of one input (its index in the batch, the field), in Chinese and English. */
export interface InputProblem {
  index: number;
  field: SupportField;
  zh: string;
  en: string;
}

/** Invoice and contract numbers as compared across supports: trimmed, upper case, inner blanks dropped, each once. */
export const normaliseNos = (nos: readonly string[] | undefined) => [...new Set((nos ?? []).map((n) => n.replace(/\s+/g, '').toUpperCase()).filter(Boolean))];

/**
 * Checks a batch of inputs against the database in a fixed number of statements (support items
 * with their policies, spaces with their filing, operator and hosts, organisations by USCC) and
 * answers the rows to insert, or every problem found. The space must be filed and inside the
 * grantor's jurisdiction (the national department's holds every space); the support item must
 * belong to the policy, which must be published and in force, and give the category recorded; an
 * operator or host beneficiary must be the space's own by USCC.
 */
export async function prepareInputs(db: DbOrTx, actor: Actor, inputs: readonly SupportInput[]): Promise<{ rows: repo.NewSupport[]; problems: InputProblem[] }> {
  const root = actor.jurisdictionPath!;
  const usccs = inputs.map((i) => normaliseUscc(i.beneficiaryUscc));
  const [items, spaceRows, orgIds] = await Promise.all([
    repo.supportItems(db, [...new Set(inputs.map((i) => i.supportItemId))]),
    repo.spaceFacts(db, [...new Set(inputs.map((i) => i.spaceId))]),
    repo.orgsByUscc(db, [...new Set(usccs.filter(isValidUscc))]),
  ]);
  const itemsById = new Map(items.map((i) => [i.id, i]));
  const spacesById = new Map(spaceRows.map((s) => [s.id, s]));
  const problems: InputProblem[] = [];
  const rows: repo.NewSupport[] = [];
  inputs.forEach((input, index) => {
    const bad = (field: SupportField, zh: string, en: string) => problems.push({ index, field, zh, en });
    const item = itemsById.get(input.supportItemId);
    if (!item || item.policyId !== input.policyId) bad('supportItemId', '扶持事项不存在或不属于所选政策', 'no such support item in the policy');
    else if (item.policyStatus !== 'published' || item.validity !== 'effective') bad('policyId', `政策《${item.policyTitle}》未发布或已失效，不能作为扶持依据`, 'the policy is not published or no longer in force');
    else if (item.category !== input.category) bad('category', '扶持类别与政策扶持事项的类别不一致', 'the category differs from the support item’s');
    const uscc = usccs[index]!;
    if (!isValidUscc(uscc)) bad('beneficiaryUscc', '统一社会信用代码无效（18 位，校验位不符）', 'not a valid USCC (18 characters with its check character)');
    const space = spacesById.get(input.spaceId);
    if (!space || !space.filed || !(space.regionPath === root || space.regionPath.startsWith(`${root}/`))) bad('spaceId', '众创空间不存在、未备案或不在本单位辖区内', 'no filed space of that id in your jurisdiction');
    else if (isValidUscc(uscc)) {
      if (input.beneficiaryRole === 'operator' && space.operatorUscc && space.operatorUscc !== uscc)
        bad('beneficiaryUscc', `与该众创空间运营主体的统一社会信用代码（${space.operatorUscc}）不一致`, 'not the USCC of the space’s operator');
      if (input.beneficiaryRole === 'host' && space.hostUsccs.length && !space.hostUsccs.includes(uscc))
        bad('beneficiaryUscc', '不是该众创空间建设（依托）主体的统一社会信用代码', 'not the USCC of one of the space’s hosts');
    }
    if (input.periodFrom > input.periodTo) bad('periodTo', '扶持期间的结束日期不能早于开始日期', 'the period ends before it starts');
    if ((input.areaM2 == null) !== (input.months == null)) bad(input.areaM2 == null ? 'areaM2' : 'months', '面积与月数须同时填写（面积 × 月数）', 'area and months go together (m² × months)');
    if (space && item && item.policyId === input.policyId && !problems.some((p) => p.index === index))
      rows.push({
        grantorOrgId: actor.org.id,
        grantorRegionCode: actor.org.regionCode,
        policyId: input.policyId,
        supportItemId: input.supportItemId,
        category: input.category,
        beneficiaryUscc: uscc,
        beneficiaryName: input.beneficiaryName.trim(),
        beneficiaryRole: input.beneficiaryRole,
        beneficiaryOrgId: orgIds.get(uscc) ?? null,
        spaceId: space.id,
        regionCode: space.regionCode,
        projectTitle: input.projectTitle.trim(),
        projectCode: input.projectCode?.trim() || null,
        periodFrom: input.periodFrom,
        periodTo: input.periodTo,
        invoiceNos: normaliseNos(input.invoiceNos),
        contractNos: normaliseNos(input.contractNos),
        areaM2: input.areaM2 == null ? null : input.areaM2.toFixed(2),
        months: input.months ?? null,
        amountYuan: input.amountYuan.toFixed(2),
        grantedOn: input.grantedOn,
        paymentState: input.paymentState ?? 'planned',
        createdBy: actor.userId,
      });
  });
  return { rows, problems };
}

/** The problems of one input as a 400 naming each field (`body.spaceId`). */
function refuse(problems: InputProblem[]): never {
  const first = problems[0]!;
  throw new AppError('VALIDATION_FAILED', {
    zh: `body.${first.field}：${first.zh}`,
    en: `body.${first.field}: ${first.en}`,
    fields: problems.map((p) => ({ field: `body.${p.field}`, message: p.zh, messageEn: p.en })),
  });
}

// ---- reading -------------------------------------------------------------------------------------

const subjectOf = (r: repo.SupportListed): SupportSubject => ({ grantorOrgId: r.support.grantorOrgId, regionPath: r.regionPath, status: r.support.status });

const summary = (r: repo.SupportListed) => ({
  id: r.support.id,
  status: r.support.status,
  category: r.support.category,
  grantor: { id: r.support.grantorOrgId, name: r.grantorName },
  policy: r.support.policyId ? { id: r.support.policyId, title: r.policyTitle!, docNo: r.policyDocNo } : null,
  supportItem: r.support.supportItemId ? { id: r.support.supportItemId, title: r.itemTitle! } : null,
  beneficiary: { uscc: r.support.beneficiaryUscc, name: r.support.beneficiaryName, role: r.support.beneficiaryRole, orgId: r.support.beneficiaryOrgId },
  space: { id: r.support.spaceId, name: r.spaceName, regionCode: r.support.regionCode, regionName: r.regionName },
  projectTitle: r.support.projectTitle,
  projectCode: r.support.projectCode,
  periodFrom: r.support.periodFrom,
  periodTo: r.support.periodTo,
  amountYuan: Number(r.support.amountYuan),
  grantedOn: r.support.grantedOn,
  paymentState: r.support.paymentState,
  publishedAt: r.support.publishedAt,
  importBatchId: r.support.importBatchId,
  revision: r.support.revision,
});

const present = (actor: Actor, r: repo.SupportListed) => {
  const subject = subjectOf(r);
  return {
    ...summary(r),
    invoiceNos: r.support.invoiceNos,
    contractNos: r.support.contractNos,
    areaM2: r.support.areaM2 === null ? null : Number(r.support.areaM2),
    months: r.support.months,
    submission: r.support.submissionId ? { id: r.support.submissionId, status: r.submissionStatus!, stageKey: r.stageKey } : null,
    createdAt: r.support.createdAt,
    updatedAt: r.support.updatedAt,
    abilities: {
      edit: can(actor, 'support.edit', subject),
      propose: can(actor, 'support.propose', subject),
      withdraw: can(actor, 'support.withdraw', subject),
      payment: can(actor, 'support.payment', subject),
    },
  };
};
export type SupportView = ReturnType<typeof present>;

/** The support when the actor may read it (404 otherwise) and may do `action` (403 for another's role, 409 in the wrong state). */
async function loadInScope(db: DbOrTx, actor: Actor, where: { id: string } | { submissionId: string }, action: SupportAction) {
  const found = await repo.findListed(db, where);
  if (!found || !can(actor, 'support.read', subjectOf(found))) throw notFound(NOT_FOUND);
  if (!can(actor, action, subjectOf(found))) throw refusal(actor, found);
  return found;
}

const STATUS_NAMES: Record<SupportStatus, string> = { draft: '草稿', on_notice: '公示中', published: '已公开', blocked: '不予公开', withdrawn: '已撤回' };
function refusal(actor: Actor, found: repo.SupportListed) {
  if (!grants(actor, subjectOf(found))) return new AppError('FORBIDDEN', { zh: '只有授予该扶持的部门可以办理', en: 'Only the granting department may do this' });
  return new AppError('STATE_CONFLICT', { zh: `该扶持记录当前为“${STATUS_NAMES[found.support.status]}”，不能办理此项`, en: `The support is ${found.support.status}; not possible now` });
}

export async function getSupport(db: DbOrTx, actor: Actor, id: string) {
  return present(actor, await loadInScope(db, actor, { id }, 'support.read'));
}

/** The support a disclosure submission carries (what its reviewers judge). */
export async function supportOfSubmission(db: DbOrTx, actor: Actor, submissionId: string) {
  return present(actor, await loadInScope(db, actor, { submissionId }, 'support.read'));
}

export interface ListQuery extends repo.SupportFilter, Sort<repo.SupportSort> {
  page: number;
  pageSize: number;
}

/** The actor's department's supports and, for an authority, those for spaces of its jurisdiction: one page, two statements. */
export async function listSupports(db: DbOrTx, actor: Actor, q: ListQuery) {
  if (!can(actor, 'support.list')) throw new AppError('FORBIDDEN');
  const scope = { grantorOrgId: actor.org.id, withinPath: actor.org.kind === 'authority' ? actor.jurisdictionPath : null };
  const { rows, total } = await repo.page(db, scope, q, q, q.pageSize, (q.page - 1) * q.pageSize);
  return { items: rows.map(summary), total, page: q.page, pageSize: q.pageSize };
}

// ---- recording and changing ------------------------------------------------------------------------

/** Records one support as a draft of the actor's department; audited; the listeners run in its transaction. */
export async function recordSupport(db: Db, actor: Actor, ctx: AuditContext, input: SupportInput) {
  if (!can(actor, 'support.record')) throw new AppError('FORBIDDEN');
  const { rows, problems } = await prepareInputs(db, actor, [input]);
  if (problems.length) refuse(problems);
  const id = await db.transaction(async (tx) => {
    const [created] = await repo.insertMany(tx, rows);
    await audit.recordInTx(tx, ctx, { action: 'support.record', objectType: 'support', objectId: created!.id, detail: { spaceId: created!.spaceId, category: created!.category, amountYuan: created!.amountYuan, uscc: created!.beneficiaryUscc } });
    await recordedInTx(tx, ctx, [created!.id]);
    return created!.id;
  });
  return getSupport(db, actor, id);
}

/** Records many supports of one import as drafts in one transaction under one batch id (all checked before). */
export async function recordImportedInTx(tx: Tx, ctx: AuditContext, rows: repo.NewSupport[], batchId: string) {
  const created = await repo.insertMany(tx, rows.map((r) => ({ ...r, importBatchId: batchId })));
  await audit.recordInTx(tx, ctx, { action: 'support.import', objectType: 'support', objectId: batchId, detail: { rows: created.length, ids: created.map((c) => c.id) } });
  await recordedInTx(tx, ctx, created.map((c) => c.id));
  return created;
}

/** Replaces a draft's facts under the revision the grantor read (409 STALE_REVISION otherwise). */
export async function updateSupport(db: Db, actor: Actor, ctx: AuditContext, id: string, input: SupportInput & { revision: number }) {
  const found = await loadInScope(db, actor, { id }, 'support.edit');
  const { rows, problems } = await prepareInputs(db, actor, [input]);
  if (problems.length) refuse(problems);
  const { createdBy: _c, grantorOrgId: _g, grantorRegionCode: _r, ...patch } = rows[0]!;
  await db.transaction(async (tx) => {
    const updated = await repo.updateIf(tx, id, input.revision, patch);
    if (!updated || updated.status !== 'draft') {
      const now = (await repo.lock(tx, id))!;
      if (now.status !== 'draft') throw refusal(actor, { ...found, support: now });
      throw new AppError('STALE_REVISION', {
        zh: `扶持记录已被他人修改（当前版本 ${now.revision}，你的版本 ${input.revision}），本次修改未保存。请刷新后重试`,
        en: `The support was changed elsewhere (now revision ${now.revision}, yours ${input.revision}); nothing saved`,
        details: { currentRevision: now.revision },
      });
    }
    await audit.recordInTx(tx, ctx, { action: 'support.edit', objectType: 'support', objectId: id, detail: { revision: updated.revision } });
  });
  return getSupport(db, actor, id);
}

/**
 * The grantor's admin withdraws a support not yet published, with a reason: a draft at once; one
 * proposed only while its disclosure still waits at the check stage untouched (the submission is
 * withdrawn through the kernel); once checked or on the notice, the disclosure runs to its decision.
 */
export async function withdrawSupport(db: Db, actor: Actor, ctx: AuditContext, id: string, input: { reason: string }) {
  const found = await loadInScope(db, actor, { id }, 'support.withdraw');
  const reason = input.reason.trim();
  await db.transaction(async (tx) => {
    const row = (await repo.lock(tx, id))!;
    if (row.status === 'on_notice') {
      const facts = await requireSubmissionFacts(tx, row.submissionId!);
      if (facts.app.status !== 'submitted')
        throw new AppError('STATE_CONFLICT', { zh: '该扶持已通过核对进入公示或审定，不能撤回', en: 'The support is past its check (on the notice or at the decision); it cannot be withdrawn' });
      await transitionInTx(tx, ctx, actor, row.submissionId!, { action: 'withdraw', note: reason });
    } else if (row.status !== 'draft') throw refusal(actor, { ...found, support: row });
    await repo.setState(tx, id, { status: 'withdrawn' });
    await audit.recordInTx(tx, ctx, { action: 'support.withdraw', objectType: 'support', objectId: id, detail: { from: row.status, reason } });
  });
  return getSupport(db, actor, id);
}

/** The payment state of a published support (paid, suspended, recovered…): the one change after publication. */
export async function setPaymentState(db: Db, actor: Actor, ctx: AuditContext, id: string, input: { paymentState: PaymentState; note?: string | null | undefined }) {
  const found = await loadInScope(db, actor, { id }, 'support.payment');
  await db.transaction(async (tx) => {
    const row = (await repo.lock(tx, id))!;
    if (row.status !== 'published') throw refusal(actor, { ...found, support: row });
    await repo.setPayment(tx, id, input.paymentState);
    await audit.recordInTx(tx, ctx, { action: 'support.payment', objectType: 'support', objectId: id, detail: { from: row.paymentState, to: input.paymentState, note: input.note?.trim() || null } });
  });
  return getSupport(db, actor, id);
}

// ---- disclosure ----------------------------------------------------------------------------------


/**
 * The grantor's admin proposes drafts for disclosure: one submission of kind `support` per support
 * (the kernel's notice entries, decisions and list entries are per submission, so each support is
 * objected to, blocked or published on its own) in the grantor's own standing call of its region,
 * on the chain of its kind of grantor (GRANTORS), handed in to the check stage, whose workers are told. A draft returned by the check is
 * handed in again on its own submission. All or nothing, in one transaction with the rows locked.
 */
export async function proposeSupports(db: Db, actor: Actor, ctx: AuditContext, input: { ids: string[] }) {
  const ids = [...new Set(input.ids)];
  const found = await repo.findManyListed(db, ids);
  const byId = new Map(found.map((f) => [f.support.id, f]));
  for (const id of ids) {
    const f = byId.get(id);
    if (!f || !can(actor, 'support.read', subjectOf(f))) throw notFound({ zh: `扶持记录 ${id} 不存在`, en: `No such support record ${id}` });
    if (!can(actor, 'support.propose', subjectOf(f))) throw refusal(actor, f);
  }
  // Only a grantor's own admin gets here (`support.propose`), so the organisation grants.
  const grantor = GRANTORS[grantorOf(actor.org)!];
  // The title names the region as every S&T department's standing call does; the ministry and a unit by their own name.
  const authorityBelowNational = actor.org.kind === 'authority' && actor.org.authorityLevel !== 'national';
  await db.transaction(async (tx) => {
    const rows = await repo.lockMany(tx, ids);
    const callId = await standingCallInTx(tx, ctx, {
      kind: SUPPORT_KIND,
      chainKey: grantor.key,
      holder: { orgId: actor.org.id, name: authorityBelowNational ? actor.org.regionName : actor.org.name, regionCode: actor.org.regionCode, level: grantor.level },
      titleSuffix: '扶持情况公示',
      description: '常设批次：本部门授予的扶持经核对、公示（7 日，接受异议）后审定公开，公开的扶持记录保存不少于十年（004 §四.十四）。',
      year: beijingYear(),
    });
    for (const row of rows) {
      if (row.status !== 'draft') throw refusal(actor, { ...byId.get(row.id)!, support: row });
      const space = byId.get(row.id)!;
      let submissionId = row.submissionId;
      const handedIn = { amountYuan: row.amountYuan, periodFrom: row.periodFrom, periodTo: row.periodTo, beneficiaryUscc: row.beneficiaryUscc, projectTitle: row.projectTitle, invoiceNos: row.invoiceNos, contractNos: row.contractNos };
      if (submissionId) {
        // Returned by the check and corrected: the same submission goes round again.
        const facts = await requireSubmissionFacts(tx, submissionId);
        await transitionInTx(tx, ctx, actor, submissionId, { action: 'resubmit', enterStage: facts.chain!.stages[0]!, patch: { submittedAt: new Date(), round: facts.app.round + 1 }, handedIn });
      } else {
        const draft = await createSubmissionInTx(tx, actor, { kind: SUPPORT_KIND, callId, spaceId: row.spaceId, operatorOrgId: (await repo.spaceFacts(tx, [row.spaceId]))[0]!.operatorOrgId });
        submissionId = draft.id;
        const facts = await requireSubmissionFacts(tx, draft.id);
        await transitionInTx(tx, ctx, actor, draft.id, { action: 'submit', enterStage: facts.chain!.stages[0]!, patch: { submittedAt: new Date(), round: 1 }, detail: { supportId: row.id }, handedIn });
      }
      await repo.setState(tx, row.id, { status: 'on_notice', submissionId });
      await audit.recordInTx(tx, ctx, { action: 'support.propose', objectType: 'support', objectId: row.id, detail: { submissionId, callId, spaceId: space.support.spaceId } });
      const moved = await requireSubmissionFacts(tx, submissionId);
      await notifyStageWorkers(tx, moved, moved.chain!.stages.find((s) => s.key === moved.app.stageKey)!, 'stage.arrived');
    }
  });
  return { items: (await repo.findManyListed(db, ids)).map((r) => present(actor, r)) };
}

/** The kind's effect of a released approval, in the release's transaction: the support is published (kept ≥ 10 years). */
export async function publishApprovedInTx(tx: Tx, ctx: AuditContext, { facts, listId }: FinalApproval) {
  const row = await repo.findBySubmission(tx, facts.app.id);
  if (!row) throw new Error(`support disclosure ${facts.app.id} has no support`);
  await repo.setState(tx, row.id, { status: 'published', publishedAt: new Date() });
  await audit.recordInTx(tx, ctx, { action: 'support.published', objectType: 'support', objectId: row.id, detail: { submissionId: facts.app.id, listId } });
}

/** A published support is never taken back (the register keeps it ≥ 10 years): a reversal is refused; a wrong payment is marked recovered instead. */
export async function refuseReversalInTx(): Promise<never> {
  throw new AppError('STATE_CONFLICT', {
    zh: '已公开的扶持记录不可撤销（保存不少于十年）；如需追回资金，请将其支付状态改为“已追回”',
    en: 'A published support record cannot be revoked (kept at least ten years); set its payment state to recovered instead',
  });
}

/**
 * Who corrects a returned disclosure (the kind's reviser): the granting department's staff, who
 * recorded the support and propose it again, led to their own record of it. The submission's
 * applicant, the beneficiary's operator, may not change it.
 */
export async function grantorRecipients(tx: Tx, facts: SubmissionFacts) {
  const row = await repo.findBySubmission(tx, facts.app.id);
  if (!row) throw new Error(`support disclosure ${facts.app.id} has no support`);
  return { people: await activeUsersWithRoles(tx, [row.grantorOrgId], ['authority_admin', 'authority_reviewer']), link: `/app/supports/${row.id}` };
}

/**
 * Keeps the support in step with its disclosure submission (the kind's `movedInTx`): rejected at
 * the check or decision, or blocked by an upheld objection → blocked; returned by the check → a
 * draft again for the grantor to correct and propose; reinstated → on notice again; cancelled for
 * fraud before publication → blocked. A published support does not move.
 */
export async function followDisclosureInTx(tx: Tx, ctx: AuditContext, move: SubmissionMove) {
  const row = await repo.findBySubmission(tx, move.id);
  if (!row || row.status === 'published') return;
  const to: SupportStatus | null =
    move.to === 'rejected' || move.to === 'cancelled_for_fraud'
      ? 'blocked'
      : move.to === 'returned'
        ? 'draft'
        : move.to === 'withdrawn'
          ? 'withdrawn'
          : move.from === 'rejected' && move.to === 'in_review'
            ? 'on_notice'
            : null;
  if (!to || to === row.status) return;
  await repo.setState(tx, row.id, { status: to });
  await audit.recordInTx(tx, ctx, { action: 'support.disclosure', objectType: 'support', objectId: row.id, detail: { submissionId: move.id, move: move.action, from: row.status, to } });
}

// ---- the public register -------------------------------------------------------------------------

/**
 * A 个体工商户 (USCC registration type 92) is registered under its keeper's own name: the public
 * register names neither it nor its code, only what it is. Every other beneficiary is an
 * organisation, whose name and USCC are public.
 */
const isSoleTrader = (uscc: string) => uscc.startsWith('92');

const publicItem = (r: repo.SupportListed) => {
  const personal = isSoleTrader(r.support.beneficiaryUscc);
  return {
    id: r.support.id,
    category: r.support.category,
    grantorName: r.grantorName,
    policy: r.support.policyId ? { id: r.support.policyId, title: r.policyTitle!, docNo: r.policyDocNo } : null,
    supportItemTitle: r.itemTitle,
    beneficiary: { name: personal ? '个体工商户' : r.support.beneficiaryName, uscc: personal ? null : r.support.beneficiaryUscc, role: r.support.beneficiaryRole },
    space: { id: r.support.spaceId, name: r.spaceName },
    regionName: r.regionName,
    projectTitle: r.support.projectTitle,
    projectCode: r.support.projectCode,
    periodFrom: r.support.periodFrom,
    periodTo: r.support.periodTo,
    amountYuan: Number(r.support.amountYuan),
    grantedOn: r.support.grantedOn,
    publishedAt: r.support.publishedAt!,
  };
};
export type PublicSupport = ReturnType<typeof publicItem>;

export type PublicQuery = Omit<repo.SupportFilter, 'status' | 'uscc'> & Sort<repo.SupportSort> & { page: number; pageSize: number };

/** The public register: published supports only, filtered; two statements. */
export async function publicSupports(db: DbOrTx, q: PublicQuery) {
  const { rows, total } = await repo.page(db, { published: true }, q, q, q.pageSize, (q.page - 1) * q.pageSize);
  return { items: rows.map(publicItem), total, page: q.page, pageSize: q.pageSize };
}

/** An export holds at most this many rows; narrow the filter beyond. */
export const EXPORT_MAX = 10_000;

export async function publicSupportsExport(db: DbOrTx, q: Omit<PublicQuery, 'page' | 'pageSize'>) {
  const { rows } = await repo.page(db, { published: true }, q, q, EXPORT_MAX, 0);
  return rows.map(publicItem);
}

export const CATEGORY_NAMES: Record<SupportCategory, string> = {
  rent: '房租补贴',
  construction: '建设补助',
  operating: '运营补助',
  event: '活动补贴',
  award: '奖励',
  tax: '税收优惠',
  finance: '金融支持',
  talent: '人才支持',
  other: '其他',
};
export const ROLE_NAMES: Record<BeneficiaryRole, string> = { operator: '运营主体', host: '建设（依托）主体', incubatee: '在孵企业' };

export function publicSupportsCsv(items: readonly PublicSupport[]): Buffer {
  return csvWithBom([
    ['授予部门', '政策依据', '发文字号', '扶持事项', '扶持类别', '受扶持单位', '统一社会信用代码', '身份', '众创空间', '所在地区', '项目名称', '项目编号', '扶持期间起', '扶持期间止', '金额（元）', '授予日期', '公开日期'],
    ...items.map((i) => [
      i.grantorName,
      i.policy?.title ?? '',
      i.policy?.docNo ?? '',
      i.supportItemTitle ?? '',
      CATEGORY_NAMES[i.category],
      i.beneficiary.name,
      i.beneficiary.uscc ?? '',
      ROLE_NAMES[i.beneficiary.role],
      i.space.name,
      i.regionName,
      i.projectTitle,
      i.projectCode ?? '',
      i.periodFrom,
      i.periodTo,
      i.amountYuan.toFixed(2),
      i.grantedOn,
      beijingDay(i.publishedAt),
    ]),
  ]);
}

/** A filed space's newest 20 published supports (its public page): one statement, no count. */
export async function publicSupportsOfSpace(db: DbOrTx, spaceId: string) {
  return (await repo.rows(db, { published: true }, { spaceId }, {}, 20, 0)).map(publicItem);
}
