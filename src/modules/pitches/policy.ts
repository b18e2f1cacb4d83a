import { abilitiesOf, hasRole, isOperatorMember, type Actor } from '../../shared/actor.ts';
import type { PitchCallState } from './schema.ts';

export const PITCH_ACTIONS = ['pitch.manage', 'pitch.apply', 'pitch.review'] as const;
export type PitchAction = (typeof PITCH_ACTIONS)[number];

/** A call as a decision about it needs it. */
export interface PitchCallSubject {
  operatorOrgId: string;
  state: PitchCallState;
  /** The reader is one of the call's assigned reviewers. */
  onPanel: boolean;
}

/** An application as a decision about it needs it. */
export interface PitchApplicationSubject extends PitchCallSubject {
  makerOrgId: string;
}

/** A maker account of a maker team (individual makers register as a team of one). */
export const isMaker = (actor: Actor) => actor.org.kind === 'maker_team' && hasRole(actor, 'maker');

/** Whether the window is open at `now`. */
export const windowOpen = (c: { opensAt: Date; closesAt: Date }, now: Date) => c.opensAt <= now && now < c.closesAt;

/**
 * A space's operator keeps its calls; makers read open and finished calls and apply; assigned
 * reviewers read and score. An application is private: the team, the panel and the organiser see
 * it, and no one else learns it exists (404).
 */
export function can(actor: Actor, action: PitchAction, subject?: PitchCallSubject): boolean {
  switch (action) {
    case 'pitch.manage':
      return isOperatorMember(actor) && (!subject || subject.operatorOrgId === actor.org.id);
    case 'pitch.apply':
      return isMaker(actor) && (!subject || subject.state === 'open');
    case 'pitch.review':
      // Role level: the accounts a space may assign; on a call, only its panel.
      return subject ? subject.onPanel : hasRole(actor, 'expert') || isOperatorMember(actor);
  }
}

/** Whether the actor may read the call (drafts stay with the organiser and the panel). */
export const readsCall = (actor: Actor, c: PitchCallSubject) => can(actor, 'pitch.manage', c) || c.onPanel || c.state !== 'draft';

/** Whether the actor may read the application: the applying team, the panel, the organiser. */
export const readsApplication = (actor: Actor, a: PitchApplicationSubject) =>
  (isMaker(actor) && a.makerOrgId === actor.org.id) || a.onPanel || can(actor, 'pitch.manage', a);

/** Scores and the ranking: the panel and the organiser at any time, the applying team once published. */
export const seesScores = (actor: Actor, a: PitchCallSubject) => a.onPanel || can(actor, 'pitch.manage', a);

/** An assigned reviewer scores while the call is in review. */
export const scores = (c: PitchCallSubject) => c.onPanel && c.state === 'reviewing';

/** The applying team edits or withdraws while the call is open and its window has not closed. */
export const changesApplication = (actor: Actor, a: PitchApplicationSubject & { opensAt: Date; closesAt: Date }, now: Date) =>
  isMaker(actor) && a.makerOrgId === actor.org.id && a.state === 'open' && windowOpen(a, now);

export function abilities(actor: Actor) {
  return abilitiesOf(PITCH_ACTIONS, (a) => can(actor, a));
}
