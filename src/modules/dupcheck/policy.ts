import { abilitiesOf, hasRole, inJurisdiction, type Actor } from '../../shared/actor.ts';

export const DUPCHECK_ACTIONS = ['support_alert.read', 'entity_link.manage'] as const;
export type DupcheckAction = (typeof DUPCHECK_ACTIONS)[number] | 'support_alert.dispose' | 'entity_link.delete';

/** What deciding about one alert needs: the grantors of its supports and, for D6, its space's region. */
export interface AlertSubject {
  rule: string;
  grantorOrgIds: readonly string[];
  spaceRegionPath: string | null;
}

/**
 * The staff of a granting department: an authority's admins and reviewers (any level), or of
 * another department registered as an organisation that records supports.
 */
const isGrantingStaff = (actor: Actor) => hasRole(actor, 'authority_admin', 'authority_reviewer');

/**
 * Alerts are read by granting staff (the list is scoped to the supports their organisation granted
 * and, for authorities, their region tree). An alert is disposed of by the granting reviewers of
 * one of its supports — never by a bystander higher up the tree; a D6 alert about a return (which
 * may name no support at all) also by the staff of the authorities over the space. Entity links
 * (关联主体) are recorded by authority admins and removed by the admins of the authority that recorded them.
 */
export function can(actor: Actor | null, action: DupcheckAction, subject?: AlertSubject | { recordedByOrgId: string }): boolean {
  if (!actor || !isGrantingStaff(actor)) return false;
  switch (action) {
    case 'support_alert.read':
      return true;
    case 'support_alert.dispose': {
      const s = subject as AlertSubject | undefined;
      if (!s) return true;
      if (s.grantorOrgIds.includes(actor.org.id)) return true;
      return s.rule === 'D6' && actor.org.kind === 'authority' && !!s.spaceRegionPath && inJurisdiction(actor, s.spaceRegionPath);
    }
    case 'entity_link.manage':
      return actor.org.kind === 'authority' && !!actor.jurisdictionPath && hasRole(actor, 'authority_admin');
    case 'entity_link.delete': {
      const s = subject as { recordedByOrgId: string } | undefined;
      return actor.org.kind === 'authority' && hasRole(actor, 'authority_admin') && (!s || s.recordedByOrgId === actor.org.id);
    }
  }
}

export function abilities(actor: Actor) {
  return abilitiesOf(DUPCHECK_ACTIONS, (a) => can(actor, a));
}
