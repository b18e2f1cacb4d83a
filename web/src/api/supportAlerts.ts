/** Duplicate-support alerts D1–D6 and entity links (src/modules/dupcheck/routes.ts). */
import { type BodyOf, http, type QueryOf, type ResponseOf } from './client';

export type AlertQuery = QueryOf<'/api/support-alerts', 'get'>;
export type AlertSummary = ResponseOf<'/api/support-alerts', 'get'>['items'][number];
export type AlertDetail = ResponseOf<'/api/support-alerts/{id}', 'get'>;
export type DisposeBody = BodyOf<'/api/support-alerts/{id}/dispose', 'post'>;
export type EntityLink = ResponseOf<'/api/entity-links', 'get'>['items'][number];

export const DUP_RULES = ['D1', 'D2', 'D3', 'D4', 'D5', 'D6'] as const;
export const ALERT_STATES = ['open', 'false_alarm', 'justified', 'recover', 'suspend', 'lapsed'] as const;
export const DISPOSITIONS = ['false_alarm', 'justified', 'recover', 'suspend'] as const;
export const STATE_COLORS: Record<AlertSummary['state'], string> = { open: 'red', false_alarm: 'default', justified: 'green', recover: 'volcano', suspend: 'orange', lapsed: 'default' };

export const supportAlertsApi = {
  list: (query: AlertQuery) => http.get('/api/support-alerts', { query }),
  get: (id: string) => http.get('/api/support-alerts/{id}', { path: { id } }),
  dispose: (id: string, body: DisposeBody) => http.post('/api/support-alerts/{id}/dispose', { path: { id }, body }),
  links: (query: QueryOf<'/api/entity-links', 'get'>) => http.get('/api/entity-links', { query }),
  addLink: (body: BodyOf<'/api/entity-links', 'post'>) => http.post('/api/entity-links', { body }),
  removeLink: (id: string) => http.delete('/api/entity-links/{id}', { path: { id } }),
};
