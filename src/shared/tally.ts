/**
 * Rows grouped by SQL over two keys (e.g. state × field) summed again over one of them, in the
 * key's declared order, keeping only keys with a non-zero first measure: the breakdowns of an
 * authority's figures come from one grouped statement, not one per key.
 */
export function tally<K extends string, M extends string>(keys: readonly K[], rows: readonly ({ key: K } & Record<M, number>)[], measures: readonly [M, ...M[]]): ({ key: K } & Record<M, number>)[] {
  const sums = new Map<K, Record<M, number>>(keys.map((k) => [k, Object.fromEntries(measures.map((m) => [m, 0])) as Record<M, number>]));
  for (const r of rows) {
    const sum = sums.get(r.key);
    if (sum) for (const m of measures) sum[m] += r[m];
  }
  return keys.filter((k) => sums.get(k)![measures[0]] !== 0).map((k) => ({ key: k, ...sums.get(k)! }));
}
