/** The incubatee roster, survival cohorts and the incubation chain (src/modules/roster/routes.ts). */
import { type BodyOf, hrefOf, http, type QueryOf, type ResponseOf } from './client';

export type Incubatee = ResponseOf<'/api/roster/incubatees', 'get'>['items'][number];
export type IncubateeDetail = ResponseOf<'/api/roster/incubatees/{id}', 'get'>;
export type IncubateeBody = BodyOf<'/api/roster/spaces/{spaceId}/incubatees', 'post'>;
export type RosterQuery = QueryOf<'/api/roster/incubatees', 'get'>;
export type Survival = ResponseOf<'/api/roster/survival', 'get'>;
export type ChainPath = ResponseOf<'/api/roster/chain', 'get'>;

export const FOUNDER_TYPES = ['student', 'researcher', 'returnee', 'executive', 'foreign', 'serial'] as const;
export const INCUBATEE_STATUSES = ['resident', 'graduated', 'exited', 'moved', 'deregistered'] as const;
export const CHAIN_PLACES = ['nursery', 'maker_space', 'incubator', 'accelerator', 'industrial_park'] as const;

export const rosterKeys = { list: 'roster-incubatees', survival: 'roster-survival', chain: 'roster-chain' };

export const rosterApi = {
  list: (query: RosterQuery) => http.get('/api/roster/incubatees', { query }),
  read: (id: string) => http.get('/api/roster/incubatees/{id}', { path: { id } }),
  revealPersonal: (id: string) => (body: BodyOf<'/api/roster/incubatees/{id}/reveal', 'post'>) => http.post('/api/roster/incubatees/{id}/reveal', { path: { id }, body }),
  create: (spaceId: string, body: IncubateeBody) => http.post('/api/roster/spaces/{spaceId}/incubatees', { path: { spaceId }, body }),
  edit: (id: string, body: BodyOf<'/api/roster/incubatees/{id}', 'put'>) => http.put('/api/roster/incubatees/{id}', { path: { id }, body }),
  changeStatus: (id: string, body: BodyOf<'/api/roster/incubatees/{id}/status', 'post'>) => http.post('/api/roster/incubatees/{id}/status', { path: { id }, body }),
  addFinancing: (id: string, body: BodyOf<'/api/roster/incubatees/{id}/financings', 'post'>) => http.post('/api/roster/incubatees/{id}/financings', { path: { id }, body }),
  removeFinancing: (id: string, financingId: string) => http.delete('/api/roster/incubatees/{id}/financings/{financingId}', { path: { id, financingId } }),
  import: (spaceId: string, file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return http.postForm('/api/roster/spaces/{spaceId}/import', form, { path: { spaceId } });
  },
  exportUrl: (query: Omit<RosterQuery, 'page' | 'pageSize'>) => hrefOf('/api/roster/incubatees.xlsx', { query }),
  survival: (query: { spaceId?: string | undefined; page: number; pageSize: number }) => http.get('/api/roster/survival', { query }),
  chain: (uscc: string) => http.get('/api/roster/chain', { query: { uscc } }),
  chainPlace: (spaceId: string) => http.get('/api/roster/spaces/{spaceId}/chain', { path: { spaceId } }),
  setChainPlace: (spaceId: string, body: BodyOf<'/api/roster/spaces/{spaceId}/chain', 'put'>) => http.put('/api/roster/spaces/{spaceId}/chain', { path: { spaceId }, body }),
};
