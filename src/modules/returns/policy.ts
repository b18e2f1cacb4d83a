import { abilitiesOf, hasRole, inJurisdiction, isOperatorMember, type Actor } from '../../shared/actor.ts';
import { AUTHORITY_LEVELS, type ApplicationStatus, type AuthorityLevel } from '../../shared/domain.ts';

export const RETURN_ACTIONS = ['return.set_cadences', 'return.open_round', 'return.read_rounds', 'return.list_mine', 'return.read', 'return.edit', 'return.submit', 'return.resubmit', 'return.reopen'] as const;
export type ReturnAction = (typeof RETURN_ACTIONS)[number];

export interface ReturnSubject {
  operatorOrgId: string;
  status: ApplicationStatus;
  spaceRegionPath: string;
  /** Marked missed by the due-date job: nothing more is filed on it. */
  missed: boolean;
  /** The round's due date has passed (a returned return may still be resubmitted). */
  overdue: boolean;
  /** The level of the authority whose decision stage accepts it (its round's chain). */
  acceptingLevel: AuthorityLevel;
}

const atOrAbove = (level: AuthorityLevel | null, than: AuthorityLevel) => !!level && AUTHORITY_LEVELS.indexOf(level) >= AUTHORITY_LEVELS.indexOf(than);

// Returns go up the S&T departments (county → city → province); recommending units and the intake agency take no part.
const isGoverningStaff = (actor: Actor) => actor.org.kind === 'authority' && !!actor.jurisdictionPath && hasRole(actor, 'authority_admin', 'authority_reviewer');

/**
 * An authority admin at city level or above opens reporting rounds for its jurisdiction (a county
 * reviews, it does not collect). The operator's members fill, submit and resubmit their own
 * returns; governing staff whose jurisdiction holds the space read them. An admin of the accepting
 * authority, or of one above it, whose jurisdiction holds the space may reopen an accepted return
 * (whether it is accepted is the state's question: 409, not a refusal). A `false` for someone who
 * may not read the return means out of scope (404); for someone who may, a refusal or a wrong state.
 */
export function can(actor: Actor, action: ReturnAction, subject?: ReturnSubject): boolean {
  const member = isOperatorMember(actor) && (!subject || subject.operatorOrgId === actor.org.id);
  const governs = isGoverningStaff(actor) && (!subject || inJurisdiction(actor, subject.spaceRegionPath));
  const open = !subject || !subject.missed;
  switch (action) {
    case 'return.set_cadences':
      // The optional cadences are the province's choice (AFTER-FILING §1: a monthly return a province can switch on).
      return actor.org.kind === 'authority' && hasRole(actor, 'authority_admin') && !!actor.jurisdictionPath && actor.org.authorityLevel === 'province';
    case 'return.open_round':
      return actor.org.kind === 'authority' && hasRole(actor, 'authority_admin') && !!actor.jurisdictionPath && actor.org.authorityLevel !== 'county';
    case 'return.read_rounds':
      return isGoverningStaff(actor);
    case 'return.list_mine':
      return isOperatorMember(actor);
    case 'return.read':
      return member || governs;
    case 'return.edit':
      return member && open && (!subject || subject.status === 'returned' || (subject.status === 'draft' && !subject.overdue));
    case 'return.submit':
      return member && open && (!subject || (subject.status === 'draft' && !subject.overdue));
    case 'return.resubmit':
      return member && (!subject || subject.status === 'returned');
    case 'return.reopen':
      return governs && hasRole(actor, 'authority_admin') && !!subject && atOrAbove(actor.org.authorityLevel, subject.acceptingLevel);
  }
}

export type CatalogueAction = 'return_catalogue.read' | 'return_catalogue.clone' | 'return_catalogue.edit' | 'return_catalogue.publish';

export interface CatalogueSubject {
  status: 'draft' | 'published';
  /** Region path of the drafting province (or the nation); null for the shipped catalogues. */
  ownerPath: string | null;
}

// The survey is set by the province (or the ministry): a city or a county fills and reviews against it.
const setsSurvey = (actor: Actor) =>
  actor.org.kind === 'authority' && hasRole(actor, 'authority_admin') && !!actor.jurisdictionPath && (actor.org.authorityLevel === 'province' || actor.org.authorityLevel === 'national');

/**
 * Indicator catalogue versions, as rule sets: published versions are read by all governing staff
 * (a round may pin any); drafts by the staff whose jurisdiction holds the drafting province, and
 * changed or published only by that province's (or the nation's) admins.
 */
export function canCatalogue(actor: Actor, action: CatalogueAction, subject?: CatalogueSubject): boolean {
  const owns = !!subject?.ownerPath && actor.jurisdictionPath === subject.ownerPath;
  switch (action) {
    case 'return_catalogue.read':
      if (!isGoverningStaff(actor)) return false;
      return !subject || subject.status === 'published' || (!!subject.ownerPath && inJurisdiction(actor, subject.ownerPath));
    case 'return_catalogue.clone':
      return setsSurvey(actor);
    case 'return_catalogue.edit':
    case 'return_catalogue.publish':
      return setsSurvey(actor) && subject?.status === 'draft' && owns;
  }
}

export function abilities(actor: Actor) {
  return {
    ...abilitiesOf(['return.set_cadences', 'return.open_round', 'return.read_rounds', 'return.list_mine'] as const, (a) => can(actor, a)),
    'return_catalogue.clone': canCatalogue(actor, 'return_catalogue.clone'),
  };
}
