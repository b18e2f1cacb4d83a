/** Decisions, published lists (备案名单 / 推荐名单) and filings (src/modules/filings/routes.ts). */
import { type BodyOf, http, type QueryOf, type ResponseOf } from './client';

export type Candidates = ResponseOf<'/api/decisions/candidates', 'get'>;
export type DecisionCandidate = Candidates['items'][number];
export type Decision = ResponseOf<'/api/decisions', 'get'>['items'][number];
export type Outcome = Decision['outcome'];
export type DecisionStatus = Decision['status'];
export type ChecklistVerdict = Decision['checklist'][number];
export type Verdict = ChecklistVerdict['verdict'];
/** What the decider states: outcome, reason and a verdict on every checklist item. */
export type DecisionInput = BodyOf<'/api/decisions/{id}', 'put'>;
export type ReleaseInput = BodyOf<'/api/decisions/release', 'post'>;
export type PublicListDetail = ResponseOf<'/api/public/filing-lists/{id}', 'get'>;
export type PublicList = Omit<PublicListDetail, 'entries'>;
export type PublicListEntry = PublicListDetail['entries'][number];
export type ListLevel = PublicList['level'];
export type SpaceFiling = ResponseOf<'/api/filings', 'get'>['items'][number];

export const decisionsApi = {
  candidates: (query: QueryOf<'/api/decisions/candidates', 'get'>) => http.get('/api/decisions/candidates', { query }),
  list: (query: QueryOf<'/api/decisions', 'get'>) => http.get('/api/decisions', { query }),
  record: (body: BodyOf<'/api/decisions', 'post'>) => http.post('/api/decisions', { body }),
  update: (id: string, body: DecisionInput) => http.put('/api/decisions/{id}', { path: { id }, body }),
  withdraw: (id: string) => http.delete('/api/decisions/{id}', { path: { id } }),
  release: (body: ReleaseInput) => http.post('/api/decisions/release', { body }),
  reverse: (id: string, reason: string) => http.post('/api/decisions/{id}/reverse', { path: { id }, body: { reason } }),
};

export const filingListsApi = {
  list: (query: QueryOf<'/api/public/filing-lists', 'get'>) => http.get('/api/public/filing-lists', { query }),
  get: (id: string) => http.get('/api/public/filing-lists/{id}', { path: { id } }),
  ofSpace: (spaceId: string) => http.get('/api/filings', { query: { spaceId } }),
};
