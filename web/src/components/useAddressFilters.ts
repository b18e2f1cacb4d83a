import { useSearchParams } from 'react-router';

/** The page sizes a public list offers (as the address and the size changer spell them). */
export const PAGE_SIZES = ['10', '20', '50'];

/** The value if it is one of `values` (an address can hold anything). */
export const oneOf = <T extends string>(values: readonly T[], v: string | null): T | undefined => values.find((x) => x === v);

/** A region code from the address, if it is one. */
export const regionParam = (v: string | null): string | undefined => (v && /^\d{6}$/.test(v) ? v : undefined);

/**
 * A public list whose filters and page live in the address, so a link shows the same list: the
 * page and its size read from it, `update` sets filters (dropping empty ones; a changed filter
 * starts again at page 1), `reset` clears them all.
 */
export function useAddressFilters() {
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);
  const pageSize = Number(oneOf(PAGE_SIZES, params.get('pageSize')) ?? 10);
  function update(next: Record<string, string | number | undefined>) {
    const merged = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v === undefined || v === '') merged.delete(k);
      else merged.set(k, String(v));
    }
    if (!('page' in next)) merged.delete('page');
    setParams(merged);
  }
  return { params, page, pageSize, update, reset: () => setParams(new URLSearchParams()) };
}
