import { hasRole, inJurisdiction, type Actor } from '../../shared/actor.ts';
import type { AuthorityLevel } from '../../shared/domain.ts';
import type { CallLevel } from './schema.ts';

export type CallAction = 'call.read' | 'call.create' | 'call.edit' | 'call.publish' | 'call.cancel' | 'call.open.list' | 'call.applications.read';

export interface CallSubject {
  authorityOrgId: string;
  status: 'draft' | 'published' | 'cancelled';
  /** The call's region path (`000000/410000/411000`), for the reads that follow jurisdiction. */
  regionPath?: string;
}

/**
 * Which call levels an authority of each level may open: its own, and for a province also the
 * national recommendation call (001 §五.1: the province runs the national filing call, reviews the
 * form and recommends the best to the ministry). Counties only review; they open no calls (003 第七条).
 */
export const CALL_LEVELS_BY_AUTHORITY: Record<AuthorityLevel, readonly CallLevel[]> = {
  county: [],
  city: ['city'],
  province: ['province', 'national'],
  national: ['national'],
};

const isAuthorityAdmin = (actor: Actor) =>
  actor.org.kind === 'authority' && hasRole(actor, 'authority_admin') && !!actor.org.authorityLevel && CALL_LEVELS_BY_AUTHORITY[actor.org.authorityLevel].length > 0;
const ownsCall = (actor: Actor, call: CallSubject) => call.authorityOrgId === actor.org.id && hasRole(actor, 'authority_admin', 'authority_reviewer');

/**
 * A published call is public policy: everyone signed in reads it (and the portal shows it without
 * sign-in); so does a cancelled one, so applicants learn why it went. A draft is seen only by the
 * staff of the authority writing it, and calls are changed only by that authority's admins, a
 * draft while it is one, a published call only to cancel it. The applications a call received
 * are read, state by state, by the staff of an authority whose jurisdiction holds the call's region
 * (the authority running it and those above); they read those dossiers anyway.
 */
export function can(actor: Actor, action: CallAction, call?: CallSubject): boolean {
  switch (action) {
    case 'call.read':
      return !!call && (call.status !== 'draft' || ownsCall(actor, call));
    case 'call.create':
      return isAuthorityAdmin(actor);
    case 'call.edit':
    case 'call.publish':
      return isAuthorityAdmin(actor) && (!call || (call.authorityOrgId === actor.org.id && call.status === 'draft'));
    case 'call.cancel':
      return isAuthorityAdmin(actor) && (!call || (call.authorityOrgId === actor.org.id && call.status !== 'cancelled'));
    case 'call.open.list':
      return actor.org.kind === 'operator' && hasRole(actor, 'operator_admin', 'operator_staff');
    case 'call.applications.read':
      return (
        actor.org.kind === 'authority' && hasRole(actor, 'authority_admin', 'authority_reviewer') && (!call || (!!call.regionPath && inJurisdiction(actor, call.regionPath)))
      );
  }
}

/** Role-level answers for the menus; per-call answers come with each call. */
export function abilities(actor: Actor) {
  return { 'call.create': can(actor, 'call.create'), 'call.open.list': can(actor, 'call.open.list') };
}
