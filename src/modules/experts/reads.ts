/** What other modules read of expert review: whether an expert may read an application, and the scoring state of a stage. */
import type { DbOrTx } from '../../db/client.ts';
import * as repo from './repository.ts';

/**
 * May the expert open the application's materials? Only with a live assignment whose no-conflict
 * declaration is signed (the applications module asks this when an expert opens a dossier).
 */
export function expertCleared(db: DbOrTx, expertUserId: string, applicationId: string): Promise<boolean> {
  return repo.hasDeclaredAssignment(db, expertUserId, applicationId);
}

/**
 * How far the scoring of an application at an expert stage is: the review module passes the stage
 * only when every live assignment has submitted (and there is at least one).
 */
export function scoringStatus(db: DbOrTx, applicationId: string, stageKey: string) {
  return repo.scoringStatus(db, applicationId, stageKey);
}
