import type { Db, DbOrTx } from '../../db/client.ts';
import type { Actor } from '../../shared/actor.ts';
import { findSpaceInScope } from '../spaces/index.ts';
import * as repo from './repository.ts';

/** A space's filings, for whoever may read the space (404 otherwise). */
export async function spaceFilings(db: Db, actor: Actor, spaceId: string) {
  await findSpaceInScope(db, actor, spaceId);
  const rows = await repo.filingsOfSpace(db, spaceId);
  return {
    items: rows.map(({ filing, list }) => ({
      id: filing.id,
      level: filing.level,
      status: filing.status,
      filedAt: filing.filedAt,
      cancelledReason: filing.cancelledReason,
      cancelledAt: filing.cancelledAt,
      list,
    })),
  };
}

/**
 * Of `spaceIds`, those a chain that requires a filing at `level` admits (a filed provincial space may
 * be recommended to the national call, 002 §四). Used when listing and opening applications.
 */
export function spacesFiledAt(db: DbOrTx, spaceIds: readonly string[], level: repo.Level): Promise<Set<string>> {
  return repo.spacesFiledAt(db, spaceIds, level);
}
