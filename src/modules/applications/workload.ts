/**
 * The applications read model of the workbench: what an operator still has to do — drafts to
 * finish before their deadline, returned applications to fix and resubmit, open calls its spaces
 * have not applied to yet.
 */
import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import type { Actor } from '../../shared/actor.ts';
import { calls } from '../calls/index.ts';
import { spaces } from '../spaces/index.ts';
import { applications } from '../workflow/index.ts';
import { openCallsForOperator } from './open-calls.ts';
import { can } from './policy.ts';

export interface OperatorTodo {
  id: string;
  spaceName: string;
  call: { id: string; title: string };
  /** Drafts: the call's deadline (or the extension granted); returned ones: the resubmission date set by the authority. */
  dueAt: Date | null;
}

export interface OperatorLoad {
  drafts: OperatorTodo[];
  returned: OperatorTodo[];
  /** Open calls, soonest closing first, with the operator's spaces that fit and have not applied yet. */
  openCalls: { call: { id: string; title: string; closesAt: Date }; spacesToApply: string[] }[];
}

const byDue = (a: OperatorTodo, b: OperatorTodo) => (a.dueAt?.getTime() ?? Infinity) - (b.dueAt?.getTime() ?? Infinity);

/** The operator's to-dos: its applications in one statement, plus the open calls' fixed few. */
export async function operatorLoad(db: DbOrTx, actor: Actor, now: Date): Promise<OperatorLoad> {
  if (!can(actor, 'application.list')) return { drafts: [], returned: [], openCalls: [] };
  const [rows, open] = await Promise.all([
    db
      .select({
        id: applications.id,
        status: applications.status,
        spaceId: applications.spaceId,
        spaceName: spaces.name,
        callId: calls.id,
        callTitle: calls.title,
        closesAt: calls.closesAt,
        extendedUntil: applications.deadlineExtendedUntil,
        resubmitDueAt: applications.resubmitDueAt,
      })
      .from(applications)
      .innerJoin(calls, eq(calls.id, applications.callId))
      .innerJoin(spaces, eq(spaces.id, applications.spaceId))
      .where(and(eq(applications.operatorOrgId, actor.org.id), eq(applications.kind, 'filing')))
      .orderBy(asc(applications.createdAt), asc(applications.id)),
    openCallsForOperator(db, actor, now),
  ]);
  const todo = (r: (typeof rows)[number], dueAt: Date | null): OperatorTodo => ({ id: r.id, spaceName: r.spaceName, call: { id: r.callId, title: r.callTitle }, dueAt });
  // A space applies once per call: the pairs already taken, whatever their state.
  const applied = new Set(rows.map((r) => `${r.callId}/${r.spaceId}`));
  return {
    drafts: rows.filter((r) => r.status === 'draft').map((r) => todo(r, r.extendedUntil && r.extendedUntil > r.closesAt ? r.extendedUntil : r.closesAt)).sort(byDue),
    returned: rows.filter((r) => r.status === 'returned').map((r) => todo(r, r.resubmitDueAt)).sort(byDue),
    openCalls: open
      .map(({ call, eligibleSpaces }) => ({
        call: { id: call.id, title: call.title, closesAt: call.closesAt },
        spacesToApply: eligibleSpaces.filter((s) => !applied.has(`${call.id}/${s.id}`)).map((s) => s.name),
      }))
      .filter((c) => c.spacesToApply.length > 0),
  };
}
