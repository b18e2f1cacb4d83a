import { hasRole, inJurisdiction, type Actor } from '../../shared/actor.ts';

export type ChainAction = 'chain.read' | 'chain.clone' | 'chain.edit' | 'chain.publish' | 'chain.use';

export interface ChainSubject {
  status: 'draft' | 'published';
  /** Region path of the owning jurisdiction; null for the shipped chains. */
  ownerPath: string | null;
}

/** `path` is `root` or lies below it. */
const within = (path: string, root: string) => path === root || path.startsWith(`${root}/`);
const staff = (actor: Actor) => hasRole(actor, 'authority_admin', 'authority_reviewer');
/** The owner is the actor's jurisdiction or one of its ancestors: a chain the actor works under. */
const ownedAbove = (actor: Actor, ownerPath: string) => !!actor.jurisdictionPath && within(actor.jurisdictionPath, ownerPath);

/**
 * The shipped chains are the product's: every signed-in user reads them. A jurisdiction's own chain
 * is read by the authority staff in line with it: the owner's and its subtree's (whose calls may
 * pin it) and the ones above (who supervise). Its drafts, like rule-set drafts, by the authority
 * staff whose jurisdiction holds the owner. Only the owner's admins clone into, edit and publish
 * their own drafts; a call may pin a published version that is shipped or owned by the calling
 * authority's region or an ancestor of it.
 */
export function can(actor: Actor, action: ChainAction, subject?: ChainSubject): boolean {
  switch (action) {
    case 'chain.read':
      if (!subject) return false;
      if (subject.status === 'published')
        return subject.ownerPath === null || (staff(actor) && (ownedAbove(actor, subject.ownerPath) || inJurisdiction(actor, subject.ownerPath)));
      return staff(actor) && !!subject.ownerPath && inJurisdiction(actor, subject.ownerPath);
    case 'chain.clone':
      return hasRole(actor, 'authority_admin') && actor.org.kind === 'authority' && !!actor.jurisdictionPath;
    case 'chain.edit':
    case 'chain.publish':
      return hasRole(actor, 'authority_admin') && subject?.status === 'draft' && !!subject.ownerPath && actor.jurisdictionPath === subject.ownerPath;
    case 'chain.use':
      return subject?.status === 'published' && (subject.ownerPath === null || ownedAbove(actor, subject.ownerPath));
  }
}

export function abilities(actor: Actor) {
  return { 'chain.clone': can(actor, 'chain.clone') };
}
