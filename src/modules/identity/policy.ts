import { hasRole, inJurisdiction, type Actor } from './actor.ts';
import type { Role } from './schema.ts';

/** Actions on accounts and organisations. */
export type IdentityAction =
  | 'user.list'
  | 'user.create'
  | 'user.disable'
  | 'user.enable'
  | 'user.unlock'
  | 'user.sessions.kill'
  | 'org.list'
  | 'org.create'
  | 'org.disable'
  | 'audit.read'
  | 'mail.outbox.read';

export interface UserSubject {
  id: string;
  roles: readonly Role[];
}

/**
 * 三权分立: the system admin runs accounts and organisations, the security admin unlocks accounts
 * and ends sessions, the audit admin alone reads the audit log. None may act on their own account
 * through these powers (a disabled admin could otherwise lock everyone out).
 */
export function can(actor: Actor, action: IdentityAction, subject?: UserSubject): boolean {
  const self = subject?.id === actor.userId;
  switch (action) {
    case 'user.list':
      return hasRole(actor, 'system_admin', 'security_admin');
    case 'user.create':
    case 'org.list':
    case 'org.create':
    case 'org.disable':
    case 'mail.outbox.read':
      return hasRole(actor, 'system_admin');
    case 'user.disable':
    case 'user.enable':
      return hasRole(actor, 'system_admin') && !self;
    case 'user.unlock':
    case 'user.sessions.kill':
      return hasRole(actor, 'security_admin') && !self;
    case 'audit.read':
      return hasRole(actor, 'audit_admin');
  }
}

export type Abilities = Record<string, boolean>;

export function identityAbilities(actor: Actor): Abilities {
  const actions: IdentityAction[] = [
    'user.list',
    'user.create',
    'user.unlock',
    'user.sessions.kill',
    'org.list',
    'org.create',
    'audit.read',
    'mail.outbox.read',
  ];
  return Object.fromEntries(actions.map((a) => [a, can(actor, a, { id: '', roles: [] })]));
}

export { inJurisdiction };
