import { ADMIN_POWERS, type AuthorityLevel, type OrgKind, type Role } from './domain.ts';

/** The signed-in user as every policy sees them: loaded once per request. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  sessionId: string;
  roles: readonly Role[];
  org: {
    id: string;
    name: string;
    kind: OrgKind;
    authorityLevel: AuthorityLevel | null;
    regionCode: string;
    regionName: string;
  };
  /**
   * Region path the actor may act on ('000000/210000/210100'), for organisations that govern a
   * region (authorities, recommending units, intake agencies); null for everyone else.
   */
  jurisdictionPath: string | null;
  mustChangePassword: boolean;
  /** A TOTP second factor is enrolled. */
  mfaEnrolled: boolean;
  locale: 'zh-CN' | 'en-US';
}

export const GOVERNING_KINDS: readonly OrgKind[] = ['authority', 'recommending_unit', 'intake_agency'];

/** Roles that must enrol a second factor when `config.mfaRequired` (SECURITY-CHECKLIST 4). */
export const MFA_ROLES: readonly Role[] = [
  'authority_admin',
  'authority_reviewer',
  'intake_clerk',
  'expert',
  ...ADMIN_POWERS,
];

/** Role-level answers for `actions`, keyed by the action names (a policy's abilities for the UI). */
export const abilitiesOf = <A extends string>(actions: readonly A[], can: (action: A) => boolean): Record<A, boolean> =>
  Object.fromEntries(actions.map((a) => [a, can(a)])) as Record<A, boolean>;

export const hasRole = (actor: Actor, ...roles: Role[]) => roles.some((r) => actor.roles.includes(r));

/** A member of an operator organisation (its admin or staff): who keeps that operator's spaces and their records. */
export const isOperatorMember = (actor: Actor) => actor.org.kind === 'operator' && hasRole(actor, 'operator_admin', 'operator_staff');

/** True when `regionPath` is the actor's jurisdiction root or lies below it. */
export function inJurisdiction(actor: Actor, regionPath: string): boolean {
  const root = actor.jurisdictionPath;
  if (!root) return false;
  return regionPath === root || regionPath.startsWith(`${root}/`);
}
