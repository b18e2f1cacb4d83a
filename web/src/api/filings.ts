/** Decisions, published lists (备案名单 / 推荐名单) and filings (src/modules/filings/routes.ts). */
import { api } from './client';
import type { Page } from './types';

export type Outcome = 'approve' | 'reject';
export type Verdict = 'ok' | 'problem' | 'not_applicable';
export type DecisionStatus = 'pending' | 'released' | 'superseded';
export type ListLevel = 'city' | 'province' | 'national';

export interface ChecklistVerdict {
  key: string;
  verdict: Verdict;
  note: string;
}

export interface Decision {
  id: string;
  applicationId: string;
  stageKey: string;
  outcome: Outcome;
  reason: string;
  checklist: ChecklistVerdict[];
  status: DecisionStatus;
  listId: string | null;
  supersededBy: string | null;
  decidedAt: string;
  releasedAt: string | null;
  space: { id: string; name: string; regionName: string };
  operator: { id: string; name: string };
}

export interface DecisionCandidate {
  applicationId: string;
  space: { id: string; name: string; regionName: string };
  operator: { id: string; name: string };
  stageEnteredAt: string | null;
  stageDueAt: string | null;
  evaluationOverall: string | null;
  decision: Decision | null;
}

export interface Candidates {
  stage: { key: string; name: string; nameEn: string; checklist: { key: string; label: string; labelEn: string }[]; final: boolean };
  items: DecisionCandidate[];
}

export interface DecisionInput {
  outcome: Outcome;
  reason: string;
  checklist: ChecklistVerdict[];
}

export interface ReleaseInput {
  callId: string;
  stageKey: string;
  decisionIds: string[];
  expectedCount: number;
  title: string;
  documentNumber: string;
  issuedOn: string;
}

export interface PublicList {
  id: string;
  kind: 'filing' | 'recommendation';
  level: ListLevel;
  title: string;
  documentNumber: string;
  issuedOn: string;
  publishedAt: string;
  authority: string;
}

export interface PublicListEntry {
  id: string;
  spaceName: string;
  operatorName: string;
  regionName: string;
  status: 'listed' | 'removed';
  removedReason: string | null;
  changedAt: string | null;
}

export interface PublicListDetail extends PublicList {
  entries: PublicListEntry[];
}

export interface SpaceFiling {
  id: string;
  level: ListLevel;
  status: 'active' | 'cancelled';
  filedAt: string;
  cancelledReason: string | null;
  cancelledAt: string | null;
  list: { id: string; title: string; documentNumber: string; issuedOn: string };
}

export const decisionsApi = {
  candidates: (callId: string, stageKey: string) => api.get<Candidates>('/api/decisions/candidates', { callId, stageKey }),
  list: (callId: string, stageKey: string, status?: DecisionStatus) => api.get<{ items: Decision[] }>('/api/decisions', { callId, stageKey, status }),
  record: (body: DecisionInput & { applicationId: string; stageKey: string }) => api.post<Decision>('/api/decisions', body),
  update: (id: string, body: DecisionInput) => api.put<Decision>(`/api/decisions/${id}`, body),
  withdraw: (id: string) => api.delete<void>(`/api/decisions/${id}`),
  release: (body: ReleaseInput) => api.post<PublicListDetail>('/api/decisions/release', body),
  reverse: (id: string, reason: string) => api.post<Decision>(`/api/decisions/${id}/reverse`, { reason }),
};

export const filingListsApi = {
  list: (query: { page: number; pageSize: number; level?: ListLevel | undefined }) => api.get<Page<PublicList & { entryCount: number }>>('/api/public/filing-lists', query),
  get: (id: string) => api.get<PublicListDetail>(`/api/public/filing-lists/${id}`),
  ofSpace: (spaceId: string) => api.get<{ items: SpaceFiling[] }>('/api/filings', { spaceId }),
};
