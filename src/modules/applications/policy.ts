import { GOVERNING_KINDS, hasRole, inJurisdiction, isOperatorMember, type Actor } from '../../shared/actor.ts';
import type { ApplicationStatus } from '../../shared/domain.ts';
import { allowedFrom } from '../workflow/index.ts';

export const APPLICATION_ACTIONS = [
  'application.list',
  'application.create',
  'application.read',
  'application.edit',
  'application.attach',
  'application.export',
  'application.export_materials',
  'application.confirm_commitment',
  'application.submit',
  'application.resubmit',
  'application.withdraw',
  'application.extend',
  /** See the dossier's personal data (mobiles, phones) in full without asking: API and Word alike. */
  'application.read_personal',
  /** Ask for one personal field in full, with a reason; audited. */
  'application.reveal_personal',
] as const;
export type ApplicationAction = (typeof APPLICATION_ACTIONS)[number];

/** What a decision needs to know about an application. */
export interface ApplicationSubject {
  operatorOrgId: string;
  status: ApplicationStatus;
  /** Region path of the space. */
  spaceRegionPath: string;
  /** Region path of the call (its authority's jurisdiction). */
  callRegionPath: string;
  /** The actor is an expert assigned to it who signed the no-conflict declaration. */
  expertCleared?: boolean;
}

const isAuthorityStaff = (actor: Actor) => actor.org.kind === 'authority' && !!actor.jurisdictionPath && hasRole(actor, 'authority_admin', 'authority_reviewer');
/** Authorities, recommending units and intake agencies: they read what their jurisdiction holds. */
const isGoverningStaff = (actor: Actor) =>
  GOVERNING_KINDS.includes(actor.org.kind) && !!actor.jurisdictionPath && hasRole(actor, 'authority_admin', 'authority_reviewer', 'intake_clerk');

/** The dossier is edited (and files attached) before it is handed in, and again when a stage returns it. */
export const EDITABLE: readonly ApplicationStatus[] = ['draft', 'withdrawn', 'returned'];

/**
 * The applicant's members prepare, submit and withdraw; only its admin (the legal representative's
 * voice) confirms the credit commitment. Governing staff whose jurisdiction holds the space read
 * and export, and so do experts assigned to it once they signed the no-conflict declaration; an
 * authority admin whose jurisdiction holds the call grants extensions. Personal data
 * (SECURITY-CHECKLIST 18) is masked for everyone but the applicant's admin, who enters and answers
 * for it (as in the registry profile); governing staff who read the dossier may reveal one field
 * with a reason when they must reach the applicant; experts and operator staff may not. State
 * preconditions come from the transition table. Without a subject the answer is role-level.
 * With one, a `false` for someone who may not read the application means out of scope (404);
 * for someone who may, a refusal (403) or a wrong state (409, decided by the service).
 */
export function can(actor: Actor, action: ApplicationAction, subject?: ApplicationSubject): boolean {
  const member = isOperatorMember(actor) && (!subject || subject.operatorOrgId === actor.org.id);
  const governs = isGoverningStaff(actor) && (!subject || inJurisdiction(actor, subject.spaceRegionPath));
  const expert = hasRole(actor, 'expert') && (!subject || !!subject.expertCleared);
  const inState = (states: readonly ApplicationStatus[]) => !subject || states.includes(subject.status);
  switch (action) {
    case 'application.list':
    case 'application.create':
      return isOperatorMember(actor);
    case 'application.read':
    case 'application.export':
    case 'application.export_materials':
      return member || governs || expert;
    case 'application.edit':
    case 'application.attach':
      return member && inState(EDITABLE);
    case 'application.confirm_commitment':
      return member && hasRole(actor, 'operator_admin') && inState(EDITABLE);
    case 'application.submit':
      return member && inState(allowedFrom('submit'));
    case 'application.resubmit':
      return member && inState(allowedFrom('resubmit'));
    case 'application.withdraw':
      return member && inState(allowedFrom('withdraw'));
    case 'application.read_personal':
      return member && hasRole(actor, 'operator_admin');
    case 'application.reveal_personal':
      return governs || (member && hasRole(actor, 'operator_admin'));
    case 'application.extend':
      return (
        isAuthorityStaff(actor) && hasRole(actor, 'authority_admin') && (!subject || inJurisdiction(actor, subject.callRegionPath)) && inState(allowedFrom('extend'))
      );
  }
}

/** Role-level answers for the UI menus. */
export function abilities(actor: Actor) {
  return { 'application.list': can(actor, 'application.list'), 'application.create': can(actor, 'application.create'), 'application.read': can(actor, 'application.read') };
}

/** Per-application answers sent with the dossier, so the UI shows only what the server will allow. */
export function abilitiesOn(actor: Actor, subject: ApplicationSubject): Record<string, boolean> {
  return Object.fromEntries(APPLICATION_ACTIONS.filter((a) => a !== 'application.list' && a !== 'application.create').map((a) => [a.slice('application.'.length), can(actor, a, subject)]));
}
