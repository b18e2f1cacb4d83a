import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { StageKind } from '../../../src/shared/chains.ts';
import type { ApplicationDetail, ApplicationStatus } from './applications';
import { api, type Query } from './client';
import type { Page } from './types';

export type { StageKind } from '../../../src/shared/chains.ts';

/** Shapes of src/modules/review/routes.ts. */
export interface StageSummary {
  key: string;
  kind: StageKind;
  name: string;
  nameEn: string;
  enteredAt: string | null;
  dueAt: string | null;
  overdue: boolean;
}

export interface QueueItem {
  id: string;
  status: ApplicationStatus;
  round: number;
  call: { id: string; title: string };
  space: { id: string; name: string };
  operator: { id: string; name: string };
  stage: StageSummary;
  evaluationOverall: string | null;
}

export interface ChecklistItem {
  key: string;
  label: string;
  labelEn: string;
}

export interface QueueStage {
  key: string;
  kind: StageKind;
  name: string;
  nameEn: string;
  checklist: ChecklistItem[];
}

export interface QueuePage extends Page<QueueItem> {
  calls: { id: string; title: string }[];
  stages: QueueStage[];
}

export type Verdict = 'ok' | 'problem' | 'not_applicable';
export const VERDICTS: readonly Verdict[] = ['ok', 'problem', 'not_applicable'];

export interface ChecklistVerdict {
  key: string;
  verdict: Verdict;
  note: string;
}

export interface ItemComment {
  field: string;
  comment: string;
}

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface RoundDiff {
  fromRound: number;
  toRound: number;
  basicInfo: FieldChange[];
  report: FieldChange[];
  indicators: FieldChange[];
  attachments: { slotKey: string; change: 'added' | 'removed'; fileName: string; sha256: string }[];
}

export interface RoundInfo {
  round: number;
  submittedAt: string;
  attachments: { slotKey: string; fileName: string; sha256: string }[];
}

export interface StageReview {
  id: string;
  stageKey: string;
  round: number;
  outcome: 'pass' | 'return' | 'reject';
  checklist: (ChecklistVerdict & { label: string; labelEn: string })[];
  note: string;
  itemComments: ItemComment[];
  resubmitDueAt: string | null;
  reviewerUserId: string;
  reviewerOrgName: string;
  at: string;
}

export interface StageWork {
  id: string;
  status: ApplicationStatus;
  round: number;
  resubmitDueAt: string | null;
  submittedAt: string | null;
  call: { id: string; title: string };
  space: { id: string; name: string };
  operator: { id: string; name: string };
  stage: StageSummary & { checklist: ChecklistItem[] };
  chain: { key: string; kind: StageKind; name: string; nameEn: string }[];
  abilities: { pass: boolean; return: boolean; reject: boolean; extend_stage: boolean };
  scoring: { assigned: number; submitted: number } | null;
  evaluation: { overall?: string; results?: unknown[] } | null;
  reviews: StageReview[];
  rounds: RoundInfo[];
  diffs: RoundDiff[];
}

export interface Rounds {
  rounds: RoundInfo[];
  diffs: RoundDiff[];
  lastReturn: { stageKey: string; stageName: string; round: number; note: string; itemComments: ItemComment[]; resubmitDueAt: string | null; at: string } | null;
}

export interface NotificationTemplates {
  placeholders: string[];
  items: { key: string; default: { title: string; body: string }; own: { title: string; body: string; updatedAt: string } | null }[];
}

export const reviewKeys = {
  queue: ['review-queue'] as const,
  work: (id: string) => ['review-work', id] as const,
  rounds: (id: string) => ['review-rounds', id] as const,
  templates: ['notification-templates'] as const,
};

export function useReviewQueue(params: Query) {
  return useQuery({ queryKey: [...reviewKeys.queue, params], queryFn: () => api.get<QueuePage>('/api/review/queue', params), placeholderData: keepPreviousData });
}

export const useStageWork = (id: string) => useQuery({ queryKey: reviewKeys.work(id), queryFn: () => api.get<StageWork>(`/api/review/applications/${id}`) });

export const useRounds = (id: string, enabled = true) =>
  useQuery({ queryKey: reviewKeys.rounds(id), queryFn: () => api.get<Rounds>(`/api/review/applications/${id}/rounds`), enabled });

export const useNotificationTemplates = () => useQuery({ queryKey: reviewKeys.templates, queryFn: () => api.get<NotificationTemplates>('/api/notification-templates') });

export const reviewApi = {
  pass: (id: string, body: { stageKey: string; checklist: ChecklistVerdict[]; note: string }) => api.post<StageWork>(`/api/review/applications/${id}/pass`, body),
  return: (id: string, body: { stageKey: string; note: string; itemComments: ItemComment[]; resubmitDueAt: string }) => api.post<StageWork>(`/api/review/applications/${id}/return`, body),
  reject: (id: string, body: { stageKey: string; note: string }) => api.post<StageWork>(`/api/review/applications/${id}/reject`, body),
  stageDue: (id: string, body: { dueAt: string; reason: string }) => api.post<StageWork>(`/api/review/applications/${id}/stage-due`, body),
  bulkPass: (body: { stageKey: string; callId: string; applicationIds: string[]; expectedCount: number; checklist: ChecklistVerdict[]; note: string }) =>
    api.post<{ passed: number; ids: string[] }>('/api/review/bulk-pass', body),
  saveTemplate: (key: string, body: { title: string; body: string }) => api.put<NotificationTemplates>(`/api/notification-templates/${key}`, body),
  resetTemplate: (key: string) => api.delete<NotificationTemplates>(`/api/notification-templates/${key}`),
};

/**
 * The page that works a stage of each kind. Review stages are worked on the stage work page; expert
 * stages are scored on the expert review page, then passed on the stage work page.
 */
export const PAGE_OF_KIND: Record<StageKind, (id: string) => string> = {
  review: (id) => `/app/review/${id}`,
  expert: () => '/app/expert-review',
  notice: () => '/app/notices',
  recommend: () => '/app/recommendations',
  decision: () => '/app/decisions',
};

/** The dossier as GET /api/applications/:id returns it, with where it stands in the review chain. */
export type ApplicationInReview = ApplicationDetail & {
  stage: { key: string; kind: StageKind; name: string; nameEn: string; enteredAt: string | null; dueAt: string | null } | null;
  round: number;
  resubmitDueAt: string | null;
};

export const resubmitApplication = (id: string, body: { revision: number; note?: string }) => api.post<ApplicationInReview>(`/api/applications/${id}/resubmit`, body);
