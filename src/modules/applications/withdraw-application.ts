/** Taking a submitted application back. */
import type { Db } from '../../db/client.ts';
import type { AuditContext } from '../audit/index.ts';
import type { Actor } from '../../shared/actor.ts';
import { notify } from '../notify/index.ts';
import { lockSubmissionInTx, nextStatus, transitionInTx } from '../workflow/index.ts';
import { loadInScope, present, staleSave, applicantPeople } from './access.ts';

/** Takes a submitted application back while its review has not started. */
export async function withdrawApplication(db: Db, actor: Actor, ctx: AuditContext, id: string, input: { revision: number; reason?: string }) {
  const { call, space, subject } = await loadInScope(db, actor, id, 'application.withdraw', 'withdraw');
  const withdrawn = await db.transaction(async (tx) => {
    const locked = await lockSubmissionInTx(tx, id);
    nextStatus(locked.status, 'withdraw');
    if (locked.revision !== input.revision) throw await staleSave(tx, id, input.revision);
    const { to: row } = await transitionInTx(tx, ctx, actor, id, { action: 'withdraw', expectedRevision: input.revision, note: input.reason ?? null });
    await notify(tx, applicantPeople(locked, actor), { title: '备案申请已撤回', body: `“${space.name}”对“${call.title}”的申请已撤回。`, link: `/app/applications/${id}` });
    return row;
  });
  return present(db, actor, withdrawn, call, space, { ...subject, status: withdrawn.status });
}
