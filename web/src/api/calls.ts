/** Calls (申报批次): the authority's administration of them (src/modules/calls/routes.ts); the portal reads calls through api/portal.ts. */
import { type BodyOf, http, type QueryOf, type ResponseOf } from './client';

export { CALL_LEVELS, SPACE_CATEGORIES, type CallLevel } from '../../../src/shared/domain.ts';

/** A call as its managing authority sees it (GET /api/calls), with its pinned review chain version. */
export type ManagedCall = ResponseOf<'/api/calls', 'get'>['items'][number];
export type CallBody = BodyOf<'/api/calls', 'post'>;
export type MaterialSlot = CallBody['materialSlots'][number];
/** A published review chain version a call of a level may pin. */
export type UsableChain = ResponseOf<'/api/chains/usable', 'get'>['items'][number];
/** A call's applications with their count per state (GET /api/calls/{id}/applications). */
export type CallApplications = ResponseOf<'/api/calls/{id}/applications', 'get'>;

export const callsApi = {
  list: (query: QueryOf<'/api/calls', 'get'>) => http.get('/api/calls', { query }),
  get: (id: string) => http.get('/api/calls/{id}', { path: { id } }),
  /** The call's applications: the count in every state and one page, in one state or all. */
  applications: (id: string, query: QueryOf<'/api/calls/{id}/applications', 'get'>) => http.get('/api/calls/{id}/applications', { path: { id }, query }),
  create: (body: CallBody) => http.post('/api/calls', { body }),
  update: (id: string, body: BodyOf<'/api/calls/{id}', 'put'>) => http.put('/api/calls/{id}', { path: { id }, body }),
  publish: (id: string, revision: number) => http.post('/api/calls/{id}/publish', { path: { id }, body: { revision } }),
  cancel: (id: string, revision: number, reason: string) => http.post('/api/calls/{id}/cancel', { path: { id }, body: { revision, reason } }),
  /** The material list a new call of the level starts from. */
  defaultSlots: (level: ManagedCall['level']) => http.get('/api/calls/default-slots', { query: { level } }),
  /** The published review chain versions a call of the kind ('filing', 'annual_return') and level may pin. */
  usableChains: (kind: NonNullable<QueryOf<'/api/chains/usable', 'get'>['kind']>, level: ManagedCall['level']) => http.get('/api/chains/usable', { query: { kind, level } }),
};
