import type { Config } from '../../config.ts';
import type { Db, DbOrTx, Tx } from '../../db/client.ts';
import { AppError, fieldError, notFound } from '../../shared/errors.ts';
import type { Sort } from '../../shared/http/sorting.ts';
import * as audit from '../audit/index.ts';
import type { AuditContext } from '../audit/index.ts';
import { getRuleSet } from '../criteria/index.ts';
import { authoriseFiles, linkedFileMeta, openLinkedFile } from '../files/index.ts';
import type { Actor } from '../../shared/actor.ts';
import { usableChainVersion } from '../chains/index.ts';
import { CALL_LEVELS_BY_AUTHORITY, can } from './policy.ts';
import * as repo from './repository.ts';
import type { CallLevel, MaterialSlot } from './schema.ts';

export type CallDetail = repo.CallWithNames;
export type CallStatus = repo.CallRow['status'];

const NOT_FOUND = { zh: '申报批次不存在', en: 'No such call' };

/** The call, whoever asks (other modules check visibility themselves, or use `findCallForActor`). */
export function findCall(db: DbOrTx, callId: string): Promise<CallDetail | undefined> {
  return repo.findCall(db, callId);
}

/** The call when the actor may see it: published (or cancelled) calls to everyone, drafts to their authority; else 404. */
/** Published calls on the given chains whose region holds `path` or lies within it (no scope check). */
export const publishedCallsAroundOnChains = (db: DbOrTx, path: string, chainIds: readonly string[]) => repo.publishedCallsAroundOnChains(db, path, chainIds);
export const publishedChainIdsAround = (db: DbOrTx, path: string) => repo.publishedChainIdsAround(db, path);

/** The chains pinned by issued calls (no scope check). */
export const chainsOfIssuedCalls = (db: DbOrTx) => repo.chainsOfIssuedCalls(db);

/** The published calls inside their window at `at`. */
export const openCallsAt = (db: DbOrTx, at: Date) => repo.openCalls(db, at);

/** Many calls at once (two queries whatever their number), for lists that show each row's call. */
export function findCallsByIds(db: DbOrTx, callIds: readonly string[]): Promise<CallDetail[]> {
  return repo.findCalls(db, callIds);
}

export async function findCallForActor(db: DbOrTx, actor: Actor, callId: string): Promise<CallDetail> {
  const call = await repo.findCall(db, callId);
  if (!call || !can(actor, 'call.read', call)) throw notFound(NOT_FOUND);
  return call;
}

/** True when the call takes submissions at `at`: published and inside its window. */
export const isOpen = (call: Pick<repo.CallRow, 'status' | 'opensAt' | 'closesAt'>, at = new Date()) =>
  call.status === 'published' && call.opensAt <= at && at < call.closesAt;

export interface CallInput {
  title: string;
  level: CallLevel;
  year: number;
  /** ISO instants; the UI shows and enters them in Asia/Shanghai time. */
  opensAt: string;
  closesAt: string;
  eligibleCategories: ('regular' | 'professional')[];
  ruleSetId?: string | null;
  materialSlots: MaterialSlot[];
  /** The published review chain version the call pins (GET /api/chains/usable?level=…). */
  chainId?: string | null;
  description?: string | null;
  documentFileIds?: string[];
}

/** Checks what the schema cannot (level against the authority, window order, rule set, files); errors name the field. */
async function validateCall(db: Db, actor: Actor, input: CallInput) {
  const allowed = actor.org.authorityLevel ? CALL_LEVELS_BY_AUTHORITY[actor.org.authorityLevel] : [];
  if (!allowed.includes(input.level))
    throw fieldError('body.level', '申报批次的级别与本单位层级不符', 'the call level does not fit your authority’s level');
  const opensAt = new Date(input.opensAt);
  const closesAt = new Date(input.closesAt);
  if (closesAt <= opensAt) throw fieldError('body.closesAt', '截止时间须晚于开始时间', 'the closing time must be after the opening time');
  const keys = input.materialSlots.map((s) => s.key);
  const repeated = keys.findIndex((k, i) => keys.indexOf(k) !== i);
  if (repeated >= 0) throw fieldError(`body.materialSlots.${repeated}.key`, '材料标识不能重复', 'slot keys must be unique');
  const chain = await pinnedChain(db, actor, input);
  if (input.ruleSetId) {
    const ruleSet = await getRuleSet(db, actor, input.ruleSetId).catch((err: unknown) => {
      if (err instanceof AppError && err.code === 'NOT_FOUND') return undefined;
      throw err;
    });
    if (ruleSet?.status !== 'published') throw fieldError('body.ruleSetId', '规则集不存在或尚未发布', 'no such published rule set');
  }
  const documentFileIds = [...new Set(input.documentFileIds ?? [])];
  try {
    await authoriseFiles(db, actor, 'file.attach', documentFileIds);
  } catch (err) {
    // A file the admin did not upload is as good as missing; the field, not the file, is named.
    if (err instanceof AppError && err.code === 'NOT_FOUND') throw fieldError('body.documentFileIds', '文件不存在', 'no such file');
    throw err;
  }
  return {
    title: input.title.trim(),
    level: input.level,
    year: input.year,
    opensAt,
    closesAt,
    eligibleCategories: [...new Set(input.eligibleCategories)],
    ruleSetId: input.ruleSetId ?? null,
    materialSlots: input.materialSlots.map((s) => ({ ...s, name: s.name.trim(), ...(s.description ? { description: s.description.trim() } : {}) })),
    ...chain,
    description: input.description?.trim() || null,
    documentFileIds,
  };
}

/**
 * The chain version a call pins, checked: published, made for filing applications (a support
 * disclosure's or a return's chain would let the wrong people decide filings), one the authority
 * may use (shipped, or owned by its region or an ancestor), at the call's level.
 */
async function pinnedChain(db: Db, actor: Actor, input: CallInput): Promise<{ chainId: string | null }> {
  if (!input.chainId) return { chainId: null };
  const version = await usableChainVersion(db, actor, 'filing', input.chainId);
  if (!version)
    throw fieldError('body.chainId', '审核流程不存在、尚未发布、不是备案申报的审核流程或本单位不能选用', 'no such published filing review chain that your authority may use');
  if (version.level !== input.level) throw fieldError('body.chainId', '审核流程的级别与申报级别不符', 'the review chain does not fit the call level');
  return { chainId: version.id };
}

/** Inserts a call, audited; the API drafts through `createCall`, the demo seed inserts published calls directly. */
export async function insertCallInTx(tx: Tx, ctx: AuditContext, row: Parameters<typeof repo.insertCall>[1]) {
  const call = await repo.insertCall(tx, row);
  await audit.recordInTx(tx, ctx, { action: 'call.create', objectType: 'call', objectId: call.id, detail: { title: call.title, level: call.level, year: call.year, status: call.status } });
  return call;
}

/** An authority admin drafts a call for its own jurisdiction. */
export async function createCall(db: Db, actor: Actor, ctx: AuditContext, input: CallInput): Promise<CallDetail> {
  if (!can(actor, 'call.create')) throw new AppError('FORBIDDEN');
  const valid = await validateCall(db, actor, input);
  const call = await db.transaction((tx) =>
    insertCallInTx(tx, ctx, { ...valid, authorityOrgId: actor.org.id, regionCode: actor.org.regionCode, status: 'draft', createdBy: actor.userId }),
  );
  return (await repo.findCall(db, call.id))!;
}

const STATUS_NAMES: Record<CallStatus, string> = { draft: '尚未发布', published: '已发布', cancelled: '已撤销' };

/** Loads a call in the actor's view and checks `action` on it: 404 out of sight, 409 wrong state, 403 refused. */
async function callFor(db: Db, actor: Actor, action: 'call.edit' | 'call.publish' | 'call.cancel', callId: string) {
  const call = await findCallForActor(db, actor, callId);
  if (!can(actor, action, call)) {
    const own = call.authorityOrgId === actor.org.id && can(actor, 'call.create');
    if (own) throw new AppError('STATE_CONFLICT', { zh: `该申报批次${STATUS_NAMES[call.status]}，不能执行此操作`, en: `The call is ${call.status}; this cannot be done now` });
    throw new AppError('FORBIDDEN');
  }
  return call;
}

/** Replaces a draft call; a stale `revision` answers 409 and changes nothing. */
export async function updateCall(db: Db, actor: Actor, ctx: AuditContext, callId: string, input: CallInput & { revision: number }): Promise<CallDetail> {
  await callFor(db, actor, 'call.edit', callId);
  const valid = await validateCall(db, actor, input);
  await db.transaction(async (tx) => {
    if (!(await repo.updateCall(tx, callId, input.revision, ['draft'], valid))) throw new AppError('STALE_REVISION');
    await audit.recordInTx(tx, ctx, { action: 'call.update', objectType: 'call', objectId: callId, detail: { revision: input.revision + 1 } });
  });
  return (await repo.findCall(db, callId))!;
}

/** Publishes a draft: from then on operators see it and it is listed on the portal. */
export async function publishCall(db: Db, actor: Actor, ctx: AuditContext, callId: string, input: { revision: number }): Promise<CallDetail> {
  const call = await callFor(db, actor, 'call.publish', callId);
  const now = new Date();
  if (call.closesAt <= now) throw fieldError('body.closesAt', '截止时间已过，请先修改截止时间', 'the closing time has passed; change it first');
  // Submitted applications enter the chain's first stage: a call without one could not be reviewed.
  if (!call.chainId) throw fieldError('body.chainId', '请先选择审核流程再发布', 'choose the review chain before publishing');
  await db.transaction(async (tx) => {
    if (!(await repo.updateCall(tx, callId, input.revision, ['draft'], { status: 'published', publishedAt: now }))) throw new AppError('STALE_REVISION');
    await audit.recordInTx(tx, ctx, { action: 'call.publish', objectType: 'call', objectId: callId, detail: { closesAt: call.closesAt.toISOString() } });
  });
  return (await repo.findCall(db, callId))!;
}

/** Withdraws a draft or published call; it stays listed as cancelled, with the reason in the audit log. */
export async function cancelCall(db: Db, actor: Actor, ctx: AuditContext, callId: string, input: { revision: number; reason: string }): Promise<CallDetail> {
  const call = await callFor(db, actor, 'call.cancel', callId);
  await db.transaction(async (tx) => {
    if (!(await repo.updateCall(tx, callId, input.revision, ['draft', 'published'], { status: 'cancelled' }))) throw new AppError('STALE_REVISION');
    await audit.recordInTx(tx, ctx, { action: 'call.cancel', objectType: 'call', objectId: callId, detail: { from: call.status, reason: input.reason.trim() } });
  });
  return (await repo.findCall(db, callId))!;
}

export interface CallQuery extends Sort<(typeof repo.CALL_SORTS)[number]> {
  page: number;
  pageSize: number;
  year?: number;
  level?: CallLevel;
  status?: CallStatus;
}

/**
 * The calls list (申报批次管理): governing staff see the calls of their jurisdiction only, their
 * region's and those below it (an authority sees its own subtree, DESIGN §1), their own
 * authority's drafts included; anyone else sees the published and cancelled calls, as the portal does.
 */
export async function listCalls(db: DbOrTx, actor: Actor, query: CallQuery) {
  const { page, pageSize, sort, order, ...filter } = query;
  const ownDrafts = can(actor, 'call.read', { authorityOrgId: actor.org.id, status: 'draft' });
  const withinPath = actor.jurisdictionPath ?? undefined;
  const { items, total } = await repo.listCalls(db, { ...filter, withinPath, draftsOfOrgId: ownDrafts ? actor.org.id : undefined }, { sort, order }, page, pageSize);
  return { items, total, page, pageSize };
}

async function findPublicCall(db: DbOrTx, callId: string): Promise<CallDetail> {
  const call = await repo.findCall(db, callId);
  if (!call || call.status !== 'published') throw notFound(NOT_FOUND);
  return call;
}

/** Metadata of each call's documents, in the order its authority listed them, by call id. */
export async function documentsOfCalls(db: Db, calls: readonly Pick<repo.CallRow, 'id' | 'documentFileIds'>[]) {
  // One query for the documents of every call listed.
  const rows = new Map((await linkedFileMeta(db, [...new Set(calls.flatMap((c) => c.documentFileIds))])).map((r) => [r.id, r]));
  return new Map(
    calls.map((c) => [
      c.id,
      c.documentFileIds.flatMap((id) => {
        const r = rows.get(id);
        return r ? [{ id: r.id, name: r.originalName, kind: r.kind, sizeBytes: r.sizeBytes, sha256: r.sha256 }] : [];
      }),
    ]),
  );
}

/** A document of a published call, for anyone (call documents are public notices). */
export async function openPublicCallDocument(db: Db, config: Config, ctx: AuditContext, callId: string, fileId: string) {
  const call = await findPublicCall(db, callId);
  if (!call.documentFileIds.includes(fileId)) throw notFound({ zh: '该申报批次没有此文件', en: 'No such document in this call' });
  return openLinkedFile(db, config, ctx, fileId, { objectType: 'call', objectId: call.id });
}

/** The published rule set of a lineage, by key (the demo seed pins calls to shipped rule sets). */
export const publishedRuleSetId = repo.publishedRuleSetId;
/** The columns the call list sorts by. */
export const CALL_SORTS = repo.CALL_SORTS;
