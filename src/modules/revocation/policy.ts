import { abilitiesOf, hasRole, inJurisdiction, type Actor } from '../../shared/actor.ts';
import type { ProposalStatus } from './schema.ts';

export const REVOCATION_ACTIONS = ['revocation.list', 'revocation.read', 'revocation.start', 'revocation.dismiss', 'revocation.timeline'] as const;
export type RevocationAction = (typeof REVOCATION_ACTIONS)[number];

/** What a decision needs to know about a proposal. */
export interface ProposalSubject {
  spaceRegionPath: string;
  status: ProposalStatus;
}

const isAuthorityStaff = (actor: Actor) => actor.org.kind === 'authority' && !!actor.jurisdictionPath && hasRole(actor, 'authority_admin', 'authority_reviewer');

/**
 * The S&T departments whose jurisdiction holds the space read its proposals (and its timeline); the
 * province's admin decides on them (002 §四(二): the provincial title is the province's to cancel) —
 * starts a revocation from a pending one or dismisses it. With a subject, `false` for someone who may
 * not read is out of scope (404).
 */
export function can(actor: Actor, action: RevocationAction, subject?: ProposalSubject): boolean {
  const reads = isAuthorityStaff(actor) && (!subject || inJurisdiction(actor, subject.spaceRegionPath));
  switch (action) {
    case 'revocation.list':
    case 'revocation.read':
    case 'revocation.timeline':
      return reads;
    case 'revocation.start':
    case 'revocation.dismiss':
      return reads && actor.org.authorityLevel === 'province' && hasRole(actor, 'authority_admin') && (!subject || subject.status === 'pending');
  }
}

/** Role-level answers for the UI. */
export const abilities = (actor: Actor) => abilitiesOf(REVOCATION_ACTIONS, (a) => can(actor, a));
