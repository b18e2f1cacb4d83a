import { api } from './client';

/** Shapes of src/modules/credit/routes.ts. */
export interface CreditRecord {
  id: string;
  orgId: string;
  orgName: string;
  uscc: string | null;
  reason: string;
  subjectType: string | null;
  subjectId: string | null;
  evidenceFileId: string | null;
  foundAt: string;
  /** Applications are refused until then (00:00 Asia/Shanghai of that date). */
  banUntil: string;
  active: boolean;
}

export const creditKeys = { records: 'credit-records' };

export const creditApi = {
  find: (body: { applicationId: string; reason: string; evidenceFileId: string }) => api.post<CreditRecord>('/api/credit/findings', body),
  exportUrl: (q?: string) => `/api/credit/records.xlsx${q ? `?q=${encodeURIComponent(q)}` : ''}`,
};
