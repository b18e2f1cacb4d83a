import { useQuery } from '@tanstack/react-query';
import type { ApplicationStatus } from './applications';
import { api } from './client';
import type { ChecklistItem, ChecklistVerdict } from './review';
import type { Page } from './types';

/** Shapes of src/modules/recommendations/routes.ts. */
export interface RecommendStage {
  key: string;
  name: string;
  nameEn: string;
  checklist: ChecklistItem[];
  /** 'letter' always; 'authority_commitment' where the stage asks for the 主管部门信用承诺书. */
  documents: string[];
}

interface ApplicationLine {
  applicationId: string;
  status: ApplicationStatus;
  stageKey: string | null;
  spaceName: string;
  operatorName: string;
  regionName: string;
  category: 'regular' | 'professional';
}

export interface Candidate extends ApplicationLine {
  stageEnteredAt: string | null;
  stageDueAt: string | null;
  batch: { id: string; status: 'draft' | 'sent' } | null;
}

export interface Candidates {
  call: { id: string; title: string; year: number };
  stages: RecommendStage[];
  items: Candidate[];
}

interface FileRef {
  id: string;
  name: string;
  sizeBytes: number;
  sha256: string;
}

export interface Batch {
  id: string;
  call: { id: string; title: string; year: number };
  stage: RecommendStage;
  nextStage: string | null;
  recommender: { id: string; name: string };
  letterNumber: string | null;
  status: 'draft' | 'sent';
  revision: number;
  letterFile: FileRef | null;
  commitmentFile: FileRef | null;
  items: (ApplicationLine & { position: number; checklist: ChecklistVerdict[] })[];
  createdAt: string;
  sentAt: string | null;
  abilities: { edit: boolean; send: boolean };
}

export interface BatchSummary {
  id: string;
  call: { id: string; title: string; year: number };
  stageKey: string;
  stageName: string;
  letterNumber: string | null;
  status: 'draft' | 'sent';
  revision: number;
  count: number;
  createdAt: string;
  sentAt: string | null;
}

export interface Package {
  id: string;
  stageKey: string;
  stageName: string;
  letterNumber: string | null;
  recommender: { id: string; name: string };
  sentAt: string;
  count: number;
  position: number | null;
  files: { kind: 'letter' | 'commitment'; fileId: string; name: string; url: string }[];
}

export interface BatchItemInput {
  applicationId: string;
  checklist: ChecklistVerdict[];
}

export const recommendationKeys = {
  all: ['recommendations'] as const,
  candidates: (callId: string) => ['recommendations', 'candidates', callId] as const,
  batch: (id: string) => ['recommendations', 'batch', id] as const,
  package: (applicationId: string) => ['recommendations', 'package', applicationId] as const,
};

export const useCandidates = (callId: string | undefined) =>
  useQuery({ queryKey: recommendationKeys.candidates(callId ?? ''), queryFn: () => api.get<Candidates>('/api/recommendations/candidates', { callId }), enabled: !!callId });

export const useBatches = (page: number) =>
  useQuery({ queryKey: [...recommendationKeys.all, 'list', page], queryFn: () => api.get<Page<BatchSummary>>('/api/recommendations', { page, pageSize: 20 }) });

export const useBatch = (id: string | undefined) =>
  useQuery({ queryKey: recommendationKeys.batch(id ?? ''), queryFn: () => api.get<Batch>(`/api/recommendations/${id}`), enabled: !!id });

/** The sent recommendation of an application (dossier page); empty for readers outside the rule. */
export const usePackage = (applicationId: string, enabled: boolean) =>
  useQuery({
    queryKey: recommendationKeys.package(applicationId),
    queryFn: () => api.get<{ items: Package[] }>(`/api/recommendations/for-application/${applicationId}`),
    enabled,
    retry: false,
  });

export const recommendationsApi = {
  create: (body: { callId: string; stageKey: string; letterNumber?: string | null; items: BatchItemInput[] }) => api.post<Batch>('/api/recommendations', body),
  update: (id: string, body: { revision: number; letterNumber?: string | null; items?: BatchItemInput[] }) => api.put<Batch>(`/api/recommendations/${id}`, body),
  documents: (id: string, body: { letterFileId?: string; commitmentFileId?: string }) => api.post<Batch>(`/api/recommendations/${id}/documents`, body),
  send: (id: string, revision: number) => api.post<Batch>(`/api/recommendations/${id}/send`, { revision }),
  letterUrl: (id: string) => `/api/recommendations/${id}/letter.docx`,
  commitmentUrl: (id: string) => `/api/recommendations/${id}/commitment.docx`,
  fileUrl: (id: string, fileId: string) => `/api/recommendations/${id}/files/${fileId}`,
};
