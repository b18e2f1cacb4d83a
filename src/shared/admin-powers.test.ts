import { describe, expect, it } from 'vitest';
import { makeActor } from '../../test/helpers/actor.ts';
import type { Actor } from './actor.ts';
import { can, IDENTITY_ACTIONS, identityAbilities, type IdentityAction } from './admin-powers.ts';
import { ADMIN_POWERS, ROLES, type Role } from './domain.ts';

const actor = (role: Role): Actor =>
  makeActor({ username: role, roles: [role], org: { kind: 'platform', regionCode: '000000', regionName: '中华人民共和国' } });

/** Who holds each power at all (role level); every other role is refused. */
const HOLDERS: Record<IdentityAction, Role[]> = {
  'user.list': ['system_admin', 'security_admin'],
  'user.create': ['system_admin'],
  'user.disable': ['system_admin'],
  'user.enable': ['system_admin'],
  'user.unlock': ['security_admin'],
  'user.sessions.kill': ['security_admin'],
  'user.update': ['system_admin'],
  'user.password.reset': ['system_admin'],
  'org.list': ['system_admin'],
  'org.create': ['system_admin'],
  'org.disable': ['system_admin'],
  'org.enable': ['system_admin'],
  'audit.read': ['audit_admin'],
  'mail.outbox.read': ['system_admin'],
};

const USER_SUBJECT_ACTIONS: IdentityAction[] = ['user.disable', 'user.enable', 'user.unlock', 'user.sessions.kill', 'user.update', 'user.password.reset'];
const ORG_SUBJECT_ACTIONS: IdentityAction[] = ['org.disable', 'org.enable'];

describe('identity policy (三权分立)', () => {
  const table = IDENTITY_ACTIONS.flatMap((action) => ROLES.map((role) => [action, role, HOLDERS[action].includes(role)] as const));
  it.each(table)('%s by %s → %s', (action, role, allowed) => {
    expect(can(actor(role), action)).toBe(allowed);
    // A plain account of someone else (or another organisation) as the subject.
    expect(can(actor(role), action, { id: 'someone-else', roles: ['authority_reviewer'] })).toBe(allowed);
  });

  const MANAGE: ('user.create' | 'user.disable' | 'user.enable' | 'user.update' | 'user.password.reset')[] = ['user.create', 'user.disable', 'user.enable', 'user.update', 'user.password.reset'];
  const powerPairs = MANAGE.flatMap((action) => ROLES.flatMap((role) => ADMIN_POWERS.map((power) => [action, role, power] as const)));
  it.each(powerPairs)('%s by %s of an account holding %s is left to the CLI', (action, role, power) => {
    expect(can(actor(role), action, { id: 'someone-else', roles: [power] })).toBe(false);
    expect(can(actor(role), action, { id: 'someone-else', roles: ['authority_reviewer', power] })).toBe(false);
  });

  it.each(ADMIN_POWERS)('the security admin still unlocks and ends the sessions of a %s (no power taken away)', (power) => {
    expect(can(actor('security_admin'), 'user.unlock', { id: 'someone-else', roles: [power] })).toBe(true);
    expect(can(actor('security_admin'), 'user.sessions.kill', { id: 'someone-else', roles: [power] })).toBe(true);
  });

  it.each(USER_SUBJECT_ACTIONS)('nobody may use %s on their own account', (action) => {
    for (const role of HOLDERS[action]) expect(can(actor(role), action, { id: 'u-self', roles: ['authority_reviewer'] })).toBe(false);
  });

  it.each(ORG_SUBJECT_ACTIONS)('nobody may use %s on their own organisation', (action) => {
    for (const role of HOLDERS[action]) expect(can(actor(role), action, { id: 'o-own' })).toBe(false);
  });

  it('reports every action as an ability, keyed by its name', () => {
    const abilities = identityAbilities(actor('security_admin'));
    expect(Object.keys(abilities).sort()).toEqual([...IDENTITY_ACTIONS].sort());
    expect(abilities).toMatchObject({ 'user.list': true, 'user.unlock': true, 'user.sessions.kill': true, 'user.create': false, 'audit.read': false });
  });
});
