import type { Db, DbOrTx, Tx } from '../../db/client.ts';
import { chainHash, GENESIS_HASH, verifyChain, type VerifyResult } from './chain.ts';
import * as repo from './repository.ts';

/** Who did it and from where; built from the request (see src/shared/http/context.ts) or by the CLI. */
export interface AuditContext {
  actorUserId: string | null;
  actorUsername: string | null;
  actorOrgId: string | null;
  ip: string | null;
  requestId: string | null;
}

export const SYSTEM_CONTEXT: AuditContext = {
  actorUserId: null,
  actorUsername: 'system',
  actorOrgId: null,
  ip: null,
  requestId: null,
};

export interface AuditEntry {
  action: string;
  objectType?: string;
  objectId?: string;
  result?: 'success' | 'failure' | 'denied';
  detail?: Record<string, unknown>;
}

/**
 * Appends one row to the chain inside the caller's transaction, so the record and the change it
 * describes commit or roll back together.
 */
export async function recordInTx(tx: Tx, ctx: AuditContext, entry: AuditEntry): Promise<void> {
  await repo.lockChain(tx);
  const last = await repo.lastRow(tx);
  const id = await repo.nextId(tx);
  const fields = {
    id,
    // Millisecond precision: what timestamptz(3) stores is what was hashed.
    at: new Date(),
    actorUserId: ctx.actorUserId,
    actorUsername: ctx.actorUsername,
    actorOrgId: ctx.actorOrgId,
    action: entry.action,
    objectType: entry.objectType ?? null,
    objectId: entry.objectId ?? null,
    result: entry.result ?? 'success',
    ip: ctx.ip,
    requestId: ctx.requestId,
    detail: entry.detail ?? null,
  } as const;
  const prevHash = last?.hash ?? GENESIS_HASH;
  await repo.insertRow(tx, { ...fields, prevHash, hash: chainHash(prevHash, fields) });
}

/** For events with no other change to commit (sign-in failures, downloads, views). */
export async function record(db: Db, ctx: AuditContext, entry: AuditEntry): Promise<void> {
  await db.transaction((tx) => recordInTx(tx, ctx, entry));
}

export async function verify(db: DbOrTx): Promise<VerifyResult> {
  return verifyChain(repo.iterateAll(db));
}

export interface AuditQuery extends repo.AuditFilter {
  page: number;
  pageSize: number;
}

/**
 * One page of the log for the audit admin. Reading the log is itself recorded, in the same
 * transaction, so no page leaves the server without a trace.
 */
export async function readLog(db: Db, ctx: AuditContext, query: AuditQuery) {
  const { page, pageSize, ...filter } = query;
  return db.transaction(async (tx) => {
    const { items, total } = await repo.listRows(tx, filter, page, pageSize);
    await recordInTx(tx, ctx, {
      action: 'audit.read',
      detail: { ...filter, from: filter.from?.toISOString(), to: filter.to?.toISOString(), page, pageSize, total },
    });
    return { items, total, page, pageSize };
  });
}

/** Checks the whole chain, then records who checked it and what they saw. */
export async function verifyAndRecord(db: Db, ctx: AuditContext): Promise<VerifyResult> {
  const result = await verify(db);
  await record(db, ctx, { action: 'audit.verify', result: result.ok ? 'success' : 'failure', detail: { ...result } });
  return result;
}
