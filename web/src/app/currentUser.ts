import { createContext, useContext } from 'react';
import type { Me } from '../api/types';

/** The signed-in user, provided by the layout once /api/me has answered. */
export const CurrentUserContext = createContext<Me | null>(null);

export function useCurrentUser(): Me {
  const me = useContext(CurrentUserContext);
  if (!me) throw new Error('useCurrentUser outside the signed-in layout');
  return me;
}
