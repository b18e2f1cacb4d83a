import { abilitiesOf, hasRole, isOperatorMember, type Actor } from '../../shared/actor.ts';

export type WorkbenchAction =
  /** Open one's own workbench: every signed-in user lands on it, whatever their roles. */
  | 'workbench.read'
  /** See the headline figures of one's jurisdiction (spaces by level, applications by state). */
  | 'workbench.figures'
  /** See the desk cards of the spaces one's operator runs (bookings, approvals, check-ins, orders, coaching). */
  | 'workbench.desk'
  /** Open the service platform's statistics of one's jurisdiction (utilisation, top resources, income, coaching). */
  | 'workbench.platform_stats';

/**
 * The workbench shows only the actor's own work, each part decided by the policy of the module it
 * comes from; the figures are for authority staff, scoped to their jurisdiction.
 */
export function can(actor: Actor, action: WorkbenchAction): boolean {
  switch (action) {
    case 'workbench.read':
      return true;
    case 'workbench.figures':
    case 'workbench.platform_stats':
      return actor.org.kind === 'authority' && !!actor.jurisdictionPath && hasRole(actor, 'authority_admin', 'authority_reviewer');
    case 'workbench.desk':
      return isOperatorMember(actor);
  }
}

/** What the web app may offer: the platform statistics page's menu item. */
export function abilities(actor: Actor) {
  return abilitiesOf(['workbench.platform_stats'] as const, (a) => can(actor, a));
}
