import type { MaterialSlot, OpenCall } from './applications';

export { CALL_LEVELS, CHAIN_TEMPLATES, SPACE_CATEGORIES, type CallLevel } from '../../../src/shared/domain.ts';
export { CHAINS } from '../../../src/shared/chains.ts';

/** A call as its managing authority sees it (GET /api/calls). */
export interface ManagedCall extends Omit<OpenCall, 'eligibleSpaces'> {
  status: 'draft' | 'published' | 'cancelled';
  open: boolean;
  /** The pinned review chain version (GET /api/chains/usable lists those the authority may pin). */
  chainId: string | null;
  chain: { id: string; key: string; version: number; name: string; nameEn: string; shipped: boolean; stages: { key: string; kind: string; name: string; nameEn: string }[] } | null;
  /** The shipped chain's key when the pinned version is a shipped one. */
  chainTemplate: string | null;
  publishedAt: string | null;
  revision: number;
  updatedAt: string;
  abilities: { edit: boolean; publish: boolean; cancel: boolean };
}

export type { MaterialSlot };
