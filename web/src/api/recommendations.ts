import { useQuery } from '@tanstack/react-query';
import { type BodyOf, hrefOf, http, type ResponseOf } from './client';

/** Recommendation batches: 推荐函, 主管部门信用承诺书, sending on (src/modules/recommendations/routes.ts). */
export type Candidates = ResponseOf<'/api/recommendations/candidates', 'get'>;
export type Candidate = Candidates['items'][number];
export type RecommendStage = Candidates['stages'][number];
export type Batch = ResponseOf<'/api/recommendations/{id}', 'get'>;
export type BatchSummary = ResponseOf<'/api/recommendations', 'get'>['items'][number];
export type Package = ResponseOf<'/api/recommendations/for-application/{applicationId}', 'get'>['items'][number];
export type BatchItemInput = BodyOf<'/api/recommendations', 'post'>['items'][number];

export const recommendationKeys = {
  all: ['recommendations'] as const,
  candidates: (callId: string) => ['recommendations', 'candidates', callId] as const,
  batch: (id: string) => ['recommendations', 'batch', id] as const,
  package: (applicationId: string) => ['recommendations', 'package', applicationId] as const,
};

export const useCandidates = (callId: string | undefined) =>
  useQuery({ queryKey: recommendationKeys.candidates(callId ?? ''), queryFn: () => http.get('/api/recommendations/candidates', { query: { callId: callId! } }), enabled: !!callId });

export const useBatches = (page: number) =>
  useQuery({ queryKey: [...recommendationKeys.all, 'list', page], queryFn: () => http.get('/api/recommendations', { query: { page, pageSize: 20 } }) });

export const useBatch = (id: string | undefined) =>
  useQuery({ queryKey: recommendationKeys.batch(id ?? ''), queryFn: () => http.get('/api/recommendations/{id}', { path: { id: id! } }), enabled: !!id });

/** The sent recommendation of an application (dossier page); empty for readers outside the rule. */
export const usePackage = (applicationId: string, enabled: boolean) =>
  useQuery({
    queryKey: recommendationKeys.package(applicationId),
    queryFn: () => http.get('/api/recommendations/for-application/{applicationId}', { path: { applicationId } }),
    enabled,
    retry: false,
  });

export const recommendationsApi = {
  create: (body: BodyOf<'/api/recommendations', 'post'>) => http.post('/api/recommendations', { body }),
  update: (id: string, body: BodyOf<'/api/recommendations/{id}', 'put'>) => http.put('/api/recommendations/{id}', { path: { id }, body }),
  documents: (id: string, body: BodyOf<'/api/recommendations/{id}/documents', 'post'>) => http.post('/api/recommendations/{id}/documents', { path: { id }, body }),
  send: (id: string, revision: number) => http.post('/api/recommendations/{id}/send', { path: { id }, body: { revision } }),
  letterUrl: (id: string) => hrefOf('/api/recommendations/{id}/letter.docx', { path: { id } }),
  commitmentUrl: (id: string) => hrefOf('/api/recommendations/{id}/commitment.docx', { path: { id } }),
  fileUrl: (id: string, fileId: string) => hrefOf('/api/recommendations/{id}/files/{fileId}', { path: { id, fileId } }),
};
