import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type BodyOf, hrefOf, http, type QueryOf, type ResponseOf } from './client';

export { KEY_INDUSTRIES, type KeyIndustry } from '../../../src/shared/domain.ts';

/** Expert pools, score sheets, assignment and scoring (src/modules/experts/routes.ts). */
export type ExpertProfile = ResponseOf<'/api/experts', 'get'>['items'][number];
export type ExpertBody = BodyOf<'/api/experts', 'post'>;
export type ScoreSheet = ResponseOf<'/api/calls/{callId}/score-sheet', 'get'>;
export type Criterion = ScoreSheet['criteria'][number];
export type StageOverview = ResponseOf<'/api/expert-stage/applications', 'get'>;
export type StageApplication = StageOverview['items'][number];
export type StageAssignment = StageApplication['assignments'][number];
export type StageRef = StageOverview['stage'];
export type AssignmentState = StageAssignment['state'];
export type AutoAssignResult = ResponseOf<'/api/expert-stage/auto-assign', 'post'>;
export type Results = ResponseOf<'/api/expert-stage/results', 'get'>;
export type ResultRow = Results['items'][number];
export type MyAssignment = ResponseOf<'/api/expert/assignments', 'get'>['items'][number];
export type PanelEntry = ResponseOf<'/api/expert/assignments/{id}/panel', 'get'>['items'][number];
export type OrgOption = ResponseOf<'/api/expert/org-options', 'get'>['items'][number];

export const STATE_COLOR: Record<AssignmentState, string> = { assigned: 'default', declared: 'blue', declined: 'red', submitted: 'green' };

type StageQuery = QueryOf<'/api/expert-stage/applications', 'get'>;

export const expertsApi = {
  pool: (query: QueryOf<'/api/experts', 'get'>) => http.get('/api/experts', { query }),
  add: (body: ExpertBody) => http.post('/api/experts', { body }),
  update: (userId: string, body: BodyOf<'/api/experts/{userId}', 'put'>) => http.put('/api/experts/{userId}', { path: { userId }, body }),
  activate: (userId: string) => http.post('/api/experts/{userId}/activate', { path: { userId }, body: {} }),
  deactivate: (userId: string) => http.post('/api/experts/{userId}/deactivate', { path: { userId }, body: {} }),
  orgOptions: (q: string) => http.get('/api/expert/org-options', { query: { q } }),
  scoreSheet: (callId: string) => http.get('/api/calls/{callId}/score-sheet', { path: { callId } }),
  saveScoreSheet: (callId: string, body: BodyOf<'/api/calls/{callId}/score-sheet', 'put'>) => http.put('/api/calls/{callId}/score-sheet', { path: { callId }, body }),
  assign: (applicationId: string, body: BodyOf<'/api/expert-stage/applications/{id}/assignments', 'post'>) =>
    http.post('/api/expert-stage/applications/{id}/assignments', { path: { id: applicationId }, body }),
  autoAssign: (body: BodyOf<'/api/expert-stage/auto-assign', 'post'>) => http.post('/api/expert-stage/auto-assign', { body }),
  unassign: (assignmentId: string) => http.delete('/api/expert-stage/assignments/{id}', { path: { id: assignmentId } }),
  declare: (assignmentId: string, body: BodyOf<'/api/expert/assignments/{id}/declare', 'post'>) => http.post('/api/expert/assignments/{id}/declare', { path: { id: assignmentId }, body }),
  decline: (assignmentId: string, body: BodyOf<'/api/expert/assignments/{id}/decline', 'post'>) => http.post('/api/expert/assignments/{id}/decline', { path: { id: assignmentId }, body }),
  score: (assignmentId: string, body: BodyOf<'/api/expert/assignments/{id}/scores', 'post'>) => http.post('/api/expert/assignments/{id}/scores', { path: { id: assignmentId }, body }),
};

export const expertKeys = {
  pool: 'expert-pool',
  stage: 'expert-stage',
  results: 'expert-results',
  mine: 'my-reviews',
  panel: (id: string) => ['expert-panel', id] as const,
};

/** Both are needed; the query waits until the page has them. */
const both = (q: Partial<StageQuery>): StageQuery | null => (q.callId && q.stageKey ? { callId: q.callId, stageKey: q.stageKey } : null);

export const useStageOverview = (q: Partial<StageQuery>) =>
  useQuery({
    queryKey: [expertKeys.stage, q],
    queryFn: () => http.get('/api/expert-stage/applications', { query: both(q)! }),
    enabled: !!both(q),
    placeholderData: keepPreviousData,
  });

export const useResults = (q: Partial<StageQuery>) =>
  useQuery({ queryKey: [expertKeys.results, q], queryFn: () => http.get('/api/expert-stage/results', { query: both(q)! }), enabled: !!both(q) });

export const useActivePool = () => useQuery({ queryKey: [expertKeys.pool, 'all'], queryFn: () => http.get('/api/experts', { query: { pageSize: 100 } }) });

export const useMyAssignments = () => useQuery({ queryKey: [expertKeys.mine], queryFn: () => http.get('/api/expert/assignments') });

export const usePanel = (id: string | undefined) =>
  useQuery({ queryKey: expertKeys.panel(id ?? ''), queryFn: () => http.get('/api/expert/assignments/{id}/panel', { path: { id: id! } }), enabled: !!id });

export const resultsXlsxUrl = (callId: string, stageKey: string) => hrefOf('/api/expert-stage/results.xlsx', { query: { callId, stageKey } });
