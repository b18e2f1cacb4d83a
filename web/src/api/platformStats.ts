/** An authority's service-platform statistics (src/modules/workbench/platform-routes.ts, GET /api/platform-stats). */
import { useQuery } from '@tanstack/react-query';
import { http, hrefOf, type ResponseOf } from './client';

export type PlatformStats = ResponseOf<'/api/platform-stats', 'get'>;
export type DeskCard = NonNullable<ResponseOf<'/api/workbench', 'get'>['desk']>[number];

export const usePlatformStats = (year: number) => useQuery({ queryKey: ['platform-stats', year], queryFn: () => http.get('/api/platform-stats', { query: { year } }) });

export const platformStatsXlsx = (year: number) => hrefOf('/api/platform-stats.xlsx', { query: { year } });

/** A space's service orders and its mentors with this year's coaching, as workbooks (src/modules/services/excel.ts, src/modules/mentors/excel.ts). */
export const spaceOrdersXlsx = (spaceId: string) => hrefOf('/api/services/spaces/{spaceId}/orders.xlsx', { path: { spaceId } });
export const spaceMentorsXlsx = (spaceId: string) => hrefOf('/api/mentors/spaces/{spaceId}/mentors.xlsx', { path: { spaceId } });
