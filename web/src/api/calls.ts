import type { MaterialSlot, OpenCall } from './applications';

export { CALL_LEVELS, CHAIN_TEMPLATES, SPACE_CATEGORIES, type CallLevel } from '../../../src/shared/domain.ts';
export { CHAINS } from '../../../src/shared/chains.ts';

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
