/** Crowd challenges of the host (src/modules/crowd/routes.ts). */
import { type BodyOf, hrefOf, http, type QueryOf, type ResponseOf } from './client';

export type Challenge = ResponseOf<'/api/crowd/challenges', 'get'>['items'][number];
export type ChallengeDetail = ResponseOf<'/api/crowd/challenges/{id}', 'get'>;
export type ChallengeBody = BodyOf<'/api/crowd/spaces/{spaceId}/challenges', 'post'>;
export type ChallengeQuery = QueryOf<'/api/crowd/challenges', 'get'>;
export type PublicQuery = QueryOf<'/api/portal/crowd/challenges', 'get'>;
export type Solution = ResponseOf<'/api/crowd/challenges/{id}/solutions', 'get'>['items'][number];
export type SolutionDetail = ResponseOf<'/api/crowd/solutions/{id}', 'get'>;
export type ChallengeAction = Challenge['actions'][number];
export type CrowdJurisdictionPage = ResponseOf<'/api/crowd/jurisdiction', 'get'>;
export type CrowdJurisdictionRow = CrowdJurisdictionPage['items'][number];
export type JurisdictionChallenge = ResponseOf<'/api/crowd/jurisdiction/challenges', 'get'>['items'][number];

export const CHALLENGE_STATES = ['draft', 'open', 'judging', 'awarded', 'closed'] as const;
export const IP_TERMS = ['issuer', 'solver', 'shared', 'licence'] as const;
export const CHALLENGE_STATE_COLORS: Record<Challenge['state'], string> = { draft: 'default', open: 'green', judging: 'blue', awarded: 'gold', closed: 'red' };

export const crowdKeys = { managed: 'crowd-managed', panel: 'crowd-panel', published: 'crowd-published', challenge: 'crowd-challenge', solutions: 'crowd-solutions', solution: 'crowd-solution', mine: 'crowd-mine', public: 'crowd-public', jurisdiction: 'crowd-jurisdiction', jurisdictionChallenges: 'crowd-jurisdiction-challenges' };

/** 元 → "¥50,000". */
export const formatYuan = (yuan: number) => `¥${yuan.toLocaleString('zh-CN')}`;

export const crowdApi = {
  managed: (query: ChallengeQuery) => http.get('/api/crowd/challenges', { query }),
  panel: (query: ChallengeQuery) => http.get('/api/crowd/panel', { query }),
  published: (query: ChallengeQuery) => http.get('/api/crowd/published', { query }),
  candidates: () => http.get('/api/crowd/panel-candidates'),
  create: (spaceId: string, body: ChallengeBody) => http.post('/api/crowd/spaces/{spaceId}/challenges', { path: { spaceId }, body }),
  edit: (id: string, body: BodyOf<'/api/crowd/challenges/{id}', 'put'>) => http.put('/api/crowd/challenges/{id}', { path: { id }, body }),
  read: (id: string) => http.get('/api/crowd/challenges/{id}', { path: { id } }),
  publish: (id: string, revision: number) => http.post('/api/crowd/challenges/{id}/publish', { path: { id }, body: { revision } }),
  judge: (id: string, revision: number) => http.post('/api/crowd/challenges/{id}/judge', { path: { id }, body: { revision } }),
  close: (id: string, reason: string, revision: number) => http.post('/api/crowd/challenges/{id}/close', { path: { id }, body: { reason, revision } }),
  award: (id: string, body: BodyOf<'/api/crowd/challenges/{id}/award', 'post'>) => http.post('/api/crowd/challenges/{id}/award', { path: { id }, body }),
  solutions: (id: string) => http.get('/api/crowd/challenges/{id}/solutions', { path: { id } }),
  submit: (id: string, body: BodyOf<'/api/crowd/challenges/{id}/solutions', 'post'>) => http.post('/api/crowd/challenges/{id}/solutions', { path: { id }, body }),
  mine: () => http.get('/api/crowd/solutions/mine'),
  solution: (id: string) => http.get('/api/crowd/solutions/{id}', { path: { id } }),
  score: (id: string, body: BodyOf<'/api/crowd/solutions/{id}/score', 'post'>) => http.post('/api/crowd/solutions/{id}/score', { path: { id }, body }),
  jurisdiction: (query: QueryOf<'/api/crowd/jurisdiction', 'get'>) => http.get('/api/crowd/jurisdiction', { query }),
  jurisdictionChallenges: (query: QueryOf<'/api/crowd/jurisdiction/challenges', 'get'>) => http.get('/api/crowd/jurisdiction/challenges', { query }),
  jurisdictionXlsx: (year: number) => hrefOf('/api/crowd/jurisdiction.xlsx', { query: { year } }),
  fileUrl: (id: string, fileId: string) => hrefOf('/api/crowd/solutions/{id}/files/{fileId}/download', { path: { id, fileId } }),
  publicList: (query: PublicQuery) => http.get('/api/portal/crowd/challenges', { query }),
  publicRead: (id: string) => http.get('/api/portal/crowd/challenges/{id}', { path: { id } }),
};
