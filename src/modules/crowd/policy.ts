import { abilitiesOf, hasRole, isOperatorMember, type Actor } from '../../shared/actor.ts';
import type { ChallengeState } from './schema.ts';

export const CROWD_ACTIONS = ['crowd.manage', 'crowd.submit', 'crowd.panel', 'crowd.oversee'] as const;
export type CrowdAction = (typeof CROWD_ACTIONS)[number];

/** A challenge as a decision about it needs it. */
export interface ChallengeSubject {
  operatorOrgId: string;
  state: ChallengeState;
  /** The reader sits on the challenge's panel. */
  onPanel: boolean;
}

/** A solution as a decision about it needs it. */
export interface SolutionSubject extends ChallengeSubject {
  makerOrgId: string;
}

export const isMaker = (actor: Actor) => actor.org.kind === 'maker_team' && hasRole(actor, 'maker');

/** Who may sit on a panel: experts of the platform's pools and the members of the space's operator. */
export const panelEligible = (u: { roles: readonly string[]; orgId: string }, operatorOrgId: string) =>
  u.roles.includes('expert') || (u.orgId === operatorOrgId && (u.roles.includes('operator_admin') || u.roles.includes('operator_staff')));

/**
 * A space's operator keeps its challenges; makers read published ones and submit; the panel reads
 * and scores. A solution is private (issue 16: "visible only to the panel and the submitter"): its
 * content — summary, files, the submitting person — is read by the team that submitted it and the
 * challenge's panel only. The space's operator awards on the panel's judgement, so it reads each
 * solution's outline (team, title, submission time, award, the panel's scores) and not its content,
 * unless its user sits on that challenge's panel. No one else learns a solution exists (404). An
 * authority reads its jurisdiction's crowd figures (`crowd.oversee`: counts and rewards per space,
 * never a solution).
 */
export function can(actor: Actor, action: CrowdAction, subject?: ChallengeSubject): boolean {
  switch (action) {
    case 'crowd.manage':
      return isOperatorMember(actor) && (!subject || subject.operatorOrgId === actor.org.id);
    case 'crowd.submit':
      return isMaker(actor) && (!subject || subject.state === 'open');
    case 'crowd.panel':
      // Role level: the accounts a space may choose; on a challenge, only its panel.
      return subject ? subject.onPanel : hasRole(actor, 'expert') || isOperatorMember(actor);
    case 'crowd.oversee':
      return actor.org.kind === 'authority' && actor.jurisdictionPath !== null;
  }
}

/** Whether the actor may read the challenge (drafts stay with the operator and the panel). */
export function readsChallenge(actor: Actor, c: ChallengeSubject): boolean {
  if (can(actor, 'crowd.manage', c) || c.onPanel) return true;
  return c.state !== 'draft';
}

/** Whether the actor may read the solution's content (summary, files, submitter): the submitting team and the challenge's panel. */
export function readsSolutionContent(actor: Actor, s: SolutionSubject): boolean {
  return (isMaker(actor) && s.makerOrgId === actor.org.id) || s.onPanel;
}

/**
 * Whether the actor may know the solution at all: those who read its content, and the space's
 * operator, which sees its outline to award it (`readsSolutionContent` decides the rest).
 */
export function readsSolution(actor: Actor, s: SolutionSubject): boolean {
  return readsSolutionContent(actor, s) || can(actor, 'crowd.manage', s);
}

/** A panel member scores while the challenge is being judged. */
export const scores = (s: ChallengeSubject) => s.onPanel && s.state === 'judging';

export function abilities(actor: Actor) {
  return abilitiesOf(CROWD_ACTIONS, (a) => can(actor, a));
}
