/** The service catalogue and orders (src/modules/services/routes.ts). */
import { type BodyOf, hrefOf, http, type QueryOf, type ResponseOf } from './client';

export type Service = ResponseOf<'/api/services/search', 'get'>['items'][number];
export type ServiceBody = BodyOf<'/api/services/spaces/{spaceId}/catalogue', 'post'>;
export type CatalogueQuery = QueryOf<'/api/services/catalogue', 'get'>;
export type SearchQuery = QueryOf<'/api/services/search', 'get'>;
export type Order = ResponseOf<'/api/services/orders/queue', 'get'>['items'][number];
export type OrderDetail = ResponseOf<'/api/services/orders/{id}', 'get'>;
export type OrderQuery = QueryOf<'/api/services/orders/queue', 'get'>;
export type OrderAction = Order['actions'][number];

export const SERVICE_KINDS = ['industrial_design', 'testing', 'model_making', 'intellectual_property', 'patent_standard', 'pilot_production', 'promotion', 'supply_chain', 'financing'] as const;
export const PRICE_BASES = ['fixed', 'quote', 'free'] as const;
export const ORDER_STATES = ['requested', 'quoted', 'accepted', 'delivered', 'rated', 'declined', 'cancelled'] as const;

export const ORDER_STATE_COLORS: Record<Order['state'], string> = { requested: 'gold', quoted: 'blue', accepted: 'cyan', delivered: 'purple', rated: 'green', declined: 'red', cancelled: 'default' };

export const serviceKeys = { catalogue: 'services-catalogue', search: 'services-search', queue: 'services-queue', mine: 'services-mine', order: 'services-order' };

/** 分 → "¥12,000.00". */
export const formatFen = (fen: number | null | undefined) => (fen === null || fen === undefined ? '—' : `¥${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`);

export const servicesApi = {
  catalogue: (query: CatalogueQuery) => http.get('/api/services/catalogue', { query }),
  create: (spaceId: string, body: ServiceBody) => http.post('/api/services/spaces/{spaceId}/catalogue', { path: { spaceId }, body }),
  edit: (id: string, body: BodyOf<'/api/services/catalogue/{id}', 'put'>) => http.put('/api/services/catalogue/{id}', { path: { id }, body }),
  search: (query: SearchQuery) => http.get('/api/services/search', { query }),
  request: (id: string, note: string) => http.post('/api/services/catalogue/{id}/orders', { path: { id }, body: { note } }),
  queue: (query: OrderQuery) => http.get('/api/services/orders/queue', { query }),
  mine: (query: OrderQuery) => http.get('/api/services/orders/mine', { query }),
  read: (id: string) => http.get('/api/services/orders/{id}', { path: { id } }),
  quote: (id: string, body: BodyOf<'/api/services/orders/{id}/quote', 'post'>) => http.post('/api/services/orders/{id}/quote', { path: { id }, body }),
  accept: (id: string, revision: number) => http.post('/api/services/orders/{id}/accept', { path: { id }, body: { revision } }),
  deliver: (id: string, body: BodyOf<'/api/services/orders/{id}/deliver', 'post'>) => http.post('/api/services/orders/{id}/deliver', { path: { id }, body }),
  rate: (id: string, body: BodyOf<'/api/services/orders/{id}/rate', 'post'>) => http.post('/api/services/orders/{id}/rate', { path: { id }, body }),
  decline: (id: string, body: BodyOf<'/api/services/orders/{id}/decline', 'post'>) => http.post('/api/services/orders/{id}/decline', { path: { id }, body }),
  cancel: (id: string, body: BodyOf<'/api/services/orders/{id}/cancel', 'post'>) => http.post('/api/services/orders/{id}/cancel', { path: { id }, body }),
  fileUrl: (id: string, fileId: string) => hrefOf('/api/services/orders/{id}/files/{fileId}/download', { path: { id, fileId } }),
};
