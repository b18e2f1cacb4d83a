import type { Actor } from '../../src/shared/actor.ts';

/**
 * An Actor for pure policy tests, without a database: an operator-admin of an operator in 沈阳 浑南区
 * unless overridden. `org` fields merge, so a test states only what matters to it.
 */
export function makeActor(overrides: Partial<Omit<Actor, 'org'>> & { org?: Partial<Actor['org']> } = {}): Actor {
  const { org, ...rest } = overrides;
  return {
    userId: 'u-self',
    username: 'tester',
    displayName: 'tester',
    sessionId: 's',
    roles: ['operator_admin'],
    jurisdictionPath: null,
    mustChangePassword: false,
    mfaEnrolled: false,
    locale: 'zh-CN',
    ...rest,
    org: { id: 'o-own', name: 'org', kind: 'operator', authorityLevel: null, regionCode: '210112', regionName: '浑南区', ...org },
  };
}
