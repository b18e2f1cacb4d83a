import { hasRole, inJurisdiction, type Actor } from '../../shared/actor.ts';

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


/** What the UI may offer: the 统计评价 menu for governing staff, cloning for an evaluating authority's admins. */
export const abilities = (actor: Actor) => ({
  'evaluation_scheme.read': canScheme(actor, 'evaluation_scheme.read'),
  'evaluation_scheme.clone': canScheme(actor, 'evaluation_scheme.clone'),
});
