import { abilitiesOf, hasRole, inJurisdiction, type Actor } from '../../shared/actor.ts';
import type { FilingLevel, ProposalStatus } from './schema.ts';

export const REVOCATION_ACTIONS = ['revocation.list', 'revocation.read', 'revocation.start', 'revocation.dismiss', 'revocation.timeline'] as const;
export type RevocationAction = (typeof REVOCATION_ACTIONS)[number];

/** What a decision needs to know about a proposal. */
export interface ProposalSubject {
  spaceRegionPath: string;
  status: ProposalStatus;
  /** The level of the filing the revocation would end: the level that decides it. */
  filingLevel: FilingLevel;
}

/** The levels whose admins start or dismiss revocations: the level that gave the filing. */
const DECIDING_LEVELS: readonly string[] = ['province', 'city'];

const isAuthorityStaff = (actor: Actor) => actor.org.kind === 'authority' && !!actor.jurisdictionPath && hasRole(actor, 'authority_admin', 'authority_reviewer');

/**
 * The S&T departments whose jurisdiction holds the space read its proposals (and its timeline); the
 * admin of the level that gave the filing decides on them (002 §四(二): the provincial title is the
 * province's to cancel; 003 第十条: a city-filed space's is the city's) — starts a revocation from a
 * pending one or dismisses it. With a subject, `false` for someone who may not read is out of scope
 * (404); `decides` tells a refused level (403) from a proposal already handled (409).
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
      return reads && decides(actor, subject) && (!subject || subject.status === 'pending');
  }
}

/** Is the actor the admin of the level that decides the proposal's revocation (whatever its state)? */
export function decides(actor: Actor, subject?: Pick<ProposalSubject, 'filingLevel'>): boolean {
  const level = actor.org.authorityLevel ?? '';
  return isAuthorityStaff(actor) && hasRole(actor, 'authority_admin') && DECIDING_LEVELS.includes(level) && (!subject || subject.filingLevel === level);
}

/** Role-level answers for the UI. */
export const abilities = (actor: Actor) => abilitiesOf(REVOCATION_ACTIONS, (a) => can(actor, a));
