import { createHash } from 'node:crypto';

/** The fields a hash covers, in a fixed order; `at` as an ISO string with milliseconds. */
export interface ChainedFields {
  id: number;
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

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted, so jsonb's key reordering does not change the hash. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function chainHash(prevHash: string, row: ChainedFields): string {
  const body = canonicalJson({ ...row, at: row.at.toISOString() });
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  /** The first row whose link is broken (edited row, or the row after a deleted one). */
  brokenAt?: { id: number; reason: 'hash_mismatch' | 'prev_hash_mismatch' };
}

/** Walks rows in id order without holding them all; the CLI and the API share it. */
export async function verifyChain(
  rows: AsyncIterable<ChainedFields & { prevHash: string; hash: string }> | Iterable<ChainedFields & { prevHash: string; hash: string }>,
): Promise<VerifyResult> {
  let prev = GENESIS_HASH;
  let checked = 0;
  for await (const row of rows) {
    if (row.prevHash !== prev) {
      // The row before this one was deleted or its hash rewritten.
      return { ok: false, checked, brokenAt: { id: row.id, reason: 'prev_hash_mismatch' } };
    }
    const { prevHash: _p, hash, ...fields } = row;
    if (chainHash(prev, fields) !== hash) return { ok: false, checked, brokenAt: { id: row.id, reason: 'hash_mismatch' } };
    prev = hash;
    checked++;
  }
  return { ok: true, checked };
}
