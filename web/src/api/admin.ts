/** Accounts, organisations, the mail outbox and the audit log: the administrators' pages. */
import { type BodyOf, hrefOf, http, type QueryOf } from './client';

export type UserOp = 'disable' | 'enable' | 'unlock' | 'sessions/revoke';
export type OrgOp = 'disable' | 'enable';
export type NewUserBody = BodyOf<'/api/admin/users', 'post'>;
export type NewOrgBody = BodyOf<'/api/admin/orgs', 'post'>;
export type UserEditBody = BodyOf<'/api/admin/users/{id}', 'patch'>;

export const adminApi = {
  users: (query: QueryOf<'/api/admin/users', 'get'>) => http.get('/api/admin/users', { query }),
  createUser: (body: NewUserBody) => http.post('/api/admin/users', { body }),
  /** Disabling and ending sessions say how many sessions they ended; enabling and unlocking answer ok. */
  userAction: (id: string, op: UserOp): Promise<{ sessionsEnded?: number; ok?: true }> => {
    const path = { id };
    switch (op) {
      case 'disable':
        return http.post('/api/admin/users/{id}/disable', { path });
      case 'enable':
        return http.post('/api/admin/users/{id}/enable', { path });
      case 'unlock':
        return http.post('/api/admin/users/{id}/unlock', { path });
      case 'sessions/revoke':
        return http.post('/api/admin/users/{id}/sessions/revoke', { path });
    }
  },
  updateUser: (id: string, body: UserEditBody) => http.patch('/api/admin/users/{id}', { path: { id }, body }),
  /** A temporary password, shown to the admin once; the user must replace it at the next sign-in. */
  resetPassword: (id: string) => http.post('/api/admin/users/{id}/password-reset', { path: { id } }),
  orgs: (query: QueryOf<'/api/admin/orgs', 'get'>) => http.get('/api/admin/orgs', { query }),
  createOrg: (body: NewOrgBody) => http.post('/api/admin/orgs', { body }),
  orgAction: (id: string, op: OrgOp) =>
    op === 'disable' ? http.post('/api/admin/orgs/{id}/disable', { path: { id } }) : http.post('/api/admin/orgs/{id}/enable', { path: { id } }),
  mail: (query: QueryOf<'/api/admin/mail', 'get'>) => http.get('/api/admin/mail', { query }),
  audit: (query: QueryOf<'/api/audit', 'get'>) => http.get('/api/audit', { query }),
  auditActions: () => http.get('/api/audit/actions'),
  /** The current filter's rows as an Excel workbook (the server caps and records the export). */
  auditExportUrl: (query: QueryOf<'/api/audit/export.xlsx', 'get'>) => hrefOf('/api/audit/export.xlsx', { query }),
  verifyAudit: (query: QueryOf<'/api/audit/verify', 'get'> = {}) => http.get('/api/audit/verify', { query }),
};
