/** An authority's extension of an application's deadline. */
import type { Db } from '../../db/client.ts';
import { fieldError } from '../../shared/errors.ts';
import type { AuditContext } from '../audit/index.ts';
import { shanghaiDateTime } from '../documents/index.ts';
import type { Actor } from '../../shared/actor.ts';
import { notify } from '../notify/index.ts';
import { lockSubmissionInTx, transitionInTx } from '../workflow/index.ts';
import { loadInScope, present, applicantPeople } from './access.ts';

/** An authority admin over the call's region lets this application be submitted until `until`. */
export async function extendDeadline(db: Db, actor: Actor, ctx: AuditContext, id: string, input: { until: string; reason: string }) {
  const now = new Date();
  const { call, space, subject } = await loadInScope(db, actor, id, 'application.extend', 'extend');
  const until = new Date(input.until);
  const row = await db.transaction(async (tx) => {
    // Decided under the lock: a returned application's due date is its resubmission date; any other's, the call's deadline.
    const locked = await lockSubmissionInTx(tx, id);
    const returned = locked.status === 'returned';
    if (returned ? until <= now : until <= now || until <= call.closesAt)
      throw fieldError('body.until', returned ? '重新提交期限须晚于当前时间' : '延期截止时间须晚于当前时间和本批次截止时间', returned ? 'must be later than now' : 'must be later than now and than the call’s closing time');
    const previous = returned ? locked.resubmitDueAt : locked.deadlineExtendedUntil;
    const { to } = await transitionInTx(tx, ctx, actor, id, {
      action: 'extend',
      keepRevision: true,
      patch: returned ? { resubmitDueAt: until } : { deadlineExtendedUntil: until },
      note: input.reason,
      detail: { until: until.toISOString(), previous: previous?.toISOString() ?? null, reason: input.reason, ...(returned ? { resubmission: true } : {}) },
    });
    await notify(tx, applicantPeople(locked, actor), {
      title: returned ? '重新提交期限已延长' : '申报截止时间已延期',
      body: `“${space.name}”对“${call.title}”的申请可${returned ? '重新' : ''}提交至${shanghaiDateTime(until)}。`,
      link: `/app/applications/${id}`,
    });
    return to;
  });
  return present(db, actor, row, call, space, { ...subject, status: row.status });
}
