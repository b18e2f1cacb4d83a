/** The support register (src/modules/supports/routes.ts): a department's supports, their disclosure and the public register. */
import { type BodyOf, hrefOf, http, type QueryOf, type ResponseOf } from './client';
import { formatFen } from './services';

export { isValidUscc, normaliseUscc } from '../../../src/shared/validation/uscc.ts';
export { SUPPORT_CATEGORIES } from './policies';

export type Support = ResponseOf<'/api/supports', 'get'>['items'][number];
export type SupportDetail = ResponseOf<'/api/supports/{id}', 'get'>;
export type SupportQuery = QueryOf<'/api/supports', 'get'>;
export type SupportBody = BodyOf<'/api/supports', 'post'>;
export type PublicSupport = ResponseOf<'/api/portal/supports', 'get'>['items'][number];
export type PublicSupportQuery = QueryOf<'/api/portal/supports', 'get'>;

export const SUPPORT_STATUSES = ['draft', 'on_notice', 'published', 'blocked', 'withdrawn'] as const satisfies readonly Support['status'][];
export const PAYMENT_STATES = ['planned', 'paid', 'partly_paid', 'suspended', 'recovered'] as const satisfies readonly Support['paymentState'][];
export const BENEFICIARY_ROLES = ['operator', 'host', 'incubatee'] as const satisfies readonly Support['beneficiary']['role'][];

export const STATUS_COLORS: Record<Support['status'], string> = { draft: 'gold', on_notice: 'processing', published: 'green', blocked: 'red', withdrawn: 'default' };

/** The first element of every supports query key: a change refreshes the list and the open record. */
export const SUPPORTS_KEY = 'supports';

export const supportsApi = {
  list: (query: SupportQuery) => http.get('/api/supports', { query }),
  get: (id: string) => http.get('/api/supports/{id}', { path: { id } }),
  /** The support a disclosure submission carries (links from the review queue and notices). */
  ofSubmission: (id: string) => http.get('/api/supports/submissions/{id}', { path: { id } }),
  record: (body: SupportBody) => http.post('/api/supports', { body }),
  edit: (id: string, body: BodyOf<'/api/supports/{id}', 'patch'>) => http.patch('/api/supports/{id}', { path: { id }, body }),
  withdraw: (id: string, reason: string) => http.post('/api/supports/{id}/withdraw', { path: { id }, body: { reason } }),
  payment: (id: string, body: BodyOf<'/api/supports/{id}/payment', 'patch'>) => http.patch('/api/supports/{id}/payment', { path: { id }, body }),
  propose: (ids: string[]) => http.post('/api/supports/propose', { body: { ids } }),
  templateUrl: () => hrefOf('/api/supports/import-template'),
  import: (file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return http.postForm('/api/supports/import', form);
  },
  published: (query: PublicSupportQuery) => http.get('/api/portal/supports', { query }),
  exportUrl: (query: QueryOf<'/api/portal/supports/export', 'get'>) => hrefOf('/api/portal/supports/export', { query }),
};

/** An amount in 元 (two decimals at most) as the service orders show money. */
export const formatYuan = (yuan: number) => formatFen(Math.round(yuan * 100));
