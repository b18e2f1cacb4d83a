import type { Db, Tx } from '../../db/client.ts';
import { SYSTEM_CONTEXT } from '../../shared/audit-context.ts';
import * as audit from '../audit/index.ts';
import { findCallsByIds } from '../calls/index.ts';
import { shanghaiDate } from '../documents/index.ts';
import { activeUsersWithRoles } from '../identity/index.ts';
import { sendInTx } from '../jobs/index.ts';
import { notify } from '../notify/index.ts';
import * as repo from './repository.ts';

/** How many days before a round's due date its operators are reminded. */
export const REMINDER_DAYS = [7, 1] as const;
const DAY_MS = 86_400_000;

/** Queues a round's reminders with its opening; an offset already past (a round due in 3 days has no 7-day reminder) is left out. */
export async function queueRemindersInTx(tx: Tx, callId: string, dueAt: Date, now: Date): Promise<void> {
  for (const daysBefore of REMINDER_DAYS) {
    const at = new Date(dueAt.getTime() - daysBefore * DAY_MS);
    if (at > now) await sendInTx(tx, 'returns.remind', { callId, daysBefore }, { startAfter: at });
  }
}

/**
 * The `returns.remind` job: the operators of every return of the round not handed in yet (a draft,
 * or one returned for revision) are told the due date is `daysBefore` days away. Each return is
 * reminded once per offset whatever the number of runs; nothing is sent once the due date passed.
 * Returns the number of returns reminded.
 */
export async function remindReturns(db: Db, data: { callId: string; daysBefore: number }, now = new Date()): Promise<number> {
  return db.transaction(async (tx) => {
    const marked = await repo.markReminded(tx, data.callId, data.daysBefore, now);
    if (!marked.length) return 0;
    const [call] = await findCallsByIds(tx, [data.callId]);
    const people = await activeUsersWithRoles(tx, [...new Set(marked.map((m) => m.operatorOrgId))], ['operator_admin', 'operator_staff']);
    const when = data.daysBefore === 1 ? '明天' : `${data.daysBefore}天后`;
    await notify(tx, people.map((p) => p.id), {
      title: '统计报表即将截止',
      body: `“${call!.title}”将于${when}（${shanghaiDate(call!.closesAt)}）截止，你单位的报表尚未提交，请及时填报。`,
      link: '/app/returns',
    });
    await audit.recordInTx(tx, SYSTEM_CONTEXT, { action: 'return_round.remind', objectType: 'call', objectId: data.callId, detail: { daysBefore: data.daysBefore, reminded: marked.map((m) => m.submissionId) } });
    return marked.length;
  });
}
