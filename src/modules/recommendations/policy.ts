import type { StageTemplate } from '../../shared/chains.ts';
import { GOVERNING_KINDS, hasRole, inJurisdiction, type Actor } from '../../shared/actor.ts';
import { actsAtStage, shippedChainStages, stagesWorkedBy } from '../workflow/index.ts';

/** Does the actor work some chain's recommend stage at all (role and organisation level)? */
const recommender = (actor: Actor) => stagesWorkedBy(actor, shippedChainStages()).some((w) => w.stage.kind === 'recommend');

export type RecommendationAction =
  /** Prepare a batch (create, edit, documents, letter downloads). */
  | 'recommendation.prepare'
  /** Send it on: the recommending organisation's admin only. */
  | 'recommendation.send'
  /** See the sent package of an application (later stages, the applicant). */
  | 'recommendation.read_package';

/** A batch as a decision sees it: whose it is, the authority of its call, and where its applications' spaces lie. */
export interface BatchSubject {
  recommenderOrgId: string;
  stage: StageTemplate;
  callAuthorityId: string;
  spaceRegionPaths: readonly string[];
}

/** An application as the package reader rule sees it. */
export interface PackageSubject {
  operatorOrgId: string;
  spaceRegionPath: string;
}

/**
 * Batches belong to the recommending organisation: its staff who work the recommend stage for every
 * space in the batch prepare it; only its admin sends it. Without a subject the answer is role-level.
 */
export function can(actor: Actor, action: Exclude<RecommendationAction, 'recommendation.read_package'>, subject?: BatchSubject): boolean {
  if (!recommender(actor)) return false;
  if (!subject) return action === 'recommendation.prepare' || hasRole(actor, 'authority_admin');
  if (subject.recommenderOrgId !== actor.org.id) return false;
  return subject.spaceRegionPaths.every((regionPath) => actsAtStage(actor, subject.stage, { regionPath, callAuthorityId: subject.callAuthorityId }, action === 'recommendation.send'));
}

/** Does the batch belong to the actor's organisation at all (else it is out of scope: 404)? */
export const ownsBatch = (actor: Actor, recommenderOrgId: string) => recommender(actor) && actor.org.id === recommenderOrgId;

/** The sent package is read by governing staff whose jurisdiction holds the space, and by the applicant's members. */
export function readsPackage(actor: Actor, subject: PackageSubject): boolean {
  const applicant = actor.org.kind === 'operator' && actor.org.id === subject.operatorOrgId && hasRole(actor, 'operator_admin', 'operator_staff');
  const governing =
    GOVERNING_KINDS.includes(actor.org.kind) && hasRole(actor, 'authority_admin', 'authority_reviewer', 'intake_clerk') && inJurisdiction(actor, subject.spaceRegionPath);
  return applicant || governing;
}

/** Role-level answers for the menus. */
export function abilities(actor: Actor) {
  return { 'recommendation.prepare': can(actor, 'recommendation.prepare'), 'recommendation.send': can(actor, 'recommendation.send') };
}
