import { useQuery } from '@tanstack/react-query';
import { http, type QueryOf } from './client';

export const unreadCountKey = ['notifications', 'unread-count'] as const;

/** Unread notifications; the header polls it every minute, the notifications page reads it once. */
export function useUnreadCount(poll = false) {
  return useQuery({
    queryKey: unreadCountKey,
    queryFn: () => http.get('/api/notifications/unread-count'),
    refetchInterval: poll ? 60_000 : false,
  });
}

export const notificationsApi = {
  list: (query: QueryOf<'/api/notifications', 'get'>) => http.get('/api/notifications', { query }),
  markRead: (id: string) => http.post('/api/notifications/{id}/read', { path: { id } }),
  markAllRead: () => http.post('/api/notifications/read-all'),
};
