/** Response shapes of the server contracts the web app uses (see src/modules/<domain>/routes.ts). */

export const ROLES = [
  'operator_admin',
  'operator_staff',
  'authority_admin',
  'authority_reviewer',
  'intake_clerk',
  'expert',
  'maker',
  'system_admin',
  'security_admin',
  'audit_admin',
] as const;
export type Role = (typeof ROLES)[number];

export const ORG_KINDS = [
  'operator',
  'host',
  'authority',
  'recommending_unit',
  'intake_agency',
  'expert_body',
  'maker_team',
  'platform',
] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

export const AUTHORITY_LEVELS = ['national', 'province', 'city', 'county'] as const;
export const HOST_TYPES = [
  'leading_enterprise',
  'high_tech_enterprise',
  'research_institute',
  'university',
  'new_rnd_institution',
  'incubator',
  'university_science_park',
] as const;
export const RECOMMENDER_TYPES = ['city_bureau', 'hitech_zone_committee'] as const;

export interface Me {
  user: {
    id: string;
    username: string;
    displayName: string;
    locale: 'zh-CN' | 'en-US';
    mustChangePassword: boolean;
    mfaEnrolled: boolean;
    mfaRecommended: boolean;
  };
  roles: Role[];
  organisation: {
    id: string;
    name: string;
    kind: string;
    authorityLevel: string | null;
    regionCode: string;
    regionName: string;
  };
  jurisdiction: string | null;
  abilities: Record<string, boolean>;
}

export interface LoginResult {
  mfaRequired: boolean;
  mustChangePassword: boolean;
  csrfToken: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface Notification {
  id: string;
  title: string;
  body: string;
  link: string | null;
  readAt: string | null;
  createdAt: string;
}

export interface AuditEntry {
  id: number;
  at: string;
  actorUsername: string | null;
  actorOrgId: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  result: string;
  ip: string | null;
  requestId: string | null;
  detail: Record<string, unknown> | null;
}

export interface AuditVerification {
  ok: boolean;
  checked: number;
  brokenAt?: { id: number; reason: 'hash_mismatch' | 'prev_hash_mismatch' };
}

export interface AdminUser {
  id: string;
  username: string;
  displayName: string;
  org: { id: string; name: string; kind: string };
  roles: Role[];
  status: 'active' | 'disabled';
  locked: boolean;
  mobile: string | null;
  email: string | null;
  createdAt: string;
  lastLoginAt: string | null;
}

export interface AdminOrg {
  id: string;
  name: string;
  kind: OrgKind;
  authorityLevel: string | null;
  hostType: string | null;
  recommenderType: string | null;
  uscc: string | null;
  regionCode: string;
  regionName: string;
  status: 'active' | 'disabled';
  createdAt: string;
}

export interface MailItem {
  id: string;
  /** The server's response names it `to` (src/modules/notify/routes.ts), not `toAddress`. */
  to: string;
  subject: string;
  status: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

export interface Region {
  code: string;
  name: string;
  level: 'national' | 'province' | 'city' | 'county';
  parentCode: string | null;
  path: string;
}
