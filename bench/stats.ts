/** Small statistics for the benchmarks: percentiles of latencies, and the spread of per-round ratios. */

/** The p-th percentile (0–100) by the nearest-rank method; NaN for no samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (!samples.length) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export interface Spread {
  median: number;
  min: number;
  max: number;
}

/** Median and range: the figure to report when rounds on a shared machine disagree. */
export function spread(values: readonly number[]): Spread {
  return { median: percentile(values, 50), min: Math.min(...values), max: Math.max(...values) };
}

/**
 * Round i's throughput of A over B, for rounds run in pairs on one machine so that a slow minute
 * slows both sides of a pair alike (the caller interleaves A, B, B, A, …).
 */
export function pairedRatios(a: readonly number[], b: readonly number[]): number[] {
  if (a.length !== b.length) throw new Error(`rounds differ: ${a.length} vs ${b.length}`);
  return a.map((x, i) => x / b[i]!);
}

/** A number rounded for a table: `digits` after the point. */
export const round = (x: number, digits = 1) => (Number.isFinite(x) ? Math.round(x * 10 ** digits) / 10 ** digits : x);

/** Deterministic pseudo-random numbers (mulberry32), so every run measures the same profiles. */
export function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
