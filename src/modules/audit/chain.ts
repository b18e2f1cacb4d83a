import { createHmac } from 'node:crypto';

/** The fields a MAC covers, in a fixed order; `at` as an ISO string with milliseconds. */
export interface ChainedFields {
  id: number;
  /** Position in the chain, assigned when the row is sealed (commit order, not id order). */
  seq: number;
  at: Date;
  actorUserId: string | null;
  actorUsername: string | null;
  actorOrgId: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  result: string;
  ip: string | null;
  requestId: string | null;
  detail: Record<string, unknown> | null;
}

export type SealedRow = ChainedFields & { prevHash: string; hash: string };

export const GENESIS_HASH = '0'.repeat(64);

/** The head of the chain as last seen by a sealer, kept outside the database. */
export interface Checkpoint {
  /** Sealed rows at that moment, i.e. the `seq` of the head row. */
  rows: number;
  /** The head row's MAC. */
  hash: string;
  /** When the checkpoint was taken (ISO 8601). */
  at: string;
}

/** JSON with object keys sorted, so jsonb's key reordering does not change the MAC. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/**
 * HMAC-SHA256 over the previous link and the row: without the key (never in the database) a
 * writer of the table cannot produce a MAC that verifies, so it cannot rewrite or re-chain rows.
 */
export function chainMac(key: Buffer, prevHash: string, row: ChainedFields): string {
  // Named one by one: a row read from the table carries more (its seal fields) than the MAC covers.
  const body = canonicalJson({
    id: row.id,
    seq: row.seq,
    at: row.at.toISOString(),
    actorUserId: row.actorUserId,
    actorUsername: row.actorUsername,
    actorOrgId: row.actorOrgId,
    action: row.action,
    objectType: row.objectType,
    objectId: row.objectId,
    result: row.result,
    ip: row.ip,
    requestId: row.requestId,
    detail: row.detail,
  });
  return createHmac('sha256', key).update(prevHash).update('\n').update(body).digest('hex');
}

/** Links rows (in the order they are sealed) onto a head: the seal fields for each. */
export function sealRows(key: Buffer, head: { seq: number; hash: string } | undefined, rows: Omit<ChainedFields, 'seq'>[]) {
  let seq = head?.seq ?? 0;
  let prevHash = head?.hash ?? GENESIS_HASH;
  return rows.map((row) => {
    seq++;
    const hash = chainMac(key, prevHash, { ...row, seq });
    const sealed = { id: row.id, seq, prevHash, hash };
    prevHash = hash;
    return sealed;
  });
}

export type BrokenReason = 'hash_mismatch' | 'prev_hash_mismatch' | 'checkpoint_mismatch';

export interface VerifyResult {
  ok: boolean;
  /** Sealed rows whose link this check verified before the first break (all it walked when ok). */
  checked: number;
  /** The check resumed after this `seq`, verified by an earlier pass (absent: it began at the first row). */
  from?: number;
  /** The check stopped at its row budget before the chain's end: verified through `through` of `head` rows; ask again to go on. */
  progress?: { through: number; head: number };
  /** Rows appended but not yet sealed into the chain (their transactions committed after the last seal). */
  pending?: number;
  /**
   * The first row whose link is broken: an edited row (`hash_mismatch`), the row after a deleted
   * one (`prev_hash_mismatch`), or the row the checkpoint names holding another MAC (`checkpoint_mismatch`).
   */
  brokenAt?: { id: number; reason: BrokenReason };
  /** The checkpoint outside the table names more rows than the chain holds: its tail was deleted. */
  truncated?: { checkpointRows: number; chainRows: number };
}

/** A verified link: the chain up to and including `seq` checked, `hash` its MAC. */
export interface ChainLink {
  seq: number;
  hash: string;
}

export const CHAIN_START: ChainLink = { seq: 0, hash: GENESIS_HASH };

/**
 * Checks the links of consecutive sealed rows following `start` (the genesis, or the last row an
 * earlier walk verified): each row's MAC and its link to the one before; with a checkpoint, that the
 * row it names still holds its MAC. `last` is where the next walk goes on from.
 */
export async function verifyLinks(
  key: Buffer,
  rows: AsyncIterable<SealedRow> | Iterable<SealedRow>,
  start: ChainLink = CHAIN_START,
  checkpoint?: Checkpoint,
): Promise<{ ok: boolean; checked: number; last: ChainLink; brokenAt?: VerifyResult['brokenAt'] }> {
  let last = start;
  let checked = 0;
  for await (const row of rows) {
    // The row before this one was deleted or its MAC rewritten.
    if (row.prevHash !== last.hash) return { ok: false, checked, last, brokenAt: { id: row.id, reason: 'prev_hash_mismatch' } };
    if (chainMac(key, last.hash, row) !== row.hash) return { ok: false, checked, last, brokenAt: { id: row.id, reason: 'hash_mismatch' } };
    if (checkpoint && row.seq === checkpoint.rows && row.hash !== checkpoint.hash) return { ok: false, checked, last, brokenAt: { id: row.id, reason: 'checkpoint_mismatch' } };
    last = { seq: row.seq, hash: row.hash };
    checked++;
  }
  return { ok: true, checked, last };
}

/**
 * Walks sealed rows in `seq` order from the genesis without holding them all and checks every link's
 * MAC; with a checkpoint, also that the chain still reaches it (a deleted tail leaves every
 * remaining link intact).
 */
export async function verifyChain(key: Buffer, rows: AsyncIterable<SealedRow> | Iterable<SealedRow>, checkpoint?: Checkpoint): Promise<VerifyResult> {
  const { ok, checked, brokenAt } = await verifyLinks(key, rows, CHAIN_START, checkpoint);
  if (!ok) return { ok, checked, brokenAt: brokenAt! };
  if (checkpoint && checked < checkpoint.rows) return { ok: false, checked, truncated: { checkpointRows: checkpoint.rows, chainRows: checked } };
  return { ok: true, checked };
}
