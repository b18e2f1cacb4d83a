import { isDeepStrictEqual } from 'node:util';
import { and, desc, eq, inArray, isNull, lte, max } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { notFound } from '../../shared/errors.ts';
import { CATALOGUE_2026 } from './catalogue-2026.ts';
import { NUMERIC_TYPES, type CatalogueDefinition } from './catalogue-types.ts';
import { returnCatalogues } from './schema.ts';

/** The catalogues shipped with the product, one per survey year; a changed constant becomes that year's next version. */
export const SHIPPED_CATALOGUES: readonly { year: number; name: string; definition: CatalogueDefinition }[] = [
  { year: 2026, name: '2026年度众创空间统计指标', definition: CATALOGUE_2026 },
];

export type CatalogueRow = typeof returnCatalogues.$inferSelect;

/** Loads the shipped catalogues as published, ownerless versions; safe to repeat (like the shipped chains). */
export async function ensureShippedCatalogues(db: DbOrTx): Promise<void> {
  for (const shipped of SHIPPED_CATALOGUES) {
    const [newest] = await db
      .select()
      .from(returnCatalogues)
      .where(and(eq(returnCatalogues.year, shipped.year), isNull(returnCatalogues.ownerRegionCode), eq(returnCatalogues.status, 'published')))
      .orderBy(desc(returnCatalogues.version))
      .limit(1);
    if (newest && isDeepStrictEqual(newest.definition, shipped.definition)) continue;
    await db.insert(returnCatalogues).values({
      year: shipped.year,
      version: await nextVersion(db, shipped.year),
      status: 'published',
      name: shipped.name,
      definition: shipped.definition,
      publishedAt: new Date(),
    });
  }
}

const NOT_FOUND = { zh: '统计指标目录不存在', en: 'No such indicator catalogue' };

export async function findCatalogue(db: DbOrTx, id: string): Promise<CatalogueRow | undefined> {
  const [row] = await db.select().from(returnCatalogues).where(eq(returnCatalogues.id, id));
  return row;
}

/** A published version (which always has its number). */
export type PublishedCatalogue = CatalogueRow & { version: number };

export async function requirePublishedCatalogue(db: DbOrTx, id: string): Promise<PublishedCatalogue> {
  const row = await findCatalogue(db, id);
  if (!row || row.status !== 'published' || row.version === null) throw notFound(NOT_FOUND);
  return row as PublishedCatalogue;
}

export function cataloguesByIds(db: DbOrTx, ids: readonly string[]): Promise<CatalogueRow[]> {
  return ids.length ? db.select().from(returnCatalogues).where(inArray(returnCatalogues.id, [...ids])) : Promise.resolve([]);
}

/** The number the next published version of a survey year gets (drafts have none). */
export async function nextVersion(db: DbOrTx, year: number): Promise<number> {
  const [r] = await db.select({ v: max(returnCatalogues.version) }).from(returnCatalogues).where(eq(returnCatalogues.year, year));
  return (r?.v ?? 0) + 1;
}

/** The codes of a catalogue's numeric indicators: what an evaluation scheme of its year may read from a return. */
export const numericCodesOf = (definition: CatalogueDefinition): Set<string> =>
  new Set(definition.indicators.filter((i) => NUMERIC_TYPES.includes(i.type)).map((i) => i.code));

/**
 * `numericCodesOf` the catalogue in force for a survey year: the year's newest published version,
 * or before the year's catalogue is published, the newest of the latest year before it (a scheme for
 * next year is drafted before next year's survey is); empty when there is none.
 */
export async function numericReturnCodes(db: DbOrTx, year: number): Promise<Set<string>> {
  const [catalogue] = await db
    .select({ definition: returnCatalogues.definition })
    .from(returnCatalogues)
    .where(and(lte(returnCatalogues.year, year), eq(returnCatalogues.status, 'published')))
    .orderBy(desc(returnCatalogues.year), desc(returnCatalogues.version))
    .limit(1);
  return catalogue ? numericCodesOf(catalogue.definition) : new Set();
}
