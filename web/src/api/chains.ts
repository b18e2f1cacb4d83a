/** Review chains (审核流程): src/modules/chains/routes.ts; the stage model of src/shared/chains.ts. */
import { type BodyOf, http, type QueryOf, type ResponseOf } from './client';

export { CHAIN_KINDS, STAGE_KINDS, type ChainKind, type StageKind } from '../../../src/shared/chains.ts';
export { AUTHORITY_LEVELS, CALL_LEVELS, type AuthorityLevel, type CallLevel } from '../../../src/shared/domain.ts';

export const STAGE_DOCUMENTS = ['letter', 'authority_commitment'] as const;
export type StageDocument = (typeof STAGE_DOCUMENTS)[number];
export const REQUIRED_FILINGS = ['city', 'province'] as const;

export type ChainSummary = ResponseOf<'/api/chains', 'get'>['items'][number];
export type ChainDetail = ResponseOf<'/api/chains/{id}', 'get'>;
/** One stage as the API sends and takes it (the shape of `StageTemplate`). */
export type Stage = ChainDetail['definition']['stages'][number];
export type ChecklistItem = Stage['checklist'][number];
export type StageActor = Stage['actor'];
export type ChainBody = BodyOf<'/api/chains/{id}', 'put'>;

export const chainsApi = {
  list: (query: QueryOf<'/api/chains', 'get'>) => http.get('/api/chains', { query }),
  get: (id: string) => http.get('/api/chains/{id}', { path: { id } }),
  /** Saves a draft (optimistic lock on `revision`). */
  save: (id: string, body: ChainBody) => http.put('/api/chains/{id}', { path: { id }, body }),
  clone: (id: string, body: BodyOf<'/api/chains/{id}/clone', 'post'>) => http.post('/api/chains/{id}/clone', { path: { id }, body }),
  publish: (id: string, revision: number) => http.post('/api/chains/{id}/publish', { path: { id }, body: { revision } }),
};
