import { abilitiesOf, hasRole, inJurisdiction, type Actor } from '../../shared/actor.ts';

export const POLICY_ACTIONS = ['policy.manage', 'policy.subscribe'] as const;
export type PolicyAction = (typeof POLICY_ACTIONS)[number] | 'policy.read' | 'policy.edit' | 'policy.publish' | 'policy.validity';

/** What a decision about one policy needs to know of it. */
export interface PolicySubject {
  status: 'draft' | 'published';
  regionPath: string;
}

/** An authority's admin (any level with a jurisdiction) keeps the library of its region tree. */
const isAuthorityAdmin = (actor: Actor) => actor.org.kind === 'authority' && !!actor.jurisdictionPath && hasRole(actor, 'authority_admin');
const isAuthorityStaff = (actor: Actor) => actor.org.kind === 'authority' && !!actor.jurisdictionPath && hasRole(actor, 'authority_admin', 'authority_reviewer');

/**
 * A published policy is public: anyone reads it, signed in or not. A draft is read by the staff of
 * the authorities whose jurisdiction holds its region, and written (edited, published) by their
 * admins; a published policy's validity is changed by the same admins. Outside the jurisdiction
 * a draft does not exist (404). Any signed-in user may subscribe to new policies.
 */
export function can(actor: Actor | null, action: PolicyAction, subject?: PolicySubject): boolean {
  const within = (a: Actor) => !subject || inJurisdiction(a, subject.regionPath);
  switch (action) {
    case 'policy.read':
      return subject?.status === 'published' || (!!actor && isAuthorityStaff(actor) && within(actor));
    case 'policy.manage':
      return !!actor && isAuthorityStaff(actor);
    case 'policy.edit':
    case 'policy.publish':
      return !!actor && isAuthorityAdmin(actor) && within(actor) && (!subject || subject.status === 'draft');
    case 'policy.validity':
      return !!actor && isAuthorityAdmin(actor) && within(actor) && (!subject || subject.status === 'published');
    case 'policy.subscribe':
      return !!actor;
  }
}

export function abilities(actor: Actor) {
  return { ...abilitiesOf(POLICY_ACTIONS, (a) => can(actor, a)), 'policy.edit': can(actor, 'policy.edit') };
}
