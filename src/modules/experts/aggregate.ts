/**
 * The authority's view of an expert stage's scores (pure): per application the mean, the trimmed
 * mean (one highest and one lowest dropped when there are three or more scores) and the ranking.
 */

const round2 = (n: number) => Math.round(n * 100) / 100;

export function mean(totals: readonly number[]): number | null {
  return totals.length ? round2(totals.reduce((s, t) => s + t, 0) / totals.length) : null;
}

/** Drops one highest and one lowest score when there are at least three; otherwise the mean. */
export function trimmedMean(totals: readonly number[]): number | null {
  if (totals.length < 3) return mean(totals);
  const sorted = [...totals].sort((a, b) => a - b);
  return mean(sorted.slice(1, -1));
}

export interface Ranked<T> {
  item: T;
  mean: number | null;
  trimmedMean: number | null;
  /** 1-based; equal trimmed mean and mean share a rank. Null without any score. */
  rank: number | null;
}

/**
 * Ranks by trimmed mean, then mean (both descending), then name; applications without scores come
 * last, unranked. Equal trimmed mean and mean share a rank (1, 2, 2, 4), the name only orders the list.
 */
export function rank<T>(items: readonly T[], totalsOf: (item: T) => readonly number[], nameOf: (item: T) => string): Ranked<T>[] {
  const rows = items.map((item) => ({ item, mean: mean(totalsOf(item)), trimmedMean: trimmedMean(totalsOf(item)), rank: null as number | null }));
  rows.sort((a, b) => {
    if (a.trimmedMean === null || b.trimmedMean === null) return a.trimmedMean === b.trimmedMean ? nameOf(a.item).localeCompare(nameOf(b.item), 'zh-CN') : a.trimmedMean === null ? 1 : -1;
    return b.trimmedMean - a.trimmedMean || b.mean! - a.mean! || nameOf(a.item).localeCompare(nameOf(b.item), 'zh-CN');
  });
  rows.forEach((r, i) => {
    if (r.trimmedMean === null) return;
    const prev = rows[i - 1];
    r.rank = prev && prev.trimmedMean === r.trimmedMean && prev.mean === r.mean ? prev.rank : i + 1;
  });
  return rows;
}
