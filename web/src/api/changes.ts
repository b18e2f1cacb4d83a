/** Change reports (变更报告, src/modules/changes/routes.ts). */
import { type BodyOf, hrefOf, http, type QueryOf, type ResponseOf } from './client';

export type ChangeSummary = ResponseOf<'/api/change-reports', 'get'>['items'][number];
export type ChangeDetail = ResponseOf<'/api/change-reports/{id}', 'get'>;
export type ChangeField = ChangeDetail['items'][number]['field'];
export type SpaceChanges = ResponseOf<'/api/spaces/{id}/changes', 'get'>;
export type ChangeBody = BodyOf<'/api/change-reports/{id}', 'put'>;

/** The change kinds in the form's order (src/modules/changes/schema.ts CHANGE_FIELDS). */
export const CHANGE_FIELDS: readonly ChangeField[] = ['name', 'operator', 'host', 'address_area', 'principal', 'sub_field', 'premises', 'other'];

export const changeKeys = { list: 'change-reports', one: 'change-report', space: 'space-changes' };

export const changesApi = {
  list: (query: QueryOf<'/api/change-reports', 'get'>) => http.get('/api/change-reports', { query }),
  get: (id: string) => http.get('/api/change-reports/{id}', { path: { id } }),
  create: (spaceId: string) => http.post('/api/change-reports', { body: { spaceId } }),
  save: (id: string, body: ChangeBody) => http.put('/api/change-reports/{id}', { path: { id }, body }),
  submit: (id: string, revision: number) => http.post('/api/change-reports/{id}/submit', { path: { id }, body: { revision } }),
  spaceChanges: (id: string) => http.get('/api/spaces/{id}/changes', { path: { id } }),
  fileUrl: (id: string, fileId: string) => hrefOf('/api/change-reports/{id}/files/{fileId}/download', { path: { id, fileId } }),
};
