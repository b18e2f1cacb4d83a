import { abilitiesOf, hasRole, type Actor } from '../../shared/actor.ts';

export const REGISTRY_ACTIONS = ['org.profile.read', 'org.profile.edit', 'org.profile.read_full', 'host.list', 'host.link', 'maker.profile.edit'] as const;
export type RegistryAction = (typeof REGISTRY_ACTIONS)[number];

/** The organisation whose registry profile is at stake. */
export interface ProfileSubject {
  orgId: string;
}

const memberOf = (actor: Actor, subject?: ProfileSubject) => !subject || subject.orgId === actor.org.id;
const operatorMember = (actor: Actor) => actor.org.kind === 'operator' && hasRole(actor, 'operator_admin', 'operator_staff');
const maker = (actor: Actor) => actor.org.kind === 'maker_team' && hasRole(actor, 'maker');
const operatorAdmin = (actor: Actor) => actor.org.kind === 'operator' && hasRole(actor, 'operator_admin');

/**
 * An operator's registry profile (法人代表, contacts, nature) and its hosts are read by its members
 * and kept by its admins. Mobiles are personal data (SECURITY-CHECKLIST 18): only the org's own
 * admins, who enter and keep them, see them in full; staff see them masked.
 */
export function can(actor: Actor, action: RegistryAction, subject?: ProfileSubject): boolean {
  switch (action) {
    case 'org.profile.read':
    case 'host.list':
      return operatorMember(actor) && memberOf(actor, subject);
    case 'org.profile.edit':
    case 'org.profile.read_full':
    case 'host.link':
      return operatorAdmin(actor) && memberOf(actor, subject);
    case 'maker.profile.edit':
      // Every member of a maker team keeps its profile: a team has no admin of its own.
      return maker(actor) && memberOf(actor, subject);
  }
}

export function abilities(actor: Actor) {
  return abilitiesOf(REGISTRY_ACTIONS, (a) => can(actor, a));
}
