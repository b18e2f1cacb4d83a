/** Review chains (审核流程): response shapes of src/modules/chains/routes.ts; the stage model of src/shared/chains.ts. */
export { STAGE_KINDS, type StageKind } from '../../../src/shared/chains.ts';
export { AUTHORITY_LEVELS, CALL_LEVELS, type AuthorityLevel, type CallLevel } from '../../../src/shared/domain.ts';
import type { StageKind } from '../../../src/shared/chains.ts';
import type { AuthorityLevel, CallLevel } from '../../../src/shared/domain.ts';

export const STAGE_DOCUMENTS = ['letter', 'authority_commitment'] as const;
export type StageDocument = (typeof STAGE_DOCUMENTS)[number];
export const REQUIRED_FILINGS = ['city', 'province'] as const;

export interface ChecklistItem {
  key: string;
  label: string;
  labelEn: string;
}

export type StageActor = { kind: 'authority'; level: AuthorityLevel } | { kind: 'recommender' } | { kind: 'intake' };

/** One stage as the API sends and takes it (the shape of `StageTemplate`). */
export interface Stage {
  key: string;
  kind: StageKind;
  name: string;
  nameEn: string;
  actor: StageActor;
  dueDays: number;
  checklist: ChecklistItem[];
  documents?: StageDocument[];
  filingLevel?: CallLevel;
}

export interface ChainSummary {
  id: string;
  key: string;
  version: number | null;
  status: 'draft' | 'published';
  name: string;
  nameEn: string;
  level: CallLevel;
  requiresFiling: 'city' | 'province' | null;
  stageCount: number;
  ownerRegionCode: string | null;
  ownerName: string | null;
  basedOnId: string | null;
  revision: number;
  updatedAt: string;
  publishedAt: string | null;
}

export interface ChainDetail extends ChainSummary {
  definition: { stages: Stage[] };
  abilities: { edit: boolean; publish: boolean; clone: boolean; use: boolean };
}

/** A published version a call of the actor's authority may pin (GET /api/chains/usable). */
export interface UsableChain {
  id: string;
  key: string;
  version: number;
  name: string;
  nameEn: string;
  level: CallLevel;
  requiresFiling: 'city' | 'province' | null;
  stages: Stage[];
  ownerRegionCode: string | null;
}
