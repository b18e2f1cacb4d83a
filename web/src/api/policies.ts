/** The policy library (src/modules/policies/routes.ts): the public search and pages, authorities' drafts, subscriptions. */
import { type BodyOf, hrefOf, http, type QueryOf, type ResponseOf } from './client';

export type PolicyQuery = QueryOf<'/api/public/policies', 'get'>;
export type PolicySummary = ResponseOf<'/api/public/policies', 'get'>['items'][number];
export type Policy = ResponseOf<'/api/public/policies/{id}', 'get'>;
export type ManagedQuery = QueryOf<'/api/policies', 'get'>;
export type ManagedPolicy = ResponseOf<'/api/policies', 'get'>['items'][number];
export type PolicyBody = BodyOf<'/api/policies', 'post'>;
export type Subscription = ResponseOf<'/api/policy-subscriptions', 'get'>['items'][number];

export const POLICY_KINDS = ['policy', 'interpretation'] as const;
export const POLICY_VALIDITIES = ['effective', 'expired', 'repealed', 'revised'] as const;
export const POLICY_LEVELS = ['national', 'province', 'city', 'county'] as const;
export const POLICY_THEMES = ['innovation', 'maker_space', 'incubation', 'finance', 'tax', 'talent', 'ip', 'industry', 'management'] as const;
export const POLICY_TARGETS = ['maker_space', 'professional_space', 'incubator', 'incubatee', 'maker_team', 'host', 'authority'] as const;
export const SUPPORT_CATEGORIES = ['rent', 'construction', 'operating', 'event', 'award', 'tax', 'finance', 'talent', 'other'] as const;
export const POLICY_SORTS = ['issuedOn', 'writtenOn', 'publishedAt', 'title', 'relevance'] as const;
/** 站内消息, or 站内消息和邮件 (to the account's own address). */
export const SUBSCRIPTION_CHANNELS = ['in_app', 'in_app_mail'] as const satisfies readonly Subscription['channel'][];

export const VALIDITY_COLORS: Record<Policy['validity'], string> = { effective: 'green', expired: 'default', repealed: 'red', revised: 'orange' };

export const policiesApi = {
  search: (query: PolicyQuery) => http.get('/api/public/policies', { query }),
  published: (id: string) => http.get('/api/public/policies/{id}', { path: { id } }),
  /** The library under the same filters as open data (CSV with BOM, or JSON). */
  exportUrl: (query: QueryOf<'/api/public/policies/export', 'get'>) => hrefOf('/api/public/policies/export', { query }),
  attachmentUrl: (id: string, fileId: string) => hrefOf('/api/public/policies/{id}/attachments/{fileId}', { path: { id, fileId } }),
  managed: (query: ManagedQuery) => http.get('/api/policies', { query }),
  get: (id: string) => http.get('/api/policies/{id}', { path: { id } }),
  create: (body: PolicyBody) => http.post('/api/policies', { body }),
  edit: (id: string, body: BodyOf<'/api/policies/{id}', 'put'>) => http.put('/api/policies/{id}', { path: { id }, body }),
  publish: (id: string, revision: number) => http.post('/api/policies/{id}/publish', { path: { id }, body: { revision } }),
  validity: (id: string, body: BodyOf<'/api/policies/{id}/validity', 'post'>) => http.post('/api/policies/{id}/validity', { path: { id }, body }),
  subscriptions: () => http.get('/api/policy-subscriptions'),
  subscribe: (body: BodyOf<'/api/policy-subscriptions', 'post'>) => http.post('/api/policy-subscriptions', { body }),
  unsubscribe: (id: string) => http.delete('/api/policy-subscriptions/{id}', { path: { id } }),
};
