/** Shared equipment and facilities (设备预约 / 设备与场地): src/modules/booking/routes.ts. */
import { type BodyOf, hrefOf, http, type QueryOf, type ResponseOf } from './client';

export type FoundResource = ResponseOf<'/api/booking/resources/search', 'get'>['items'][number];
export type SearchQuery = QueryOf<'/api/booking/resources/search', 'get'>;
export type Resource = ResponseOf<'/api/booking/resources/{id}', 'get'>;
export type SpaceResource = ResponseOf<'/api/booking/spaces/{spaceId}/resources', 'get'>[number];
export type ResourceBody = BodyOf<'/api/booking/spaces/{spaceId}/resources', 'post'>;
export type RuleBody = BodyOf<'/api/booking/resources/{id}/rules/{group}', 'put'>;
export type BookingRule = Resource['rules'][number];
export type Calendar = ResponseOf<'/api/booking/resources/{id}/calendar', 'get'>;
export type Booking = ResponseOf<'/api/booking/bookings/{id}', 'get'>;
export type BookingRow = ResponseOf<'/api/booking/bookings/mine', 'get'>['items'][number];
export type BookingQuery = QueryOf<'/api/booking/bookings/mine', 'get'>;
export type Wait = ResponseOf<'/api/booking/waitlist/mine', 'get'>[number];
export type Qualification = ResponseOf<'/api/booking/resources/{id}/qualifications', 'get'>[number];
export type MyQualification = ResponseOf<'/api/booking/qualifications/mine', 'get'>[number];
export type Member = ResponseOf<'/api/booking/spaces/{spaceId}/members', 'get'>[number];
export type UsageRow = ResponseOf<'/api/booking/spaces/{spaceId}/usage', 'get'>[number];
export type UsageQuery = QueryOf<'/api/booking/spaces/{spaceId}/usage', 'get'>;
export type VoucherBody = BodyOf<'/api/booking/bookings/{id}/vouchers', 'post'>;

export type ResourceKind = Resource['kind'];
export type UserGroup = BookingRule['userGroup'];
export type BookingStatus = Booking['status'];

export const RESOURCE_KINDS: ResourceKind[] = ['equipment', 'instrument', 'facility', 'workstation', 'room'];
export const USER_GROUPS: UserGroup[] = ['own_incubatee', 'outside_maker', 'host_staff'];
export const BOOKING_STATUSES: BookingStatus[] = ['pending', 'confirmed', 'checked_in', 'completed', 'cancelled', 'rejected', 'no_show'];
export const FEE_BASES: Resource['feeBasis'][] = ['cost_recovery', 'non_profit'];
export const FEE_UNITS: Resource['feeUnit'][] = ['hour', 'sample', 'day'];

export const bookingKeys = {
  search: 'booking-search',
  resource: 'booking-resource',
  calendar: 'booking-calendar',
  mine: 'booking-mine',
  waits: 'booking-waits',
  spaceResources: 'booking-space-resources',
  spaceBookings: 'booking-space-bookings',
  qualifications: 'booking-qualifications',
  members: 'booking-members',
  usage: 'booking-usage',
  booking: 'booking-one',
  bans: 'booking-bans',
  myQualifications: 'booking-my-qualifications',
};

export const bookingApi = {
  search: (query: SearchQuery) => http.get('/api/booking/resources/search', { query }),
  resource: (id: string) => http.get('/api/booking/resources/{id}', { path: { id } }),
  calendar: (id: string, from: string, to: string) => http.get('/api/booking/resources/{id}/calendar', { path: { id }, query: { from, to } }),
  book: ({ id, ...body }: { id: string } & BodyOf<'/api/booking/resources/{id}/bookings', 'post'>) => http.post('/api/booking/resources/{id}/bookings', { path: { id }, body }),
  joinWaitlist: ({ id, ...body }: { id: string } & BodyOf<'/api/booking/resources/{id}/waitlist', 'post'>) => http.post('/api/booking/resources/{id}/waitlist', { path: { id }, body }),
  myWaits: () => http.get('/api/booking/waitlist/mine'),
  myBans: () => http.get('/api/booking/bans/mine'),
  myQualifications: () => http.get('/api/booking/qualifications/mine'),
  acceptOffer: (id: string) => http.post('/api/booking/waitlist/{id}/accept', { path: { id } }),
  leaveWaitlist: (id: string) => http.post('/api/booking/waitlist/{id}/leave', { path: { id } }),
  mine: (query: BookingQuery) => http.get('/api/booking/bookings/mine', { query }),
  booking: (id: string) => http.get('/api/booking/bookings/{id}', { path: { id } }),
  cancel: ({ id, reason }: { id: string; reason?: string }) => http.post('/api/booking/bookings/{id}/cancel', { path: { id }, body: reason ? { reason } : {} }),
  move: ({ id, ...body }: { id: string } & BodyOf<'/api/booking/bookings/{id}/move', 'post'>) => http.post('/api/booking/bookings/{id}/move', { path: { id }, body }),
  // The space's desk.
  spaceResources: (spaceId: string) => http.get('/api/booking/spaces/{spaceId}/resources', { path: { spaceId } }),
  createResource: ({ spaceId, body }: { spaceId: string; body: ResourceBody }) => http.post('/api/booking/spaces/{spaceId}/resources', { path: { spaceId }, body }),
  editResource: ({ id, body }: { id: string; body: BodyOf<'/api/booking/resources/{id}', 'put'> }) => http.put('/api/booking/resources/{id}', { path: { id }, body }),
  setRule: ({ id, group, body }: { id: string; group: UserGroup; body: RuleBody }) => http.put('/api/booking/resources/{id}/rules/{group}', { path: { id, group }, body }),
  removeRule: ({ id, group }: { id: string; group: UserGroup }) => http.delete('/api/booking/resources/{id}/rules/{group}', { path: { id, group } }),
  addBlackout: ({ id, ...body }: { id: string } & BodyOf<'/api/booking/resources/{id}/blackouts', 'post'>) => http.post('/api/booking/resources/{id}/blackouts', { path: { id }, body }),
  addPhoto: ({ id, fileId }: { id: string; fileId: string }) => http.post('/api/booking/resources/{id}/photos', { path: { id }, body: { fileId } }),
  reorderPhotos: ({ id, fileIds }: { id: string; fileIds: string[] }) => http.put('/api/booking/resources/{id}/photos', { path: { id }, body: { fileIds } }),
  removePhoto: ({ id, fileId }: { id: string; fileId: string }) => http.delete('/api/booking/resources/{id}/photos/{fileId}', { path: { id, fileId } }),
  removeBlackout: ({ id, blackoutId }: { id: string; blackoutId: string }) => http.delete('/api/booking/resources/{id}/blackouts/{blackoutId}', { path: { id, blackoutId } }),
  qualifications: (id: string) => http.get('/api/booking/resources/{id}/qualifications', { path: { id } }),
  grantQualification: ({ id, ...body }: { id: string } & BodyOf<'/api/booking/resources/{id}/qualifications', 'post'>) => http.post('/api/booking/resources/{id}/qualifications', { path: { id }, body }),
  spaceBookings: (spaceId: string, query: BookingQuery) => http.get('/api/booking/spaces/{spaceId}/bookings', { path: { spaceId }, query }),
  decide: ({ id, ...body }: { id: string } & BodyOf<'/api/booking/bookings/{id}/decision', 'post'>) => http.post('/api/booking/bookings/{id}/decision', { path: { id }, body }),
  checkIn: (id: string) => http.post('/api/booking/bookings/{id}/check-in', { path: { id } }),
  checkInByToken: (token: string) => http.post('/api/booking/check-in', { body: { token } }),
  checkOut: ({ id, samples }: { id: string; samples?: number }) => http.post('/api/booking/bookings/{id}/check-out', { path: { id }, body: samples === undefined ? {} : { samples } }),
  redeemVoucher: ({ id, body }: { id: string; body: VoucherBody }) => http.post('/api/booking/bookings/{id}/vouchers', { path: { id }, body }),
  members: (spaceId: string) => http.get('/api/booking/spaces/{spaceId}/members', { path: { spaceId } }),
  usage: (spaceId: string, query: UsageQuery) => http.get('/api/booking/spaces/{spaceId}/usage', { path: { spaceId }, query }),
};

/** The usage workbook, linked to rather than fetched. */
export const bookingLinks = {
  /** A photo of a resource the signed-in user may see (its staff: an inactive one's too). */
  photo: (id: string, fileId: string) => hrefOf('/api/booking/resources/{id}/photos/{fileId}', { path: { id, fileId } }),
  /** A photo of a filed space's active resource, for anyone (search results, the space's public page). */
  publicPhoto: (id: string, fileId: string) => hrefOf('/api/public/booking/resources/{id}/photos/{fileId}', { path: { id, fileId } }),
  usageXlsx: (spaceId: string, from: string, to: string) => hrefOf('/api/booking/spaces/{spaceId}/usage.xlsx', { path: { spaceId }, query: { from, to } }),
};

/** 分 → "12.50 元". */
export const yuan = (fen: number) => `${(fen / 100).toFixed(2)} 元`;
/** Minutes after midnight → "08:30". */
export const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
