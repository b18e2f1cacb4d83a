import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '../../db/client.ts';
import { canonicalJson } from '../../shared/canonical-json.ts';
import { submissionRounds } from './schema.ts';

/** One changed value between two rounds: a dotted path into the payload (`items.name`, `values.A01`). */
export interface PayloadChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface PayloadDiff {
  fromRound: number;
  toRound: number;
  changes: PayloadChange[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** Leaves of a payload by dotted path; arrays are leaves (a list of file names changes as a whole). */
function leaves(v: Record<string, unknown>, prefix = '', out = new Map<string, unknown>()): Map<string, unknown> {
  for (const [k, child] of Object.entries(v)) {
    if (child === undefined) continue;
    if (isRecord(child)) leaves(child, `${prefix}${k}.`, out);
    else out.set(`${prefix}${k}`, child);
  }
  return out;
}

/** The leaves whose values differ, sorted by path; a value missing on one side is null. Pure. */
export function diffPayloads(before: Record<string, unknown>, after: Record<string, unknown>): PayloadChange[] {
  const a = leaves(before);
  const b = leaves(after);
  return [...new Set([...a.keys(), ...b.keys()])]
    .sort()
    .filter((k) => canonicalJson(a.get(k)) !== canonicalJson(b.get(k)))
    .map((k) => ({ field: k, before: a.get(k) ?? null, after: b.get(k) ?? null }));
}

/** Each round against the one before it (2 against 1, 3 against 2, …). */
export function diffConsecutivePayloads(rounds: readonly { round: number; payload: Record<string, unknown> }[]): PayloadDiff[] {
  const sorted = [...rounds].sort((x, y) => x.round - y.round);
  return sorted.slice(1).map((r, i) => ({ fromRound: sorted[i]!.round, toRound: r.round, changes: diffPayloads(sorted[i]!.payload, r.payload) }));
}

/** A submission's handed-in rounds and the diff of each against the one before, in one query. */
export async function roundsAndDiffs(db: DbOrTx, submissionId: string) {
  const rows = await db
    .select({ round: submissionRounds.round, submittedAt: submissionRounds.submittedAt, payload: submissionRounds.payload })
    .from(submissionRounds)
    .where(eq(submissionRounds.submissionId, submissionId))
    .orderBy(asc(submissionRounds.round));
  return { rounds: rows.map((r) => ({ round: r.round, submittedAt: r.submittedAt })), diffs: diffConsecutivePayloads(rows) };
}

/** The response fields of `roundsAndDiffs`, for a kind's detail schema. */
export const RoundsAndDiffsFields = {
  rounds: z.array(z.object({ round: z.number().int(), submittedAt: z.date() })),
  diffs: z.array(
    z.object({
      fromRound: z.number().int(),
      toRound: z.number().int(),
      changes: z.array(z.object({ field: z.string().describe('Dotted path into the handed-in payload'), before: z.unknown(), after: z.unknown() })),
    }),
  ),
};
