import { abilitiesOf, hasRole, type Actor } from './actor.ts';
import { ADMIN_POWERS, type Role } from './domain.ts';

/** Actions on accounts and organisations; the list is also what `identityAbilities` reports. */
export const IDENTITY_ACTIONS = [
  'user.list',
  'user.create',
  'user.disable',
  'user.enable',
  'user.unlock',
  'user.sessions.kill',
  'user.update',
  'user.password.reset',
  'org.list',
  'org.create',
  'org.disable',
  'org.enable',
  'audit.read',
  'mail.outbox.read',
] as const;
export type IdentityAction = (typeof IDENTITY_ACTIONS)[number];

type AccountAction = 'user.create' | 'user.disable' | 'user.enable' | 'user.unlock' | 'user.sessions.kill' | 'user.update' | 'user.password.reset';
type OrgAction = 'org.disable' | 'org.enable';

/** The account an action touches: its id (none yet when creating) and the roles it holds or is to hold. */
export interface AccountSubject {
  id?: string;
  roles: readonly Role[];
}

export interface OrgSubject {
  id: string;
}

/** The subject each action takes; actions without one are decided by role alone. */
export type SubjectOf<A extends IdentityAction> = A extends AccountAction ? AccountSubject : A extends OrgAction ? OrgSubject : never;

export const isAdminPower = (role: Role) => (ADMIN_POWERS as readonly Role[]).includes(role);

/**
 * 三权分立. The system admin runs accounts and organisations, the security admin unlocks accounts
 * and ends sessions, the audit admin alone reads the audit log.
 *
 * Accounts holding one of the three powers are created, disabled and enabled only by the operator
 * through the CLI (`npx hatchery user …`, audited): through the API a power could otherwise mint or
 * silence another (a system admin creating an audit admin reads the log; one disabling the audit
 * admin blinds it). Unlocking and ending sessions take no power away, so the security admin does
 * them for every account.
 *
 * None may use these powers on their own account or organisation (an admin who disables themself or
 * the platform locks everyone out, and one who unlocks themself defeats the lockout).
 *
 * Without a subject the answer is role-level only ("may this actor use the power at all").
 */
export function can<A extends IdentityAction>(actor: Actor, action: A, subject?: SubjectOf<A>): boolean {
  // Each action is given only the subject its type names (SubjectOf), so reading both shapes is safe.
  const target = subject as Partial<AccountSubject & OrgSubject> | undefined;
  const self = target?.id !== undefined && target.id === actor.userId;
  const ownOrg = target?.id !== undefined && target.id === actor.org.id;
  const adminAccount = target?.roles?.some(isAdminPower) ?? false;
  switch (action as IdentityAction) {
    case 'user.list':
      return hasRole(actor, 'system_admin', 'security_admin');
    case 'user.create':
      return hasRole(actor, 'system_admin') && !adminAccount;
    case 'org.list':
    case 'org.create':
    case 'mail.outbox.read':
      return hasRole(actor, 'system_admin');
    case 'org.disable':
    case 'org.enable':
      return hasRole(actor, 'system_admin') && !ownOrg;
    // Editing an account (its roles included) and resetting its password follow the line of
    // disabling: never one's own account, never one holding a power, never granting a power (the
    // subject's roles are checked before and after the edit).
    case 'user.disable':
    case 'user.enable':
    case 'user.update':
    case 'user.password.reset':
      return hasRole(actor, 'system_admin') && !self && !adminAccount;
    case 'user.unlock':
    case 'user.sessions.kill':
      return hasRole(actor, 'security_admin') && !self;
    case 'audit.read':
      return hasRole(actor, 'audit_admin');
  }
}

export type Abilities = Record<string, boolean>;

/** Role-level answers for every identity action, for the UI (keys are the action names). */
export function identityAbilities(actor: Actor) {
  return abilitiesOf(IDENTITY_ACTIONS, (a) => can(actor, a));
}

