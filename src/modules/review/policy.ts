import { CHAINS, type ChainTemplateKey, type StageActor, type StageKind, type StageTemplate } from '../../shared/chains.ts';
import type { ApplicationStatus, AuthorityLevel, OrgKind, Role } from '../../shared/domain.ts';
import { allowedFrom } from '../applications/transitions.ts';
import { hasRole, inJurisdiction, type Actor } from '../../shared/actor.ts';

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
  }
}

const roleFor = (stage: StageTemplate): Role[] => (stage.actor.kind === 'intake' ? ['intake_clerk'] : ['authority_admin', 'authority_reviewer']);

/**
 * Does the actor work `stage` for a space at `spaceRegionPath`? Its organisation must be of the
 * stage's kind (and level), govern a jurisdiction holding the space, and the actor hold a working
 * role. `adminOnly` for what only the organisation's admin does (release, publish, extend, findings).
 */
export function actsAtStage(actor: Actor, stage: StageTemplate, spaceRegionPath: string, adminOnly = false): boolean {
  const orgFits = stageOrgs(stage.actor).some((o) => o.kind === actor.org.kind && (!o.level || o.level === actor.org.authorityLevel));
  if (!orgFits || !inJurisdiction(actor, spaceRegionPath)) return false;
  return adminOnly ? hasRole(actor, 'authority_admin') : hasRole(actor, ...roleFor(stage));
}

/** Role-level: may the actor work some stage at all (menus, route policies)? */
export function worksStages(actor: Actor): boolean {
  return !!actor.jurisdictionPath && hasRole(actor, ...STAGE_ROLES) && ['authority', 'recommending_unit', 'intake_agency'].includes(actor.org.kind);
}

/**
 * The stages of every chain the actor's organisation and roles work, whatever the space (the queue
 * narrows them to its jurisdiction): `actsAtStage` at the actor's own jurisdiction root.
 */
export function stagesWorkedBy(actor: Actor): { chain: ChainTemplateKey; stage: StageTemplate }[] {
  if (!actor.jurisdictionPath) return [];
  return Object.values(CHAINS).flatMap((c) => c.stages.filter((s) => actsAtStage(actor, s, actor.jurisdictionPath!)).map((stage) => ({ chain: c.key, stage })));
}

/** Stage kinds reviewers pass, return or reject on the stage work page; the others have their own pages. */
export const REVIEWED_KINDS: readonly StageKind[] = ['review', 'expert'];

export type StageAction = 'pass' | 'return' | 'reject' | 'extend_stage';

/**
 * What the actor may do now at the application's current stage (sent to the UI; the service checks
 * again and answers a wrong state with 409): pass/return/reject at review and expert stages by the
 * stage's workers, the due date by the stage authority's admin, each in the states the transition
 * table allows it from.
 */
export function stageAbilities(actor: Actor, stage: StageTemplate | undefined, spaceRegionPath: string, status: ApplicationStatus): Record<StageAction, boolean> {
  const works = !!stage && actsAtStage(actor, stage, spaceRegionPath);
  const decides = works && REVIEWED_KINDS.includes(stage.kind) && allowedFrom('return').includes(status);
  const setsDue = !!stage && actsAtStage(actor, stage, spaceRegionPath, true) && allowedFrom('extend_stage').includes(status);
  return { pass: decides, return: decides, reject: decides, extend_stage: setsDue };
}

/** An authority's admin rewords the notices sent for its calls. */
export const editsTemplates = (actor: Actor) => actor.org.kind === 'authority' && hasRole(actor, 'authority_admin');

/** Role-level answers for the UI menus. */
export function reviewAbilities(actor: Actor): Record<string, boolean> {
  return { 'review.work': worksStages(actor), 'notification_template.edit': editsTemplates(actor) };
}
