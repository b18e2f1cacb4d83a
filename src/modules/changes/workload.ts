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
}

/** Waiting change reports in the actor's jurisdiction: one statement; nothing for those who read none. */
export async function changeWorkload(db: DbOrTx, actor: Actor, now: Date): Promise<ChangeWorkload | null> {
  if (!actor.jurisdictionPath || actor.org.kind === 'operator' || !can(actor, 'change.list')) return null;
  return repo.waitingWithin(db, actor.jurisdictionPath, now);
}
