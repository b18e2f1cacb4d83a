import { hasRole, inJurisdiction, isOperatorMember, type Actor } from '../../shared/actor.ts';

export type SchemeAction = 'evaluation_scheme.read' | 'evaluation_scheme.clone' | 'evaluation_scheme.edit' | 'evaluation_scheme.publish';

export interface SchemeSubject {
  status: 'draft' | 'published';
  /** Region path of the jurisdiction whose spaces the scheme grades (and which drafts it). */
  regionPath: string;
}

const isGoverningStaff = (actor: Actor) => actor.org.kind === 'authority' && !!actor.jurisdictionPath && hasRole(actor, 'authority_admin', 'authority_reviewer');

/**
 * Evaluation is run by the authority that filed the spaces: a city (许昌, 003 第十条), a province
 * (辽宁, 002 §四) or the ministry; a county files nothing of its own and evaluates nothing.
 */
const runsEvaluation = (actor: Actor) =>
  actor.org.kind === 'authority' && hasRole(actor, 'authority_admin') && !!actor.jurisdictionPath && actor.org.authorityLevel !== 'county';

/** Whether the scheme's jurisdiction lies on the actor's line: the actor's own, one above it, or one below it. */
const onLine = (actor: Actor, regionPath: string) =>
  inJurisdiction(actor, regionPath) || (!!actor.jurisdictionPath && (actor.jurisdictionPath === regionPath || actor.jurisdictionPath.startsWith(`${regionPath}/`)));

/**
 * Evaluation schemes, as rule sets: governing staff read the published schemes of their own
 * jurisdiction, those above it (which may grade their spaces) and those below it, and the drafts
 * within their jurisdiction; an evaluating authority's admins clone any scheme they can read into a
 * draft of their own, and edit and publish only their own drafts.
 */
export function canScheme(actor: Actor, action: SchemeAction, subject?: SchemeSubject): boolean {
  switch (action) {
    case 'evaluation_scheme.read':
      if (!isGoverningStaff(actor)) return false;
      return !subject || (subject.status === 'published' ? onLine(actor, subject.regionPath) : inJurisdiction(actor, subject.regionPath));
    case 'evaluation_scheme.clone':
      return runsEvaluation(actor) && (!subject || canScheme(actor, 'evaluation_scheme.read', subject));
    case 'evaluation_scheme.edit':
    case 'evaluation_scheme.publish':
      return runsEvaluation(actor) && subject?.status === 'draft' && subject.regionPath === actor.jurisdictionPath;
  }
}


export type RoundAction = 'evaluation_round.open' | 'evaluation_round.read' | 'evaluation_round.manage';

/** A round as its policy needs it: the evaluating authority and its jurisdiction. */
export interface RoundSubject {
  authorityOrgId: string;
  regionPath: string;
}

/**
 * Evaluation rounds: an evaluating authority's admin opens them for its jurisdiction and manages its
 * own (scores, grade corrections); governing staff on the round's line (its own jurisdiction, above
 * or below it) follow them.
 */
export function canRound(actor: Actor, action: RoundAction, subject?: RoundSubject): boolean {
  switch (action) {
    case 'evaluation_round.open':
      return runsEvaluation(actor);
    case 'evaluation_round.read':
      return isGoverningStaff(actor) && (!subject || onLine(actor, subject.regionPath));
    case 'evaluation_round.manage':
      return runsEvaluation(actor) && (!subject || subject.authorityOrgId === actor.org.id);
  }
}

export type EntryAction = 'evaluation.read' | 'evaluation.edit' | 'evaluation.list_mine';

export interface EntrySubject {
  operatorOrgId: string;
  spaceRegionPath: string;
  status: string;
}

/**
 * One space's evaluation: its operator's members read it and, while it is a draft (or returned for
 * revision), write the summary, confirm the figures and hand it in; governing staff whose
 * jurisdiction holds the space read it. Stage work goes through the kernel's `actsAtStage`.
 */
export function canEntry(actor: Actor, action: EntryAction, subject?: EntrySubject): boolean {
  const member = isOperatorMember(actor) && (!subject || subject.operatorOrgId === actor.org.id);
  switch (action) {
    case 'evaluation.list_mine':
      return isOperatorMember(actor);
    case 'evaluation.read':
      return member || (isGoverningStaff(actor) && (!subject || inJurisdiction(actor, subject.spaceRegionPath)));
    case 'evaluation.edit':
      return member && (!subject || subject.status === 'draft' || subject.status === 'returned');
  }
}

/** Role-level answers for /api/me (menus). */
export const abilities = (actor: Actor) => ({
  'evaluation_scheme.read': canScheme(actor, 'evaluation_scheme.read'),
  'evaluation_scheme.clone': canScheme(actor, 'evaluation_scheme.clone'),
  'evaluation_round.open': canRound(actor, 'evaluation_round.open'),
  'evaluation_round.read': canRound(actor, 'evaluation_round.read'),
  'evaluation.list_mine': canEntry(actor, 'evaluation.list_mine'),
});
