import type { Db, DbOrTx, Tx } from '../../db/client.ts';
import type { Actor } from '../../shared/actor.ts';
import { AppError, fieldError, notFound } from '../../shared/errors.ts';
import { isValidUscc, normaliseUscc } from '../../shared/validation/uscc.ts';
import * as audit from '../audit/index.ts';
import type { AuditContext } from '../audit/index.ts';
import { pendingPayloads, sendInTx } from '../jobs/index.ts';
import { setPaymentStateInTx } from '../supports/index.ts';
import { can } from './policy.ts';
import * as repo from './repository.ts';
import type { AlertState, Disposition, DupRule } from './schema.ts';

const NOT_FOUND = { zh: '预警不存在', en: 'No such alert' };
const LINK_NOT_FOUND = { zh: '关联主体记录不存在', en: 'No such entity link' };

/** The payload of the `dupcheck.scan` job: a full scan, or the supports and returns a change touched. */
export interface ScanJob {
  full: boolean;
  supportIds: string[];
  returnIds: string[];
}

/** Runs the scan (the job's handler; idempotent: a repeated run finds the same alerts and changes none). */
export async function scanSupports(db: DbOrTx, job: ScanJob): Promise<repo.ScanResult> {
  return repo.scan(db, job.full ? { full: true } : { full: false, supportIds: job.supportIds, returnIds: job.returnIds });
}

/**
 * Queues an incremental scan of the supports a transaction recorded or changed (the support
 * register's recording hook calls it): it runs after commit and sees them.
 */
export async function queueSupportScanInTx(tx: Tx, supportIds: readonly string[]): Promise<void> {
  if (supportIds.length) await sendInTx(tx, 'dupcheck.scan', { full: false, supportIds: [...new Set(supportIds)], returnIds: [] });
}

/** Queues D6 for accepted statistics returns (the return kind's acceptance, wired in modules/index.ts). */
export async function queueReturnScanInTx(tx: Tx, returnIds: readonly string[]): Promise<void> {
  if (returnIds.length) await sendInTx(tx, 'dupcheck.scan', { full: false, supportIds: [], returnIds: [...new Set(returnIds)] });
}

/** The next 02:00 Asia/Shanghai (18:00 UTC) after `now`. */
function nextNight(now: Date): Date {
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 18));
  return today > now ? today : new Date(today.getTime() + 24 * 3600_000);
}

/**
 * The nightly full scan (02:00 Asia/Shanghai): catches what no hook touched (a space's host changed,
 * a support item's cap edited). Each run queues the next unless it already waits (every process
 * starts this).
 */
export async function queueNightlyScan(db: Db, now: Date): Promise<void> {
  const next = nextNight(now);
  const day = next.toISOString().slice(0, 10);
  await db.transaction(async (tx) => {
    const waiting = await pendingPayloads(tx, 'dupcheck.nightly');
    if (!waiting.some((p) => p.day === day)) await sendInTx(tx, 'dupcheck.nightly', { day }, { startAfter: next });
  });
}

/** The `dupcheck.nightly` job: a full scan, then the next night's run. */
export async function nightlyScan(db: Db): Promise<void> {
  await scanSupports(db, { full: true, supportIds: [], returnIds: [] });
  await queueNightlyScan(db, new Date());
}

const scopeOf = (actor: Actor): repo.AlertScope => ({ orgId: actor.org.id, jurisdictionPath: actor.jurisdictionPath });

const subjectOf = (r: NonNullable<Awaited<ReturnType<typeof repo.findAlert>>>) => ({
  rule: r.alert.rule,
  grantorOrgIds: r.alert.grantorOrgIds,
  spaceRegionPath: r.spaceRegionPath,
});

export interface AlertQuery extends repo.AlertFilter {
  sort?: repo.AlertSort | undefined;
  order?: 'asc' | 'desc' | undefined;
  page: number;
  pageSize: number;
}

type Fact = Awaited<ReturnType<typeof repo.supportFacts>>[number];

const factOut = (f: Fact) => ({
  id: f.id,
  grantorOrgId: f.grantorOrgId,
  grantorName: f.grantorName,
  category: f.category,
  beneficiaryUscc: f.beneficiaryUscc,
  beneficiaryName: f.beneficiaryName,
  beneficiaryRole: f.beneficiaryRole,
  spaceId: f.spaceId,
  spaceName: f.spaceName,
  projectTitle: f.projectTitle,
  projectCode: f.projectCode,
  periodFrom: f.periodFrom,
  periodTo: f.periodTo,
  invoiceNos: f.invoiceNos,
  contractNos: f.contractNos,
  areaM2: f.areaM2 === null ? null : Number(f.areaM2),
  months: f.months,
  amountYuan: Number(f.amountYuan),
  grantedOn: f.grantedOn,
  paymentState: f.paymentState,
  status: f.status,
});

function summary(a: repo.AlertRow, spaceName: string | null, facts: Map<string, Fact>) {
  const e = a.explanation as { overlap?: { from: string; to: string; months: number } };
  return {
    id: a.id,
    rule: a.rule,
    state: a.state,
    spaceId: a.spaceId,
    spaceName,
    returnId: a.returnId,
    supports: a.supportIds.flatMap((id) => {
      const f = facts.get(id);
      return f ? [{ id, grantorName: f.grantorName, projectTitle: f.projectTitle, amountYuan: Number(f.amountYuan), periodFrom: f.periodFrom, periodTo: f.periodTo }] : [];
    }),
    overlap: e.overlap ?? null,
    detectedAt: a.detectedAt,
    reopenedAt: a.reopenedAt,
    disposedAt: a.disposedAt,
  };
}

/** The alerts an actor sees (its grants, its region tree), paged and sorted: three statements. */
export async function listAlerts(db: Db, actor: Actor, q: AlertQuery) {
  if (!can(actor, 'support_alert.read')) throw new AppError('FORBIDDEN');
  const { rows, total } = await repo.listAlerts(db, scopeOf(actor), q, q, q.pageSize, (q.page - 1) * q.pageSize);
  const facts = new Map((await repo.supportFacts(db, [...new Set(rows.flatMap((r) => r.alert.supportIds))])).map((f) => [f.id, f]));
  return { items: rows.map((r) => summary(r.alert, r.spaceName, facts)), total, page: q.page, pageSize: q.pageSize };
}

async function load(db: DbOrTx, actor: Actor, id: string) {
  if (!can(actor, 'support_alert.read')) throw new AppError('FORBIDDEN');
  const r = await repo.findAlert(db, id);
  if (!r || !(await repo.isVisible(db, scopeOf(actor), id))) throw notFound(NOT_FOUND);
  return r;
}

/** One alert with its explanation and the facts of its supports. */
export async function getAlert(db: Db, actor: Actor, id: string) {
  const r = await load(db, actor, id);
  const facts = await repo.supportFacts(db, r.alert.supportIds);
  const byId = new Map(facts.map((f) => [f.id, f]));
  return {
    ...summary(r.alert, r.spaceName, byId),
    explanation: r.alert.explanation,
    supportFacts: r.alert.supportIds.flatMap((id) => (byId.has(id) ? [factOut(byId.get(id)!)] : [])),
    basis: r.alert.basis,
    revision: r.alert.revision,
    canDispose: can(actor, 'support_alert.dispose', subjectOf(r)),
  };
}

export interface DisposeInput {
  disposition: Disposition;
  basis?: string | null | undefined;
  revision: number;
}

const PAYMENT_OF: Partial<Record<Disposition, 'recovered' | 'suspended'>> = { recover: 'recovered', suspend: 'suspended' };

/**
 * A granting reviewer's disposition of an alert: 误报, 合理 (with its basis), 追回 or 暂停. Never an
 * automatic exclusion: recover and suspend set the payment state of the reviewer's own department's
 * supports in the alert (the supports module's function, audited there), other departments' grants
 * stay as they are. A disposed alert may be disposed of again (a reviewer corrects it).
 */
export async function disposeAlert(db: Db, actor: Actor, ctx: AuditContext, id: string, input: DisposeInput) {
  const before = await load(db, actor, id);
  if (!can(actor, 'support_alert.dispose', subjectOf(before))) throw new AppError('FORBIDDEN', { zh: '只有预警所涉扶持的授予部门可以处置', en: 'Only the departments that granted its supports dispose of an alert' });
  const basis = input.basis?.trim() || null;
  if (input.disposition === 'justified' && !basis) throw fieldError('body.basis', '认定为合理须说明依据', 'a justified alert needs its basis');
  if (before.alert.state === 'lapsed') throw new AppError('STATE_CONFLICT', { zh: '该预警所依据的情形已不存在', en: 'The facts of this alert no longer hold' });
  await db.transaction(async (tx) => {
    const locked = await repo.lockAlert(tx, id);
    if (!locked || locked.revision !== input.revision) throw new AppError('STALE_REVISION', { details: { currentRevision: locked?.revision ?? before.alert.revision } });
    const row = await repo.setDisposition(tx, id, input.revision, { state: input.disposition, basis, disposedBy: actor.userId, disposedByOrgId: actor.org.id, disposedAt: new Date() });
    if (!row) throw new AppError('STALE_REVISION', { details: { currentRevision: locked.revision } });
    const payment = PAYMENT_OF[input.disposition];
    const moved = payment
      ? await setPaymentStateInTx(tx, ctx, { grantorOrgId: actor.org.id, supportIds: locked.supportIds, state: payment, because: { alertId: id, rule: locked.rule } })
      : [];
    await audit.recordInTx(tx, ctx, {
      action: 'support_alert.dispose',
      objectType: 'support_alert',
      objectId: id,
      detail: { rule: locked.rule, from: locked.state, to: input.disposition, basis, paymentChanged: moved },
    });
  });
  return getAlert(db, actor, id);
}

/** Open alerts the actor's department may dispose of (待处置的重复扶持预警), for the workbench: none asked of others. */
export async function alertWorkload(db: Db, actor: Actor, limit: number) {
  if (!can(actor, 'support_alert.read')) return null;
  return repo.openForGrantor(db, actor.org.id, limit);
}

// Entity links (关联主体)

export async function listLinks(db: Db, actor: Actor, q: { page: number; pageSize: number }) {
  if (!can(actor, 'support_alert.read')) throw new AppError('FORBIDDEN');
  const { rows, total } = await repo.listLinks(db, q.pageSize, (q.page - 1) * q.pageSize);
  return {
    items: rows.map((r) => ({ ...r.link, recordedBy: r.recordedBy, canDelete: can(actor, 'entity_link.delete', { recordedByOrgId: r.link.recordedByOrgId }) })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/**
 * Records two USCCs as one undertaking, with the reason; a full scan is queued (a link can join
 * groups whose supports no hook touched).
 */
export async function addLink(db: Db, actor: Actor, ctx: AuditContext, input: { usccA: string; usccB: string; reason: string }) {
  if (!can(actor, 'entity_link.manage')) throw new AppError('FORBIDDEN');
  const a = normaliseUscc(input.usccA);
  const b = normaliseUscc(input.usccB);
  if (!isValidUscc(a)) throw fieldError('body.usccA', '统一社会信用代码无效', 'not a valid USCC');
  if (!isValidUscc(b)) throw fieldError('body.usccB', '统一社会信用代码无效', 'not a valid USCC');
  if (a === b) throw fieldError('body.usccB', '两个统一社会信用代码相同', 'the two USCCs are the same');
  const [lo, hi] = a < b ? [a, b] : [b, a];
  const row = await db.transaction(async (tx) => {
    const r = await repo.insertLink(tx, { usccA: lo, usccB: hi, reason: input.reason.trim(), recordedByOrgId: actor.org.id, createdBy: actor.userId });
    if (!r) throw new AppError('STATE_CONFLICT', { zh: '这两个主体已登记为关联主体', en: 'These two are already linked' });
    await audit.recordInTx(tx, ctx, { action: 'entity_link.create', objectType: 'entity_link', objectId: r.id, detail: { usccA: lo, usccB: hi, reason: r.reason } });
    await sendInTx(tx, 'dupcheck.scan', { full: true, supportIds: [], returnIds: [] });
    return r;
  });
  return row;
}

export async function removeLink(db: Db, actor: Actor, ctx: AuditContext, id: string) {
  if (!can(actor, 'entity_link.manage')) throw new AppError('FORBIDDEN');
  const before = await repo.findLink(db, id);
  if (!before) throw notFound(LINK_NOT_FOUND);
  if (!can(actor, 'entity_link.delete', before)) throw new AppError('FORBIDDEN', { zh: '只有登记该关联的部门可以删除', en: 'Only the department that recorded the link removes it' });
  await db.transaction(async (tx) => {
    const r = await repo.deleteLink(tx, id);
    if (!r) throw notFound(LINK_NOT_FOUND);
    await audit.recordInTx(tx, ctx, { action: 'entity_link.delete', objectType: 'entity_link', objectId: id, detail: { usccA: r.usccA, usccB: r.usccB, reason: r.reason } });
    await sendInTx(tx, 'dupcheck.scan', { full: true, supportIds: [], returnIds: [] });
  });
}

export type { AlertState, DupRule };
