/** Events, sign-ups, check-in and the public activity record (src/modules/events/routes.ts). */
import { type BodyOf, hrefOf, http, type QueryOf, type ResponseOf } from './client';

export type EventItem = ResponseOf<'/api/events/managed', 'get'>['items'][number];
export type EventDetail = ResponseOf<'/api/events/{id}', 'get'>;
export type EventBody = BodyOf<'/api/events/spaces/{spaceId}', 'post'>;
export type ManagedQuery = QueryOf<'/api/events/managed', 'get'>;
export type OpenQuery = QueryOf<'/api/events/open', 'get'>;
export type SignupRow = ResponseOf<'/api/events/{id}/signups', 'get'>['items'][number];
export type MySignup = ResponseOf<'/api/events/signups/mine', 'get'>['items'][number];
export type Activity = ResponseOf<'/api/public/activities', 'get'>['items'][number];
export type ActivityQuery = QueryOf<'/api/public/activities', 'get'>;
export type JurisdictionRow = ResponseOf<'/api/events/jurisdiction', 'get'>['items'][number];
export type JurisdictionPage = ResponseOf<'/api/events/jurisdiction', 'get'>;
export type JurisdictionQuery = QueryOf<'/api/events/jurisdiction', 'get'>;
export type FormField = EventDetail['signupForm'][number];
export type FormFieldBody = BodyOf<'/api/events/{id}/form', 'put'>['fields'][number];
export type Answers = NonNullable<BodyOf<'/api/events/{id}/signups', 'post'>['answers']>;
export type Scan = BodyOf<'/api/events/{id}/checkins/batch', 'post'>['scans'][number];

export const EVENT_KINDS = ['training', 'roadshow', 'competition', 'salon', 'model_innovation', 'other'] as const;
export const EVENT_ROLES = ['host', 'organiser', 'joint'] as const;
export const EVENT_STATUSES = ['draft', 'published', 'held', 'cancelled'] as const;
export const SIGNUP_STATUSES = ['pending', 'confirmed', 'waitlisted', 'offered', 'cancelled', 'rejected', 'expired'] as const;

export const EVENT_STATUS_COLORS: Record<EventItem['status'], string> = { draft: 'default', published: 'blue', held: 'green', cancelled: 'red' };
export const SIGNUP_STATUS_COLORS: Record<MySignup['status'], string> = { pending: 'gold', confirmed: 'green', waitlisted: 'orange', offered: 'purple', cancelled: 'default', rejected: 'red', expired: 'default' };

export const eventKeys = { managed: 'events-managed', open: 'events-open', mine: 'events-mine', event: 'events-event', signups: 'events-signups', activities: 'events-activities', jurisdiction: 'events-jurisdiction' };

export const eventLinks = {
  /** A photo of an event, for its space's staff. */
  photo: (id: string, fileId: string) => hrefOf('/api/events/{id}/photos/{fileId}', { path: { id, fileId } }),
  /** A photo of a held event on the public record, for anyone. */
  publicPhoto: (id: string, fileId: string) => hrefOf('/api/public/activities/{id}/photos/{fileId}', { path: { id, fileId } }),
  /** The event's sign-ups as a workbook, for its space's staff. */
  signupsXlsx: (id: string) => hrefOf('/api/events/{id}/signups.xlsx', { path: { id } }),
};

export const eventsApi = {
  managed: (query: ManagedQuery) => http.get('/api/events/managed', { query }),
  open: (query: OpenQuery) => http.get('/api/events/open', { query }),
  read: (id: string) => http.get('/api/events/{id}', { path: { id } }),
  create: (spaceId: string, body: EventBody) => http.post('/api/events/spaces/{spaceId}', { path: { spaceId }, body }),
  edit: (id: string, body: BodyOf<'/api/events/{id}', 'put'>) => http.put('/api/events/{id}', { path: { id }, body }),
  publish: (id: string, revision: number) => http.post('/api/events/{id}/publish', { path: { id }, body: { revision } }),
  cancel: (id: string, body: BodyOf<'/api/events/{id}/cancel', 'post'>) => http.post('/api/events/{id}/cancel', { path: { id }, body }),
  held: (id: string, body: BodyOf<'/api/events/{id}/held', 'post'>) => http.post('/api/events/{id}/held', { path: { id }, body }),
  signups: (id: string, query: QueryOf<'/api/events/{id}/signups', 'get'>) => http.get('/api/events/{id}/signups', { path: { id }, query }),
  signUp: (id: string, answers?: Answers) => http.post('/api/events/{id}/signups', { path: { id }, body: answers ? { answers } : {} }),
  setForm: (id: string, body: BodyOf<'/api/events/{id}/form', 'put'>) => http.put('/api/events/{id}/form', { path: { id }, body }),
  setSummary: (id: string, body: BodyOf<'/api/events/{id}/summary', 'put'>) => http.put('/api/events/{id}/summary', { path: { id }, body }),
  addPhoto: (id: string, fileId: string) => http.post('/api/events/{id}/photos', { path: { id }, body: { fileId } }),
  removePhoto: (id: string, fileId: string) => http.delete('/api/events/{id}/photos/{fileId}', { path: { id, fileId } }),
  reorderPhotos: (id: string, fileIds: string[]) => http.put('/api/events/{id}/photos', { path: { id }, body: { fileIds } }),
  mine: (query: QueryOf<'/api/events/signups/mine', 'get'>) => http.get('/api/events/signups/mine', { query }),
  cancelSignup: (id: string) => http.post('/api/events/signups/{id}/cancel', { path: { id } }),
  accept: (id: string) => http.post('/api/events/signups/{id}/accept', { path: { id } }),
  decide: (id: string, approve: boolean) => http.post('/api/events/signups/{id}/decide', { path: { id }, body: { approve } }),
  checkIn: (id: string, token: string) => http.post('/api/events/{id}/checkin', { path: { id }, body: { token } }),
  checkInBatch: (id: string, scans: Scan[]) => http.post('/api/events/{id}/checkins/batch', { path: { id }, body: { scans } }),
  jurisdiction: (query: JurisdictionQuery) => http.get('/api/events/jurisdiction', { query }),
  activities: (query: ActivityQuery) => http.get('/api/public/activities', { query }),
};
