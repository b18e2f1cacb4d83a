import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { KeyIndustry } from '../../../src/shared/domain.ts';
import { api, type Query } from './client';
import type { Page } from './types';

export { KEY_INDUSTRIES, type KeyIndustry } from '../../../src/shared/domain.ts';
export { CHAINS } from '../../../src/shared/chains.ts';

/** Shapes of src/modules/experts/routes.ts. */
export interface ExpertProfile {
  userId: string;
  username: string;
  displayName: string;
  accountActive: boolean;
  fields: KeyIndustry[];
  affiliation: string;
  affiliationOrg: { id: string; name: string } | null;
  regionCode: string;
  regionName: string;
  regionPath: string;
  conflictOrgs: { id: string; name: string }[];
  active: boolean;
  load: number;
  updatedAt: string;
}

export interface Criterion {
  key: string;
  name: string;
  weight: number;
  min: number;
  max: number;
}

export interface ScoreSheet {
  criteria: Criterion[];
  commentBelow: number;
  expertsPerApplication: number;
  sameCityConflict: boolean;
  revision: number;
  isDefault: boolean;
}

export type AssignmentState = 'assigned' | 'declared' | 'declined' | 'submitted';

export const STATE_COLOR: Record<AssignmentState, string> = { assigned: 'default', declared: 'blue', declined: 'red', submitted: 'green' };

export interface StageAssignment {
  id: string;
  expert: { userId: string; displayName: string; username: string };
  state: AssignmentState;
  assignedAt: string;
  declinedAt: string | null;
  declineReason: string | null;
  total: number | null;
  comment: string | null;
  submittedAt: string | null;
}

export interface StageApplication {
  id: string;
  space: { id: string; name: string; industry: KeyIndustry; regionName: string };
  operator: { id: string; name: string };
  status: string;
  submittedAt: string | null;
  assignments: StageAssignment[];
}

export interface StageRef {
  key: string;
  name: string;
  nameEn: string;
}

export interface StageOverview {
  call: { id: string; title: string };
  stage: StageRef;
  sheet: ScoreSheet;
  canAssign: boolean;
  items: StageApplication[];
}

export interface AutoAssignResult {
  perApplication: number;
  assigned: { applicationId: string; spaceName: string; experts: { userId: string; displayName: string; outsideField: boolean }[] }[];
  short: { applicationId: string; spaceName: string; missing: number }[];
  outsideField: { applicationId: string; spaceName: string; count: number }[];
}

export interface ResultRow {
  applicationId: string;
  spaceName: string;
  operatorName: string;
  industry: KeyIndustry;
  rank: number | null;
  mean: number | null;
  trimmedMean: number | null;
  scores: { expert: { userId: string; displayName: string }; total: number; scores: Record<string, number>; comment: string | null; submittedAt: string }[];
}

export interface Results {
  call: { id: string; title: string };
  stage: StageRef;
  sheet: ScoreSheet;
  items: ResultRow[];
}

export interface MyAssignment {
  id: string;
  applicationId: string;
  spaceName: string;
  industry: KeyIndustry;
  call: { id: string; title: string };
  stage: StageRef;
  open: boolean;
  state: AssignmentState;
  assignedAt: string;
  declaredAt: string | null;
  submittedAt: string | null;
  scores: Record<string, number> | null;
  total: number | null;
  comment: string | null;
  sheet: { criteria: Criterion[]; commentBelow: number };
}

export interface PanelEntry {
  expert: string;
  mine: boolean;
  total: number;
  scores: Record<string, number>;
  comment: string | null;
  submittedAt: string;
}

export const expertKeys = {
  pool: 'expert-pool',
  stage: 'expert-stage',
  results: 'expert-results',
  mine: 'my-reviews',
  panel: (id: string) => ['expert-panel', id] as const,
};

export const useStageOverview = (q: { callId?: string; stageKey?: string }) =>
  useQuery({
    queryKey: [expertKeys.stage, q],
    queryFn: () => api.get<StageOverview>('/api/expert-stage/applications', q as Query),
    enabled: !!q.callId && !!q.stageKey,
    placeholderData: keepPreviousData,
  });

export const useResults = (q: { callId?: string; stageKey?: string }) =>
  useQuery({ queryKey: [expertKeys.results, q], queryFn: () => api.get<Results>('/api/expert-stage/results', q as Query), enabled: !!q.callId && !!q.stageKey });

export const useActivePool = () =>
  useQuery({ queryKey: [expertKeys.pool, 'all'], queryFn: () => api.get<Page<ExpertProfile>>('/api/experts', { pageSize: 100 }) });

export const useMyAssignments = () =>
  useQuery({ queryKey: [expertKeys.mine], queryFn: () => api.get<{ declarationText: string; items: MyAssignment[] }>('/api/expert/assignments') });

export const usePanel = (id: string | undefined) =>
  useQuery({ queryKey: expertKeys.panel(id ?? ''), queryFn: () => api.get<{ items: PanelEntry[] }>(`/api/expert/assignments/${id}/panel`), enabled: !!id });

export const resultsXlsxUrl = (callId: string, stageKey: string) => `/api/expert-stage/results.xlsx?callId=${encodeURIComponent(callId)}&stageKey=${encodeURIComponent(stageKey)}`;
