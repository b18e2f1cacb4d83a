import { type QueryKey, useMutation, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { errorMessage } from '../api/client';

/**
 * A button-triggered server action: says what was done (`done` words it from the answer) or the
 * server's error as a toast, then refreshes the lists it changed.
 */
export function useAction<V, R>(run: (vars: V) => Promise<R>, invalidate: QueryKey[], done: (result: R, vars: V) => string) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: async (result, vars) => {
      message.success(done(result, vars));
      await Promise.all(invalidate.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
    },
    onError: (err) => message.error(errorMessage(err)),
  });
}
