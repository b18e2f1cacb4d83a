/** Revocation proposals and the space timeline (src/modules/revocation, src/modules/dossier-history). */
import { http, type QueryOf, type ResponseOf } from './client';

export type Proposal = ResponseOf<'/api/revocation/proposals/{id}', 'get'>;
export type ProposalQuery = QueryOf<'/api/revocation/proposals', 'get'>;
export type SpaceTimeline = ResponseOf<'/api/spaces/{id}/timeline', 'get'>;

export const revocationKeys = { list: 'revocation-proposals', one: 'revocation-proposal', timeline: 'space-timeline' };

export const revocationApi = {
  list: (query: ProposalQuery) => http.get('/api/revocation/proposals', { query }),
  get: (id: string) => http.get('/api/revocation/proposals/{id}', { path: { id } }),
  ofSubmission: (id: string) => http.get('/api/revocation/submissions/{id}', { path: { id } }),
  start: ({ id, note }: { id: string; note?: string }) => http.post('/api/revocation/proposals/{id}/start', { path: { id }, body: note ? { note } : {} }),
  dismiss: ({ id, reason }: { id: string; reason: string }) => http.post('/api/revocation/proposals/{id}/dismiss', { path: { id }, body: { reason } }),
  timeline: (spaceId: string) => http.get('/api/spaces/{id}/timeline', { path: { id: spaceId } }),
};
