import { abilitiesOf, hasRole, inJurisdiction, isOperatorMember, type Actor } from '../../shared/actor.ts';
import type { ApplicationStatus } from '../../shared/domain.ts';

export const CHANGE_ACTIONS = ['change.list', 'change.create', 'change.read', 'change.edit', 'change.submit', 'change.history'] as const;
export type ChangeAction = (typeof CHANGE_ACTIONS)[number];

/** What a decision needs to know about a change report. */
export interface ChangeSubject {
  operatorOrgId: string;
  status: ApplicationStatus;
  spaceRegionPath: string;
}

/** The filer edits a draft, and a report a stage returned. */
export const EDITABLE: readonly ApplicationStatus[] = ['draft', 'returned'];

// Who reviews and approves changes: the S&T departments and the recommending units (002 §四(二));
// the intake agency receives filing applications only.
const isGoverningStaff = (actor: Actor) =>
  (actor.org.kind === 'authority' || actor.org.kind === 'recommending_unit') && !!actor.jurisdictionPath && hasRole(actor, 'authority_admin', 'authority_reviewer');

/**
 * The space's operator members write, submit and read their own reports; governing staff whose
 * jurisdiction holds the space read them once handed in (drafts stay the operator's) — the stage
 * work itself goes through the review and decision modules. With a subject, `false` for someone
 * who may not read is out of scope (404).
 */
export function can(actor: Actor, action: ChangeAction, subject?: ChangeSubject): boolean {
  const member = isOperatorMember(actor) && (!subject || subject.operatorOrgId === actor.org.id);
  const governs = isGoverningStaff(actor) && (!subject || (inJurisdiction(actor, subject.spaceRegionPath) && subject.status !== 'draft' && subject.status !== 'withdrawn'));
  switch (action) {
    case 'change.list':
    case 'change.read':
    case 'change.history':
      return member || governs;
    case 'change.create':
      return member;
    case 'change.edit':
      return member && (!subject || EDITABLE.includes(subject.status));
    case 'change.submit':
      return member && (!subject || EDITABLE.includes(subject.status));
  }
}

/** Role-level answers for the UI. */
export const abilities = (actor: Actor) => abilitiesOf(CHANGE_ACTIONS, (a) => can(actor, a));
