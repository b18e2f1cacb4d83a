import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { CATALOGUE_2026 } from './catalogue-2026.ts';
import { ensureShippedReturns } from './service.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('shipped catalogues and return chains', () => {
  it('loads the 2026 catalogue and both return chains once, whatever the number of starts', async () => {
    await ensureShippedReturns(t.ctx.db);
    await ensureShippedReturns(t.ctx.db);
    const catalogues = await t.ctx.database.query<{ year: number; version: number; status: string; n: number }>(
      `select year, version, status, jsonb_array_length(definition->'indicators') as n from return_catalogues`,
    );
    expect(catalogues).toEqual([expect.objectContaining({ year: 2026, version: 1, status: 'published' })]);
    expect(catalogues[0]!.n).toBe(CATALOGUE_2026.indicators.length);
    const chains = await t.ctx.database.query<{ key: string; version: number; owner_region_code: string | null }>(
      `select key, version, owner_region_code from chains where key like 'annual_return%' order by key`,
    );
    expect(chains).toEqual([
      { key: 'annual_return_city', version: 1, owner_region_code: null },
      { key: 'annual_return_city_province', version: 1, owner_region_code: null },
      { key: 'annual_return_province', version: 1, owner_region_code: null },
    ]);
  });
});
