import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';

const DAY_MS = 86_400_000;

/**
 * A past year's statistics or evaluation round onto its own calendar. The services refuse a due date
 * already passed, so the demo opens last years' rounds due in a few days and marks their drafts missed
 * "as at" that coming date; left so, a 2025 return reads 逾期未报 on a day still to come. This moves
 * the round's window (opened `openDays` before the due date) and its missed marks to the given due
 * date: timestamps only, of that call's rows, as `backdate` in history.ts does for last year's filing.
 */
export async function settlePastRound(db: Db, callId: string, dueAt: Date, openDays = 45) {
  const due = dueAt.toISOString();
  const opens = new Date(dueAt.getTime() - openDays * DAY_MS).toISOString();
  await db.transaction(async (tx) => {
    await tx.execute(sql`update calls set opens_at = ${opens}::timestamptz, closes_at = ${due}::timestamptz where id = ${callId}`);
    await tx.execute(sql`update return_values set missed_at = ${due}::timestamptz where call_id = ${callId} and missed_at is not null`);
    await tx.execute(sql`update evaluation_entries set missed_at = ${due}::timestamptz where call_id = ${callId} and missed_at is not null`);
  });
}
