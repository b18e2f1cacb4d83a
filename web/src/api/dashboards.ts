/** 数据看板 and the public statistics (src/modules/dashboards/routes.ts). */
import { useQuery } from '@tanstack/react-query';
import { http, hrefOf, type BodyOf, type ResponseOf } from './client';

export type Dashboard = ResponseOf<'/api/dashboard', 'get'>;
export type DashboardGroup = Dashboard['groups'][number];
export type PublicStatistics = ResponseOf<'/api/portal/statistics', 'get'>;
export type MapUpload = BodyOf<'/api/dashboard/map', 'put'>;

export const useDashboard = (region: string | undefined, year: number) =>
  useQuery({ queryKey: ['dashboard', region ?? '', year], queryFn: () => http.get('/api/dashboard', { query: { region, year } }) });

/** The uploaded map's features, fetched only when the dashboard names one (its key changes with each upload). */
export const useDashboardMap = (region: string, uploadedAt: string | undefined) =>
  useQuery({ queryKey: ['dashboard-map', region, uploadedAt], queryFn: () => http.get('/api/dashboard/map', { query: { region } }), enabled: !!uploadedAt, staleTime: Infinity });

export const dashboardXlsx = (region: string | undefined, year: number) => hrefOf('/api/dashboard/export.xlsx', { query: { region, year } });

export const uploadDashboardMap = (body: MapUpload) => http.put('/api/dashboard/map', { body });

export const usePublicStatistics = () => useQuery({ queryKey: ['portal-statistics'], queryFn: () => http.get('/api/portal/statistics') });
export const publicStatisticsCsv = () => hrefOf('/api/portal/statistics.csv');
