/** The public portal's reads (src/modules/portal/public-routes.ts): call pages and the site's operator. */
import type { Condition } from './criteria';
import { hrefOf, http, type QueryOf, type ResponseOf } from './client';

export type PortalCallQuery = QueryOf<'/api/portal/calls', 'get'>;
export type PortalCallSummary = ResponseOf<'/api/portal/calls', 'get'>['items'][number];
export type CallState = PortalCallSummary['state'];
export const CALL_STATES = ['open', 'upcoming', 'closed'] as const satisfies readonly CallState[];
export type CallRegion = ResponseOf<'/api/portal/calls/regions', 'get'>['items'][number];

type CallPageResponse = ResponseOf<'/api/portal/calls/{id}', 'get'>;
/**
 * A published call as the portal shows it. The route leaves the conditions open (the handler passes
 * the stored rule set through); they are the criteria module's `Condition`s.
 */
export type PortalCall = Omit<CallPageResponse, 'criteria'> & {
  criteria: (Omit<NonNullable<CallPageResponse['criteria']>, 'conditions'> & { conditions: Condition[] }) | null;
};

export const portalApi = {
  site: () => http.get('/api/portal/site'),
  calls: (query: PortalCallQuery) => http.get('/api/portal/calls', { query }),
  callRegions: () => http.get('/api/portal/calls/regions').then((r) => r.items),
  call: (id: string) => http.get('/api/portal/calls/{id}', { path: { id } }) as Promise<PortalCall>,
  /** A document of a published call; no sign-in needed. */
  documentUrl: (id: string, fileId: string) => hrefOf('/api/public/calls/{id}/documents/{fileId}', { path: { id, fileId } }),
};
