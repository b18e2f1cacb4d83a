import type { Scoring } from './scheme.ts';

/**
 * The most points one scoring function can give. Apart from scheme.ts (types only), so the web's
 * scheme editor counts a draft's points as the server does without bundling the Zod schemas.
 */
export const scoringMax = (sc: Scoring): number =>
  sc.kind === 'step' || sc.kind === 'direct' ? sc.cap : sc.kind === 'percentile' ? Math.max(...sc.bands.map((b) => b.points)) : Math.max(sc.max, sc.min);
