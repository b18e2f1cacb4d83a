import type { Chain } from '../../shared/chains.ts';
import { GOVERNING_KINDS, hasRole, inJurisdiction, type Actor } from '../../shared/actor.ts';
import { stageOrgs } from '../workflow/index.ts';

export type CreditAction =
  /** Record a fraud finding (002 §四.(一).3). */
  | 'credit.find'
  /** Read (and export) credit records. */
  | 'credit.read';

/** An application as a fraud finding sees it. */
export interface FindingSubject {
  spaceRegionPath: string;
  chain: Chain | null;
}

/** The authority levels that work a stage of the chain (recommending city bureaus included). */
const chainLevels = (chain: Chain) =>
  new Set(chain.stages.flatMap((s) => stageOrgs(s.actor).flatMap((o) => (o.kind === 'authority' && o.level ? [o.level] : []))));

const isAuthorityAdmin = (actor: Actor) => actor.org.kind === 'authority' && !!actor.jurisdictionPath && hasRole(actor, 'authority_admin');

/**
 * A fraud finding is an authority's act: the admin of an authority of the application's chain whose
 * jurisdiction holds the space (not recommending units nor intake agencies, who only pass
 * applications on). Credit records are read by governing staff (records of organisations registered
 * or running a space in their jurisdiction: they check "无不良信用记录" before recommending) and by
 * an operator's members (their own). Without a subject the answer is role-level.
 */
export function can(actor: Actor, action: CreditAction, subject?: FindingSubject): boolean {
  switch (action) {
    case 'credit.find':
      if (!isAuthorityAdmin(actor)) return false;
      if (!subject) return true;
      return inJurisdiction(actor, subject.spaceRegionPath) && !!subject.chain && chainLevels(subject.chain).has(actor.org.authorityLevel!);
    case 'credit.read':
      return (
        (GOVERNING_KINDS.includes(actor.org.kind) && !!actor.jurisdictionPath && hasRole(actor, 'authority_admin', 'authority_reviewer', 'intake_clerk')) ||
        (actor.org.kind === 'operator' && hasRole(actor, 'operator_admin', 'operator_staff'))
      );
  }
}

export function abilities(actor: Actor) {
  return { 'credit.find': can(actor, 'credit.find'), 'credit.read': can(actor, 'credit.read') };
}
