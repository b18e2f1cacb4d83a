/**
 * The public directory of filed spaces and each filed space's page (src/modules/portal/directory-routes.ts),
 * and the operator's editor of its space's public-site fields (src/modules/spacesite).
 */
import { hrefOf, http, type BodyOf, type QueryOf, type ResponseOf } from './client';

export type DirectoryQuery = QueryOf<'/api/portal/spaces', 'get'>;
export type DirectoryItem = ResponseOf<'/api/portal/spaces', 'get'>['items'][number];
export type DirectoryRegion = ResponseOf<'/api/portal/spaces/regions', 'get'>['items'][number];
export type SpacePage = ResponseOf<'/api/portal/spaces/{id}', 'get'>;
export type Site = ResponseOf<'/api/spacesite/{spaceId}', 'get'>;
export type SiteBody = BodyOf<'/api/spacesite/{spaceId}', 'put'>;

export const FILING_LEVELS = ['national', 'province', 'city'] as const;
export const SPACE_CATEGORIES = ['regular', 'professional'] as const;
export const KEY_INDUSTRIES = [
  'electronic_information',
  'biotechnology',
  'modern_agriculture',
  'advanced_equipment',
  'new_energy',
  'new_materials',
  'energy_saving',
  'medicine_health',
  'cultural_creative',
  'modern_services',
] as const satisfies readonly DirectoryItem['industry'][];
export const DIRECTORY_SORTS = ['level', 'name', 'region', 'filedAt'] as const;

export const spacesiteApi = {
  directory: (query: DirectoryQuery) => http.get('/api/portal/spaces', { query }),
  regions: () => http.get('/api/portal/spaces/regions').then((r) => r.items),
  page: (id: string) => http.get('/api/portal/spaces/{id}', { path: { id } }),
  exportUrl: (query: Omit<DirectoryQuery, 'page' | 'pageSize'>, format: 'csv' | 'json') => hrefOf('/api/portal/spaces/export', { query: { ...query, format } }),
  filingListExportUrl: (id: string, format: 'csv' | 'json') => hrefOf('/api/portal/filing-lists/{id}/export', { path: { id }, query: { format } }),
  site: (spaceId: string) => http.get('/api/spacesite/{spaceId}', { path: { spaceId } }),
  save: (spaceId: string, body: SiteBody) => http.put('/api/spacesite/{spaceId}', { path: { spaceId }, body }),
};
