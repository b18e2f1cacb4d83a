import type { DbOrTx } from '../../db/client.ts';
import * as repo from './repository.ts';

/**
 * May the expert open the application's materials? Only with a live assignment whose no-conflict
 * declaration is signed (the applications module asks this when an expert opens a dossier).
 */
export function expertCleared(db: DbOrTx, expertUserId: string, applicationId: string): Promise<boolean> {
  return repo.hasDeclaredAssignment(db, expertUserId, applicationId);
}
