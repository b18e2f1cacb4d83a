import { hasRole, inJurisdiction, type Actor } from '../../shared/actor.ts';

export type CriteriaAction = 'rule_set.read' | 'rule_set.evaluate' | 'rule_set.clone' | 'rule_set.edit' | 'rule_set.publish';

export interface RuleSetSubject {
  status: 'draft' | 'published';
  /** Region path of the owning jurisdiction; null for shipped rule sets. */
  ownerPath: string | null;
}

/**
 * Published rule sets are public policy: any signed-in user may read and try them. Drafts are seen
 * by the authorities whose jurisdiction holds the owner, and changed only by the owner's admins.
 */
export function can(actor: Actor, action: CriteriaAction, subject?: RuleSetSubject): boolean {
  const owns = !!subject?.ownerPath && actor.jurisdictionPath === subject.ownerPath;
  switch (action) {
    case 'rule_set.read':
    case 'rule_set.evaluate':
      if (!subject) return false;
      if (subject.status === 'published') return true;
      return hasRole(actor, 'authority_admin', 'authority_reviewer') && !!subject.ownerPath && inJurisdiction(actor, subject.ownerPath);
    case 'rule_set.clone':
      return hasRole(actor, 'authority_admin') && actor.org.kind === 'authority' && !!actor.jurisdictionPath;
    case 'rule_set.edit':
    case 'rule_set.publish':
      return hasRole(actor, 'authority_admin') && subject?.status === 'draft' && owns;
  }
}

export function abilities(actor: Actor) {
  return { 'rule_set.clone': can(actor, 'rule_set.clone') };
}
