import { useQuery } from '@tanstack/react-query';
import { ApiError, api } from './client';
import type { Me } from './types';

export const meKey = ['me'] as const;

// Not every 401 means signed out: a wrong current password or one-time code is a 401 too.
const SIGNED_OUT = new Set(['UNAUTHENTICATED', 'SESSION_EXPIRED', 'MFA_REQUIRED']);

/** No session (never signed in, expired, or the second factor still pending): a state, not an error. */
export function isSignedOut(err: unknown): boolean {
  return err instanceof ApiError && SIGNED_OUT.has(err.code);
}

export function useMe() {
  return useQuery({ queryKey: meKey, queryFn: () => api.get<Me>('/api/me'), staleTime: 5 * 60_000 });
}

export const can = (me: Me, ability: string) => me.abilities[ability] === true;
export const hasRole = (me: Me, ...roles: Me['roles']) => me.roles.some((r) => roles.includes(r));
