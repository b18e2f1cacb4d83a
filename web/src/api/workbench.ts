/** The landing page's one read (src/modules/workbench/routes.ts, GET /api/workbench). */
import { useQuery } from '@tanstack/react-query';
import { http, type ResponseOf } from './client';

export type Workbench = ResponseOf<'/api/workbench', 'get'>;
export type Todo = Workbench['todos'][number];
export type TodoKind = Todo['kind'];
export type TodoItem = Todo['items'][number];
export type Figures = NonNullable<Workbench['figures']>;

export const workbenchKey = ['workbench'] as const;

/** Refreshed every few minutes while the page stays open: the work waiting changes during the day. */
export const useWorkbench = () => useQuery({ queryKey: workbenchKey, queryFn: () => http.get('/api/workbench'), refetchInterval: 5 * 60_000 });
