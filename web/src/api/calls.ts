import type { MaterialSlot, OpenCall } from './applications';

export const CALL_LEVELS = ['city', 'province', 'national'] as const;
export type CallLevel = (typeof CALL_LEVELS)[number];
/** The review chains of the seeds (src/modules/calls/schema.ts). */
export const CHAIN_TEMPLATES = ['xuchang_city', 'liaoning_province', 'jiangsu_national'] as const;
export const SPACE_CATEGORIES = ['regular', 'professional'] as const;

/** A call as its managing authority sees it (GET /api/calls). */
export interface ManagedCall extends Omit<OpenCall, 'eligibleSpaces'> {
  status: 'draft' | 'published' | 'cancelled';
  open: boolean;
  chainTemplate: string | null;
  publishedAt: string | null;
  revision: number;
  updatedAt: string;
  abilities: { edit: boolean; publish: boolean; cancel: boolean };
}

export type { MaterialSlot };
