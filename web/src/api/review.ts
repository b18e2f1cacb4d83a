import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ApplicationDetail } from './applications';
import { type BodyOf, http, type QueryOf, type ResponseOf } from './client';
import type { StageKind } from '../../../src/shared/chains.ts';

export type { StageKind } from '../../../src/shared/chains.ts';

/** Stage work of the review chain (src/modules/review/routes.ts). */
export type QueuePage = ResponseOf<'/api/review/queue', 'get'>;
export type QueueItem = QueuePage['items'][number];
export type StageSummary = QueueItem['stage'];
export type QueueStage = QueuePage['stages'][number];
export type ChecklistItem = QueueStage['checklist'][number];
export type StageWork = ResponseOf<'/api/review/applications/{id}', 'get'>;
export type StageReview = StageWork['reviews'][number];
export type RoundInfo = StageWork['rounds'][number];
export type RoundDiff = StageWork['diffs'][number];
export type FieldChange = RoundDiff['basicInfo'][number];
export type Rounds = ResponseOf<'/api/review/applications/{id}/rounds', 'get'>;
export type NotificationTemplates = ResponseOf<'/api/notification-templates', 'get'>;
export type TemplateKey = NotificationTemplates['items'][number]['key'];

type PassBody = BodyOf<'/api/review/applications/{id}/pass', 'post'>;
type ReturnBody = BodyOf<'/api/review/applications/{id}/return', 'post'>;
export type ChecklistVerdict = PassBody['checklist'][number];
export type Verdict = ChecklistVerdict['verdict'];
export const VERDICTS = ['ok', 'problem', 'not_applicable'] as const satisfies readonly Verdict[];
export type ItemComment = ReturnBody['itemComments'][number];

export const reviewKeys = {
  queue: ['review-queue'] as const,
  work: (id: string) => ['review-work', id] as const,
  rounds: (id: string) => ['review-rounds', id] as const,
  templates: ['notification-templates'] as const,
};

export type QueueQuery = QueryOf<'/api/review/queue', 'get'>;

export function useReviewQueue(query: QueueQuery) {
  return useQuery({ queryKey: [...reviewKeys.queue, query], queryFn: () => http.get('/api/review/queue', { query }), placeholderData: keepPreviousData });
}

export const useStageWork = (id: string) => useQuery({ queryKey: reviewKeys.work(id), queryFn: () => http.get('/api/review/applications/{id}', { path: { id } }) });

export const useRounds = (id: string, enabled = true) =>
  useQuery({ queryKey: reviewKeys.rounds(id), queryFn: () => http.get('/api/review/applications/{id}/rounds', { path: { id } }), enabled });

export const useNotificationTemplates = () => useQuery({ queryKey: reviewKeys.templates, queryFn: () => http.get('/api/notification-templates') });

export const reviewApi = {
  pass: (id: string, body: PassBody) => http.post('/api/review/applications/{id}/pass', { path: { id }, body }),
  return: (id: string, body: ReturnBody) => http.post('/api/review/applications/{id}/return', { path: { id }, body }),
  reject: (id: string, body: BodyOf<'/api/review/applications/{id}/reject', 'post'>) => http.post('/api/review/applications/{id}/reject', { path: { id }, body }),
  stageDue: (id: string, body: BodyOf<'/api/review/applications/{id}/stage-due', 'post'>) => http.post('/api/review/applications/{id}/stage-due', { path: { id }, body }),
  bulkPass: (body: BodyOf<'/api/review/bulk-pass', 'post'>) => http.post('/api/review/bulk-pass', { body }),
  saveTemplate: (key: TemplateKey, body: BodyOf<'/api/notification-templates/{key}', 'put'>) => http.put('/api/notification-templates/{key}', { path: { key }, body }),
  resetTemplate: (key: TemplateKey) => http.delete('/api/notification-templates/{key}', { path: { key } }),
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
export type ApplicationInReview = ApplicationDetail;

export const resubmitApplication = (id: string, body: BodyOf<'/api/applications/{id}/resubmit', 'post'>) => http.post('/api/applications/{id}/resubmit', { path: { id }, body });
