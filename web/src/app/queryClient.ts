import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from '../api/client';
import { isSignedOut, meKey } from '../api/session';

/** The session ended under a page: /api/me is asked again, and the layout sends the user to sign in. */
function recheckSession(err: unknown) {
  if (isSignedOut(err)) void queryClient.invalidateQueries({ queryKey: meKey });
}

/** Client errors (4xx) are answers, not hiccups: retrying them only repeats the refusal. */
export const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError: (err, query) => query.queryKey[0] !== meKey[0] && recheckSession(err) }),
  mutationCache: new MutationCache({ onError: recheckSession }),
  defaultOptions: {
    queries: {
      retry: (failures, err) => !(err instanceof ApiError && err.status < 500) && failures < 1,
      refetchOnWindowFocus: false,
    },
  },
});
