import type { ReactNode } from 'react';
import { Navigate } from 'react-router';
import { isSignedOut, useMe } from '../api/session';
import type { Me } from '../api/types';
import { PageSpinner } from '../components/PageSpinner';
import { QueryError } from '../components/QueryError';

/** Renders `children` with the signed-in user, or sends a signed-out visitor to `signIn`. */
export function SessionGate({ signIn, children }: { signIn: string; children: (me: Me) => ReactNode }) {
  const me = useMe();
  if (isSignedOut(me.error)) return <Navigate to={signIn} replace />;
  // A failed refresh keeps the user known; only a first load that fails has nothing to show.
  if (!me.data) return me.isError ? <QueryError error={me.error} onRetry={() => void me.refetch()} /> : <PageSpinner />;
  return children(me.data);
}
