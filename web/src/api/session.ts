import { useQuery } from '@tanstack/react-query';
import { ApiError, type BodyOf, http } from './client';
import type { Me } from './types';

export const meKey = ['me'] as const;

// Not every 401 means signed out: a wrong current password or one-time code is a 401 too.
const SIGNED_OUT = new Set(['UNAUTHENTICATED', 'SESSION_EXPIRED', 'MFA_REQUIRED']);

/** No session (never signed in, expired, or the second factor still pending): a state, not an error. */
export function isSignedOut(err: unknown): boolean {
  return err instanceof ApiError && SIGNED_OUT.has(err.code);
}

export function useMe() {
  return useQuery({ queryKey: meKey, queryFn: () => http.get('/api/me'), staleTime: 5 * 60_000 });
}

/** Signing in and out, the second factor, the user's own password. */
export const authApi = {
  login: (body: BodyOf<'/api/auth/login', 'post'>) => http.post('/api/auth/login', { body }),
  mfa: (body: BodyOf<'/api/auth/mfa', 'post'>) => http.post('/api/auth/mfa', { body }),
  logout: () => http.post('/api/auth/logout'),
  changePassword: (body: BodyOf<'/api/me/password', 'post'>) => http.post('/api/me/password', { body }),
  startTotp: () => http.post('/api/me/totp/start'),
  confirmTotp: (body: BodyOf<'/api/me/totp/confirm', 'post'>) => http.post('/api/me/totp/confirm', { body }),
};

/** An ability key the server answers (typed from /api/me's schema: a misspelt key does not compile). */
export type Ability = keyof Me['abilities'];
export const can = (me: Me, ability: Ability) => me.abilities[ability] === true;
export const hasRole = (me: Me, ...roles: Me['roles']) => me.roles.some((r) => roles.includes(r));
