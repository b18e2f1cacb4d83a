/** The changes read model of the workbench: a jurisdiction's change reports waiting for review. */
import type { DbOrTx } from '../../db/client.ts';
import type { Actor } from '../../shared/actor.ts';
import { can } from './policy.ts';
import * as repo from './repository.ts';

export interface ChangeWorkload {
  /** Handed in, not yet decided. */
  waiting: number;
  /** Of them, handed in after their report due date. */
  late: number;
  /** Of them, past their current stage's due date. */
  overdue: number;
  /** The earliest stage due date among them. */
  dueAt: Date | null;
  /** The first few late ones, the earliest stage due date first. */
  lateItems: { id: string; spaceName: string; stageDueAt: Date | null }[];
}

/** Waiting change reports in the actor's jurisdiction: two statements; none for those who read no reports. */
export async function changeWorkload(db: DbOrTx, actor: Actor, now: Date, items: number): Promise<ChangeWorkload | null> {
  if (!actor.jurisdictionPath || actor.org.kind === 'operator' || !can(actor, 'change.list')) return null;
  const [load, late] = await Promise.all([
    repo.waitingWithin(db, actor.jurisdictionPath, now),
    repo.list(db, { withinPath: actor.jurisdictionPath, statuses: ['submitted', 'in_review'], late: true }, { sort: 'stageDueAt', order: 'asc' }, 1, items),
  ]);
  return { ...load, lateItems: late.rows.map((r) => ({ id: r.app.id, spaceName: r.spaceName, stageDueAt: r.app.stageDueAt })) };
}
