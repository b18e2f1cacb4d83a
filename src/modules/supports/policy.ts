import { abilitiesOf, hasRole, inJurisdiction, type Actor } from '../../shared/actor.ts';
import type { SupportStatus } from './schema.ts';

export const SUPPORT_ACTIONS = ['support.list', 'support.record', 'support.propose'] as const;
export type SupportAction = (typeof SUPPORT_ACTIONS)[number] | 'support.read' | 'support.edit' | 'support.withdraw' | 'support.payment';

/** What a decision about one support needs to know of it. */
export interface SupportSubject {
  grantorOrgId: string;
  /** The path of the space's region. */
  regionPath: string;
  status: SupportStatus;
}

/** Departments that grant supports: the S&T authorities at every level and the other departments registered as governing organisations (a high-tech zone's committee). */
const GRANTING_KINDS: readonly string[] = ['authority', 'recommending_unit'];

const isGrantorStaff = (actor: Actor) => GRANTING_KINDS.includes(actor.org.kind) && !!actor.jurisdictionPath && hasRole(actor, 'authority_admin', 'authority_reviewer');
const isGrantorAdmin = (actor: Actor) => isGrantorStaff(actor) && hasRole(actor, 'authority_admin');

/**
 * A department's staff record the supports it grants and read them; the S&T authorities also read
 * the supports any department granted for spaces of their jurisdiction (the province watches its
 * cities). Only the granting department changes a support: its staff edit drafts and set the
 * payment state of a published one, its admin proposes drafts for the public notice and withdraws
 * one not yet published. With a subject, `false` for someone who may not read it is out of scope
 * (404); the grantor refused a move in the wrong state gets 409 from the service.
 */
export function can(actor: Actor, action: SupportAction, subject?: SupportSubject): boolean {
  const own = !subject || subject.grantorOrgId === actor.org.id;
  switch (action) {
    case 'support.list':
    case 'support.record':
      return isGrantorStaff(actor);
    case 'support.read':
      return isGrantorStaff(actor) && (own || (actor.org.kind === 'authority' && inJurisdiction(actor, subject!.regionPath)));
    case 'support.edit':
      return isGrantorStaff(actor) && own && (!subject || subject.status === 'draft');
    case 'support.payment':
      return isGrantorStaff(actor) && own && (!subject || subject.status === 'published');
    case 'support.propose':
      return isGrantorAdmin(actor) && own && (!subject || subject.status === 'draft');
    case 'support.withdraw':
      return isGrantorAdmin(actor) && own && (!subject || subject.status === 'draft' || subject.status === 'on_notice');
  }
}

/** Does the actor's organisation grant it (may change it in some state)? Tells 409 (wrong state) from 403 (not the grantor's role). */
export const grants = (actor: Actor, subject: SupportSubject) => isGrantorStaff(actor) && subject.grantorOrgId === actor.org.id;

/** Role-level answers for the UI. */
export const abilities = (actor: Actor) => abilitiesOf(SUPPORT_ACTIONS, (a) => can(actor, a));
