import type { StageTemplate } from '../../shared/chains.ts';
import { hasRole, type Actor } from '../../shared/actor.ts';
import { actsAtStage, shippedChainStages, worksStages, type StageAt } from '../workflow/index.ts';

export type ExpertAction =
  | 'expert.pool.manage'
  | 'expert.sheet.read'
  | 'expert.sheet.edit'
  | 'expert.stage.read'
  | 'expert.stage.assign'
  | 'expert.work';

/** What a decision needs to know; each action reads the part it concerns. */
export interface ExpertSubject {
  /** expert.pool.manage: the pool the profile is in. */
  poolOrgId?: string;
  /** expert.sheet.*: the call's authority. */
  callAuthorityOrgId?: string;
  /** expert.stage.*: the stage, and where it is worked (the space's region, or for a whole call the call's; the call's authority). */
  stage?: StageTemplate;
  at?: StageAt;
  /** expert.work: whose assignment it is. */
  expertUserId?: string;
}

const isAuthority = (actor: Actor) => actor.org.kind === 'authority' && !!actor.jurisdictionPath;
/** The authority levels some chain has an expert stage for (the provinces, today). */
const EXPERT_LEVELS = new Set(shippedChainStages().flatMap((c) => c.stages.flatMap((s) => (s.kind === 'expert' && s.actor.kind === 'authority' ? [s.actor.level] : []))));
const worksExpertStages = (actor: Actor) => isAuthority(actor) && !!actor.org.authorityLevel && EXPERT_LEVELS.has(actor.org.authorityLevel);
const isPoolAdmin = (actor: Actor) => isAuthority(actor) && hasRole(actor, 'authority_admin');
const isExpert = (actor: Actor) => hasRole(actor, 'expert');

/**
 * An authority's admin keeps its own expert pool (专家库) and the score sheets of its calls, which
 * its reviewers may read. The experts of a stage are assigned by the admin of the authority working
 * that stage (actsAtStage, admin only); its reviewers follow the scoring and the results. An expert
 * works only their own assignments. Without a subject the answer is role-level (routes, menus).
 */
export function can(actor: Actor, action: ExpertAction, subject?: ExpertSubject): boolean {
  switch (action) {
    case 'expert.pool.manage':
      return isPoolAdmin(actor) && (!subject || subject.poolOrgId === actor.org.id);
    case 'expert.sheet.read':
      return isAuthority(actor) && hasRole(actor, 'authority_admin', 'authority_reviewer') && (!subject || subject.callAuthorityOrgId === actor.org.id);
    case 'expert.sheet.edit':
      return isPoolAdmin(actor) && (!subject || subject.callAuthorityOrgId === actor.org.id);
    case 'expert.stage.read':
      return subject?.stage ? subject.stage.kind === 'expert' && actsAtStage(actor, subject.stage, subject.at!) : worksStages(actor) && worksExpertStages(actor);
    case 'expert.stage.assign':
      return subject?.stage ? subject.stage.kind === 'expert' && actsAtStage(actor, subject.stage, subject.at!, true) : isPoolAdmin(actor) && worksExpertStages(actor);
    case 'expert.work':
      return isExpert(actor) && (!subject || subject.expertUserId === actor.userId);
  }
}

/** Role-level answers for the menus. */
export function abilities(actor: Actor) {
  return {
    'expert.pool.manage': can(actor, 'expert.pool.manage'),
    'expert.stage.read': can(actor, 'expert.stage.read'),
    'expert.work': can(actor, 'expert.work'),
  };
}
