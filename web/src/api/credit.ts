/** Fraud findings and credit records (src/modules/credit/routes.ts). */
import { type BodyOf, hrefOf, http, type QueryOf, type ResponseOf } from './client';

export type CreditRecord = ResponseOf<'/api/credit/records', 'get'>['items'][number];

export const creditKeys = { records: 'credit-records' };

export const creditApi = {
  records: (query: QueryOf<'/api/credit/records', 'get'>) => http.get('/api/credit/records', { query }),
  find: (body: BodyOf<'/api/credit/findings', 'post'>) => http.post('/api/credit/findings', { body }),
  exportUrl: (q?: string) => hrefOf('/api/credit/records.xlsx', { query: { q } }),
};
