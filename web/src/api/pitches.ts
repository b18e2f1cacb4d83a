/** Roadshow and competition calls (src/modules/pitches/routes.ts). */
import { type BodyOf, hrefOf, http, type QueryOf, type ResponseOf } from './client';

export type PitchCall = ResponseOf<'/api/pitch-calls', 'get'>['items'][number];
export type PitchCallDetail = ResponseOf<'/api/pitch-calls/{id}', 'get'>;
export type PitchCallBody = BodyOf<'/api/pitch-calls/spaces/{spaceId}', 'post'>;
export type PitchCallQuery = QueryOf<'/api/pitch-calls', 'get'>;
export type OpenPitchCall = ResponseOf<'/api/pitches/open', 'get'>['items'][number];
export type MyPitch = ResponseOf<'/api/pitches/mine', 'get'>['items'][number];
export type PitchApplication = ResponseOf<'/api/pitch-calls/{id}/applications', 'get'>['items'][number];
export type PitchApplicationDetail = ResponseOf<'/api/pitch-applications/{id}', 'get'>;
export type PitchApplicationBody = BodyOf<'/api/pitch-calls/{id}/applications', 'post'>;
export type PitchReview = ResponseOf<'/api/pitch-reviews', 'get'>['items'][number];
export type PublicPitchCall = ResponseOf<'/api/portal/pitches', 'get'>['items'][number];
export type PublicPitchQuery = QueryOf<'/api/portal/pitches', 'get'>;
export type PitchCallAction = PitchCall['actions'][number];

export const PITCH_CALL_STATES = ['draft', 'open', 'reviewing', 'published', 'cancelled'] as const;
export const PROJECT_STAGES = ['idea', 'prototype', 'early_revenue', 'growth'] as const;
export const PITCH_STATE_COLORS: Record<PitchCall['state'], string> = { draft: 'default', open: 'green', reviewing: 'blue', published: 'gold', cancelled: 'red' };

export const pitchKeys = { managed: 'pitch-managed', open: 'pitch-open', mine: 'pitch-mine', call: 'pitch-call', applications: 'pitch-applications', application: 'pitch-application', reviews: 'pitch-reviews', public: 'pitch-public' };

export const pitchApi = {
  managed: (query: PitchCallQuery) => http.get('/api/pitch-calls', { query }),
  candidates: () => http.get('/api/pitch-calls/panel-candidates'),
  create: (spaceId: string, body: PitchCallBody) => http.post('/api/pitch-calls/spaces/{spaceId}', { path: { spaceId }, body }),
  edit: (id: string, body: BodyOf<'/api/pitch-calls/{id}', 'put'>) => http.put('/api/pitch-calls/{id}', { path: { id }, body }),
  read: (id: string) => http.get('/api/pitch-calls/{id}', { path: { id } }),
  move: (id: string, action: 'open' | 'review' | 'publish', revision: number) =>
    action === 'open'
      ? http.post('/api/pitch-calls/{id}/open', { path: { id }, body: { revision } })
      : action === 'review'
        ? http.post('/api/pitch-calls/{id}/review', { path: { id }, body: { revision } })
        : http.post('/api/pitch-calls/{id}/publish', { path: { id }, body: { revision } }),
  cancel: (id: string, reason: string, revision: number) => http.post('/api/pitch-calls/{id}/cancel', { path: { id }, body: { reason, revision } }),
  awards: (id: string, body: BodyOf<'/api/pitch-calls/{id}/awards', 'put'>) => http.put('/api/pitch-calls/{id}/awards', { path: { id }, body }),
  applications: (id: string, query: QueryOf<'/api/pitch-calls/{id}/applications', 'get'>) => http.get('/api/pitch-calls/{id}/applications', { path: { id }, query }),
  apply: (id: string, body: PitchApplicationBody) => http.post('/api/pitch-calls/{id}/applications', { path: { id }, body }),
  open: (query: QueryOf<'/api/pitches/open', 'get'>) => http.get('/api/pitches/open', { query }),
  mine: (query: QueryOf<'/api/pitches/mine', 'get'>) => http.get('/api/pitches/mine', { query }),
  application: (id: string) => http.get('/api/pitch-applications/{id}', { path: { id } }),
  editApplication: (id: string, body: BodyOf<'/api/pitch-applications/{id}', 'put'>) => http.put('/api/pitch-applications/{id}', { path: { id }, body }),
  withdraw: (id: string, revision: number) => http.post('/api/pitch-applications/{id}/withdraw', { path: { id }, body: { revision } }),
  reviews: (query: QueryOf<'/api/pitch-reviews', 'get'>) => http.get('/api/pitch-reviews', { query }),
  score: (id: string, body: BodyOf<'/api/pitch-applications/{id}/score', 'post'>) => http.post('/api/pitch-applications/{id}/score', { path: { id }, body }),
  fileUrl: (id: string, fileId: string) => hrefOf('/api/pitch-applications/{id}/files/{fileId}/download', { path: { id, fileId } }),
  publicList: (query: PublicPitchQuery) => http.get('/api/portal/pitches', { query }),
};
