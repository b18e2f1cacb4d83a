import type { StageTemplate } from '../../shared/chains.ts';
import { hasRole, type Actor } from '../../shared/actor.ts';
import { actsAtStage, worksStages, type StageAt } from '../workflow/index.ts';

export type NoticeAction =
  /** See the notice with its objections (names, contacts masked, grounds, evidence). */
  | 'notice.read'
  /** See an objector's contact in full, with a reason; audited. */
  | 'notice.reveal_contact'
  /** Decide on an objection. */
  | 'notice.handle'
  /** Move the cleared entries on after the notice ended. */
  | 'notice.conclude';

/**
 * A notice belongs to the authority that published it: its stage workers read it (objections carry
 * personal data and stay inside that organisation), its admin handles objections and concludes.
 * Objectors' contacts are masked for all; the admin, who investigates and answers the objector,
 * may reveal one with a reason.
 */
export function can(actor: Actor, action: NoticeAction, notice: { authorityOrgId: string }): boolean {
  if (actor.org.id !== notice.authorityOrgId || !worksStages(actor)) return false;
  return action === 'notice.read' || hasRole(actor, 'authority_admin');
}

/**
 * Publishing puts an application on the notice of its stage: out of the actor's stage and
 * jurisdiction is "not found", in it but not the admin is "forbidden".
 */
export function publishRefusal(actor: Actor, stage: StageTemplate, at: StageAt): 'not_found' | 'forbidden' | null {
  if (!actsAtStage(actor, stage, at)) return 'not_found';
  return actsAtStage(actor, stage, at, true) ? null : 'forbidden';
}

/** Role-level: may the actor see the notices menu and call the authority endpoints at all. */
export const worksNotices = worksStages;

/** What the UI may offer on the notice list. */
export function abilities(actor: Actor) {
  return { 'notice.list': worksNotices(actor), 'notice.publish': worksNotices(actor) && hasRole(actor, 'authority_admin') };
}
