import { hasRole, type Actor } from '../../shared/actor.ts';

export type WorkbenchAction =
  /** Open one's own workbench: every signed-in user lands on it, whatever their roles. */
  | 'workbench.read'
  /** See the headline figures of one's jurisdiction (spaces by level, applications by state). */
  | 'workbench.figures';

/**
 * The workbench shows only the actor's own work, each part decided by the policy of the module it
 * comes from; the figures are for authority staff, scoped to their jurisdiction.
 */
export function can(actor: Actor, action: WorkbenchAction): boolean {
  switch (action) {
    case 'workbench.read':
      return true;
    case 'workbench.figures':
      return actor.org.kind === 'authority' && !!actor.jurisdictionPath && hasRole(actor, 'authority_admin', 'authority_reviewer');
  }
}
