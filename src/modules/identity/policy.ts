import { hasRole, inJurisdiction, type Actor } from './actor.ts';

/** Actions on accounts and organisations; the list is also what `identityAbilities` reports. */
export const IDENTITY_ACTIONS = [
  'user.list',
  'user.create',
  'user.disable',
  'user.enable',
  'user.unlock',
  'user.sessions.kill',
  'org.list',
  'org.create',
  'org.disable',
  'org.enable',
  'audit.read',
  'mail.outbox.read',
] as const;
export type IdentityAction = (typeof IDENTITY_ACTIONS)[number];

/**
 * The record an action touches: a user id for `user.*`, an organisation id for `org.*`. Without a
 * subject the answer is role-level only ("may this actor use the power at all").
 */
export interface IdentitySubject {
  id: string;
}

/**
 * 三权分立: the system admin runs accounts and organisations, the security admin unlocks accounts
 * and ends sessions, the audit admin alone reads the audit log. None may use these powers on their
 * own account or organisation (an admin who disables themself or the platform locks everyone out,
 * and one who unlocks themself defeats the lockout).
 */
export function can(actor: Actor, action: IdentityAction, subject?: IdentitySubject): boolean {
  const selfUser = subject?.id === actor.userId;
  const ownOrg = subject?.id === actor.org.id;
  switch (action) {
    case 'user.list':
      return hasRole(actor, 'system_admin', 'security_admin');
    case 'user.create':
    case 'org.list':
    case 'org.create':
    case 'mail.outbox.read':
      return hasRole(actor, 'system_admin');
    case 'org.disable':
    case 'org.enable':
      return hasRole(actor, 'system_admin') && !ownOrg;
    case 'user.disable':
    case 'user.enable':
      return hasRole(actor, 'system_admin') && !selfUser;
    case 'user.unlock':
    case 'user.sessions.kill':
      return hasRole(actor, 'security_admin') && !selfUser;
    case 'audit.read':
      return hasRole(actor, 'audit_admin');
  }
}

export type Abilities = Record<string, boolean>;

/** Role-level answers for every identity action, for the UI (keys are the action names). */
export function identityAbilities(actor: Actor): Abilities {
  return Object.fromEntries(IDENTITY_ACTIONS.map((a) => [a, can(actor, a)]));
}

export { inJurisdiction };
