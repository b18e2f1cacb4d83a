/**
 * Shared shapes of the API. Every request and answer type is the server's own, generated from its
 * OpenAPI document into contract.gen.ts (`npm run contract`); these are names for them.
 */

import type { ResponseOf } from './client';

/** The domain vocabularies are the server's own (src/shared/domain.ts), not copies. */
export { ADMIN_POWERS, AUTHORITY_LEVELS, HOST_TYPES, ORG_KINDS, RECOMMENDER_TYPES, ROLES, type OrgKind, type Role } from '../../../src/shared/domain.ts';

export type Me = ResponseOf<'/api/me', 'get'>;
export type LoginResult = ResponseOf<'/api/auth/login', 'post'>;

/** One page of a list (every paginated answer has this shape). */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
  /** Lists over unbounded tables count up to a cap: true when more rows match than `total` says. */
  totalCapped?: boolean;
}

export type Notification = ResponseOf<'/api/notifications', 'get'>['items'][number];
export type AuditEntry = ResponseOf<'/api/audit', 'get'>['items'][number];
export type AuditVerification = ResponseOf<'/api/audit/verify', 'get'>;
export type AdminUser = ResponseOf<'/api/admin/users', 'get'>['items'][number];
export type AdminOrg = ResponseOf<'/api/admin/orgs', 'get'>['items'][number];
export type MailItem = ResponseOf<'/api/admin/mail', 'get'>['items'][number];
export type Region = ResponseOf<'/api/regions', 'get'>['items'][number];
