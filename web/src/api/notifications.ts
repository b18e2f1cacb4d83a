import { useQuery } from '@tanstack/react-query';
import { api } from './client';

export const unreadCountKey = ['notifications', 'unread-count'] as const;

/** Unread notifications; the header polls it every minute, the notifications page reads it once. */
export function useUnreadCount(poll = false) {
  return useQuery({
    queryKey: unreadCountKey,
    queryFn: () => api.get<{ count: number }>('/api/notifications/unread-count'),
    refetchInterval: poll ? 60_000 : false,
  });
}
