import type { Chain, StageActor, StageTemplate } from '../../shared/chains.ts';
import type { AuthorityLevel, OrgKind, Role } from '../../shared/domain.ts';
import { hasRole, inJurisdiction, type Actor } from '../../shared/actor.ts';

/** Who works which stage of a chain: the one place stage authority is decided (review, notices, recommendations, experts, decisions and the web's stage lists all ask it). */

/** Roles that work a stage for their organisation (admins also release, extend and publish). */
export const STAGE_ROLES: readonly Role[] = ['authority_admin', 'authority_reviewer', 'intake_clerk'];

/** The organisations that may work a stage: their kind, and for authorities their level. */
export function stageOrgs(actor: StageActor): { kind: OrgKind; level?: AuthorityLevel }[] {
  switch (actor.kind) {
    case 'authority':
      return [{ kind: 'authority', level: actor.level }];
    case 'recommender':
      return [{ kind: 'authority', level: 'city' }, { kind: 'recommending_unit' }];
    case 'intake':
      return [{ kind: 'intake_agency' }];
    case 'unit':
      return [{ kind: 'recommending_unit' }];
  }
}

const roleFor = (stage: StageTemplate): Role[] => (stage.actor.kind === 'intake' ? ['intake_clerk'] : ['authority_admin', 'authority_reviewer']);

/** Where a stage is worked: the space's region and the authority running the call (whose standing call a disclosure is under). */
export interface StageAt {
  regionPath: string;
  callAuthorityId: string;
}

/**
 * A recommending unit's own stages (`unit`: the disclosure chain of its own supports) are worked in
 * its own calls only. A unit governs no region of its own: two units in one district would
 * otherwise work each other's disclosures. Lists narrow their SQL by the call's authority for them.
 */
export const ownCallsOnly = (stage: StageTemplate): boolean => stage.actor.kind === 'unit';

/**
 * Does the actor work `stage` for a space at `at.regionPath` in a call run by `at.callAuthorityId`?
 * Its organisation must be of the stage's kind (and level), govern a jurisdiction holding the
 * space, and the actor hold a working role; a unit's stage must be in its own call.
 * `adminOnly` for what only the organisation's admin does (release, publish, extend, findings).
 */
export function actsAtStage(actor: Actor, stage: StageTemplate, at: StageAt, adminOnly = false): boolean {
  const orgFits = stageOrgs(stage.actor).some((o) => o.kind === actor.org.kind && (!o.level || o.level === actor.org.authorityLevel));
  if (!orgFits || !inJurisdiction(actor, at.regionPath)) return false;
  if (ownCallsOnly(stage) && at.callAuthorityId !== actor.org.id) return false;
  return adminOnly ? hasRole(actor, 'authority_admin') : hasRole(actor, ...roleFor(stage));
}

/** Role-level: may the actor work some stage at all (menus, route policies)? */
export function worksStages(actor: Actor): boolean {
  return !!actor.jurisdictionPath && hasRole(actor, ...STAGE_ROLES) && ['authority', 'recommending_unit', 'intake_agency'].includes(actor.org.kind);
}

/**
 * The stages of `chains` the actor's organisation and roles work, whatever the space (the queue
 * narrows them to its jurisdiction, and `ownCallsOnly` stages to the actor's own calls):
 * `actsAtStage` at the actor's own jurisdiction root, in a call of its own.
 */
export function stagesWorkedBy<C extends Pick<Chain, 'id' | 'stages'>>(actor: Actor, chains: readonly C[]): { chain: C; stage: StageTemplate }[] {
  if (!actor.jurisdictionPath) return [];
  return chains.flatMap((c) => c.stages.filter((s) => actsAtStage(actor, s, { regionPath: actor.jurisdictionPath!, callAuthorityId: actor.org.id })).map((stage) => ({ chain: c, stage })));
}

