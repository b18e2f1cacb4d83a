/** Public notices (公示) and objections (src/modules/notices/routes.ts). */
import { type BodyOf, hrefOf, http, type QueryOf, type ResponseOf } from './client';

/** The authority's list row (GET /api/notices). */
export type ManagedNoticeSummary = ResponseOf<'/api/notices', 'get'>['items'][number];
export type NoticeSummary = ResponseOf<'/api/public/notices', 'get'>['items'][number];
/** A notice as the public sees it: text and entries, no objections. */
export type PublicNotice = ResponseOf<'/api/public/notices/{id}', 'get'>;
export type PublicEntry = PublicNotice['entries'][number];
/** A notice as its authority sees it (GET /api/notices/:id). */
export type NoticeDetail = ResponseOf<'/api/notices/{id}', 'get'>;
export type Objection = NoticeDetail['objections'][number];
export type EntryOutcome = NoticeDetail['entries'][number]['outcome'];
export type ObjectionStatus = Objection['status'];
export type Candidate = ResponseOf<'/api/notices/candidates', 'get'>['items'][number];
export type PublishBody = BodyOf<'/api/notices', 'post'>;
export type HandleBody = BodyOf<'/api/notices/{id}/objections/{oid}/handle', 'post'>;

export const noticesApi = {
  list: (query: QueryOf<'/api/notices', 'get'>) => http.get('/api/notices', { query }),
  get: (id: string) => http.get('/api/notices/{id}', { path: { id } }),
  candidates: (query: QueryOf<'/api/notices/candidates', 'get'>) => http.get('/api/notices/candidates', { query }),
  publish: (body: PublishBody) => http.post('/api/notices', { body }),
  handle: (id: string, objectionId: string, body: HandleBody) => http.post('/api/notices/{id}/objections/{oid}/handle', { path: { id, oid: objectionId }, body }),
  conclude: (id: string) => http.post('/api/notices/{id}/conclude', { path: { id }, body: {} }),
  /** An objector's contact in full, with the reason (audited). */
  revealContact: (id: string, objectionId: string) => (body: BodyOf<'/api/notices/{id}/objections/{oid}/reveal', 'post'>) =>
    http.post('/api/notices/{id}/objections/{oid}/reveal', { path: { id, oid: objectionId }, body }),
  evidenceUrl: (id: string, objectionId: string) => hrefOf('/api/notices/{id}/objections/{oid}/evidence', { path: { id, oid: objectionId } }),
  publicList: (page: number, pageSize: number) => http.get('/api/public/notices', { query: { page, pageSize } }),
  publicGet: (id: string) => http.get('/api/public/notices/{id}', { path: { id } }),
  /** Text fields first, the evidence file last: the server streams the file after checking the fields. */
  object: (id: string, fields: { entryId: string; name: string; contact: string; grounds: string }, evidence?: File) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    if (evidence) form.append('evidence', evidence, evidence.name);
    return http.postForm('/api/public/notices/{id}/objections', form, { path: { id } });
  },
};
