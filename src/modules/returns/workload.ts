/** The returns read model of the workbench: an operator's statistics returns still to file or to fix. */
import type { DbOrTx } from '../../db/client.ts';
import type { Actor } from '../../shared/actor.ts';
import { can } from './policy.ts';
import * as repo from './repository.ts';

export interface ReturnToFile {
  id: string;
  spaceName: string;
  title: string;
  dueAt: Date;
  /** Sent back by a reviewer (else a draft not yet handed in). */
  returned: boolean;
}

/**
 * The operator's returns waiting for it: drafts of open rounds not yet missed, and returns a stage
 * sent back, the earliest due date first. One statement; none for who files no returns.
 */
export async function returnsToFile(db: DbOrTx, actor: Actor): Promise<ReturnToFile[] | null> {
  if (actor.org.kind !== 'operator' || !can(actor, 'return.list_mine')) return null;
  return repo.waitingForOperator(db, actor.org.id);
}
