import { useQuery } from '@tanstack/react-query';
import { http, type QueryOf } from './client';

export const unreadCountKey = ['notifications', 'unread-count'] as const;

/**
 * Unread notifications; the header polls it every minute, the notifications page reads it once.
 * `enabled: false` stops the poll (the header at sign-out); the request takes TanStack's signal so
 * cancelling the query aborts one still in flight.
 */
export function useUnreadCount({ poll = false, enabled = true } = {}) {
  return useQuery({
    queryKey: unreadCountKey,
    queryFn: ({ signal }) => http.get('/api/notifications/unread-count', { signal }),
    refetchInterval: poll ? 60_000 : false,
    enabled,
  });
}

export const notificationsApi = {
  list: (query: QueryOf<'/api/notifications', 'get'>) => http.get('/api/notifications', { query }),
  markRead: (id: string) => http.post('/api/notifications/{id}/read', { path: { id } }),
  markAllRead: () => http.post('/api/notifications/read-all'),
};
