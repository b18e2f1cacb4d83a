/**
 * The calls an authority manages, as the stage pages (notices, decisions, recommendations, expert
 * review) pick one, and the public list of calls. calls.ts (hand-typed, being changed elsewhere)
 * keeps the calls administration; these two lists already go through the contract.
 */
import { http, type QueryOf, type ResponseOf } from './client';

export type ManagedCallItem = ResponseOf<'/api/calls', 'get'>['items'][number];
export type PublicCall = ResponseOf<'/api/public/calls', 'get'>['items'][number];

export const managedCallsApi = {
  /** The published calls the actor's authority manages (the first hundred). */
  published: () => http.get('/api/calls', { query: { status: 'published', page: 1, pageSize: 100 } }),
  /** Every call the actor's authority manages (the first hundred). */
  all: () => http.get('/api/calls', { query: { page: 1, pageSize: 100 } }),
  publicList: (query: QueryOf<'/api/public/calls', 'get'>) => http.get('/api/public/calls', { query }),
};
