/** Funds, investors, financing requests and investments (src/modules/financing/routes.ts). */
import { type BodyOf, hrefOf, http, type QueryOf, type ResponseOf } from './client';

export type Fund = ResponseOf<'/api/financing/funds', 'get'>['items'][number];
export type FundBody = BodyOf<'/api/financing/spaces/{spaceId}/funds', 'post'>;
export type Investor = ResponseOf<'/api/financing/investors', 'get'>['items'][number];
export type InvestorBody = BodyOf<'/api/financing/investors', 'post'>;
export type FinancingRequest = ResponseOf<'/api/financing/requests', 'get'>['items'][number];
export type RequestDetail = ResponseOf<'/api/financing/requests/{id}', 'get'>;
export type RequestBody = BodyOf<'/api/financing/spaces/{spaceId}/requests', 'post'>;
export type InvestmentBody = BodyOf<'/api/financing/requests/{id}/investments', 'post'>;
export type FinancingJurisdictionPage = ResponseOf<'/api/financing/jurisdiction', 'get'>;
export type FinancingJurisdictionRow = FinancingJurisdictionPage['items'][number];

export const FUND_KINDS = ['own', 'partner'] as const;
export const INVESTOR_TYPES = ['organisation', 'person'] as const;
export const ROUNDS = ['seed', 'angel', 'pre_a', 'a', 'b', 'later'] as const;
export const REQUEST_STATES = ['open', 'funded', 'withdrawn'] as const;
export const INVESTMENT_TYPES = ['equity', 'debt', 'other'] as const;
export const REQUEST_STATE_COLORS: Record<FinancingRequest['state'], string> = { open: 'blue', funded: 'green', withdrawn: 'default' };

export const financingKeys = { funds: 'financing-funds', investors: 'financing-investors', requests: 'financing-requests', request: 'financing-request', matches: 'financing-matches', jurisdiction: 'financing-jurisdiction' };

export const financingApi = {
  funds: (query: QueryOf<'/api/financing/funds', 'get'>) => http.get('/api/financing/funds', { query }),
  createFund: (spaceId: string, body: FundBody) => http.post('/api/financing/spaces/{spaceId}/funds', { path: { spaceId }, body }),
  editFund: (id: string, body: BodyOf<'/api/financing/funds/{id}', 'put'>) => http.put('/api/financing/funds/{id}', { path: { id }, body }),
  investors: (query: QueryOf<'/api/financing/investors', 'get'>) => http.get('/api/financing/investors', { query }),
  registerInvestor: (body: InvestorBody) => http.post('/api/financing/investors', { body }),
  requests: (query: QueryOf<'/api/financing/requests', 'get'>) => http.get('/api/financing/requests', { query }),
  raise: (spaceId: string, body: RequestBody) => http.post('/api/financing/spaces/{spaceId}/requests', { path: { spaceId }, body }),
  read: (id: string) => http.get('/api/financing/requests/{id}', { path: { id } }),
  matches: (id: string) => http.get('/api/financing/requests/{id}/matches', { path: { id }, query: { pageSize: 100 } }),
  withdraw: (id: string, revision: number) => http.post('/api/financing/requests/{id}/withdraw', { path: { id }, body: { revision } }),
  invest: (id: string, body: InvestmentBody) => http.post('/api/financing/requests/{id}/investments', { path: { id }, body }),
  jurisdiction: (query: QueryOf<'/api/financing/jurisdiction', 'get'>) => http.get('/api/financing/jurisdiction', { query }),
  jurisdictionXlsx: (year: number) => hrefOf('/api/financing/jurisdiction.xlsx', { query: { year } }),
};
