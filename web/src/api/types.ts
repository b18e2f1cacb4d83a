/** Response shapes of the server contracts the web app uses (see src/modules/<domain>/routes.ts). */

import type { OrgKind, Role } from '../../../src/shared/domain.ts';

/** The domain vocabularies are the server's own (src/shared/domain.ts), not copies. */
export { ADMIN_POWERS, AUTHORITY_LEVELS, HOST_TYPES, ORG_KINDS, RECOMMENDER_TYPES, ROLES, type OrgKind, type Role } from '../../../src/shared/domain.ts';

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
