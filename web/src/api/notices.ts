/** Public notices (公示) and objections (src/modules/notices/routes.ts). */
import { api } from './client';
import type { Page } from './types';

export type EntryOutcome = 'pending' | 'cleared' | 'blocked';
export type ObjectionStatus = 'open' | 'upheld' | 'dismissed';

export interface NoticeSummary {
  id: string;
  title: string;
  authority: { id: string; name: string };
  stageKey: string;
  startsAt: string;
  endsAt: string;
  status: 'published' | 'concluded';
  /** Objections are taken now. */
  running: boolean;
  publishedAt: string;
  concludedAt: string | null;
  entries: number;
}

/** The authority's list row (GET /api/notices). */
export interface ManagedNoticeSummary extends NoticeSummary {
  openObjections: number;
}

export interface PublicEntry {
  id: string;
  position: number;
  spaceName: string;
  operatorName: string;
  regionName: string;
}

/** A notice as the public sees it: text and entries, no objections. */
export interface PublicNotice extends Omit<NoticeSummary, 'entries'> {
  body: string;
  entries: PublicEntry[];
}

export interface Objection {
  id: string;
  entryId: string;
  name: string;
  /** Masked (138****1234); `abilities.revealContact` may ask for it in full. */
  contact: string;
  grounds: string;
  evidence: { id: string; name: string; sizeBytes: number } | null;
  status: ObjectionStatus;
  investigationNote: string | null;
  resultReason: string | null;
  handledAt: string | null;
  createdAt: string;
}

/** A notice as its authority sees it (GET /api/notices/:id). */
export interface NoticeDetail extends Omit<NoticeSummary, 'entries'> {
  body: string;
  callId: string;
  entries: (PublicEntry & { applicationId: string; outcome: EntryOutcome })[];
  objections: Objection[];
  abilities: { handle: boolean; revealContact: boolean; conclude: boolean };
}

export interface Candidate {
  applicationId: string;
  space: { id: string; name: string };
  operatorName: string;
  regionName: string;
  call: { id: string; title: string };
  stage: { key: string; name: string; nameEn: string };
  stageEnteredAt: string | null;
}

export interface PublishBody {
  callId: string;
  stageKey: string;
  applicationIds: string[];
  title: string;
  body: string;
  startsAt: string;
  endsAt: string;
}

export interface HandleBody {
  result: 'upheld' | 'dismissed';
  investigationNote: string;
  reason: string;
}

export const noticesApi = {
  get: (id: string) => api.get<NoticeDetail>(`/api/notices/${id}`),
  candidates: (callId: string, stageKey: string) => api.get<{ items: Candidate[] }>('/api/notices/candidates', { callId, stageKey }),
  publish: (body: PublishBody) => api.post<NoticeDetail>('/api/notices', body),
  handle: (id: string, objectionId: string, body: HandleBody) => api.post<NoticeDetail>(`/api/notices/${id}/objections/${objectionId}/handle`, body),
  conclude: (id: string) => api.post<NoticeDetail>(`/api/notices/${id}/conclude`, {}),
  evidenceUrl: (id: string, objectionId: string) => `/api/notices/${id}/objections/${objectionId}/evidence`,
  publicList: (page: number, pageSize: number) => api.get<Page<NoticeSummary>>('/api/public/notices', { page, pageSize }),
  publicGet: (id: string) => api.get<PublicNotice>(`/api/public/notices/${id}`),
  /** Text fields first, the evidence file last: the server streams the file after checking the fields. */
  object: (id: string, fields: { entryId: string; name: string; contact: string; grounds: string }, evidence?: File) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    if (evidence) form.append('evidence', evidence, evidence.name);
    return api.post<{ id: string; createdAt: string }>(`/api/public/notices/${id}/objections`, form);
  },
};
