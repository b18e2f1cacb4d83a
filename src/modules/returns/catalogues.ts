import { isDeepStrictEqual } from 'node:util';
import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { notFound } from '../../shared/errors.ts';
import { CATALOGUE_2026 } from './catalogue-2026.ts';
import type { CatalogueDefinition } from './catalogue-types.ts';
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
      .where(and(eq(returnCatalogues.year, shipped.year), isNull(returnCatalogues.ownerRegionCode)))
      .orderBy(desc(returnCatalogues.version))
      .limit(1);
    if (newest && isDeepStrictEqual(newest.definition, shipped.definition)) continue;
    const [top] = await db.select({ version: returnCatalogues.version }).from(returnCatalogues).where(eq(returnCatalogues.year, shipped.year)).orderBy(desc(returnCatalogues.version)).limit(1);
    await db.insert(returnCatalogues).values({
      year: shipped.year,
      version: (top?.version ?? 0) + 1,
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

export async function requirePublishedCatalogue(db: DbOrTx, id: string): Promise<CatalogueRow> {
  const row = await findCatalogue(db, id);
  if (!row || row.status !== 'published') throw notFound(NOT_FOUND);
  return row;
}

export function cataloguesByIds(db: DbOrTx, ids: readonly string[]): Promise<CatalogueRow[]> {
  return ids.length ? db.select().from(returnCatalogues).where(inArray(returnCatalogues.id, [...ids])) : Promise.resolve([]);
}

/** Published catalogue versions, newest year and version first (what a round may pin). */
export function publishedCatalogues(db: DbOrTx): Promise<CatalogueRow[]> {
  return db.select().from(returnCatalogues).where(eq(returnCatalogues.status, 'published')).orderBy(desc(returnCatalogues.year), desc(returnCatalogues.version));
}

/** The newest published version for a survey year. */
export async function newestPublishedCatalogue(db: DbOrTx, year: number): Promise<CatalogueRow | undefined> {
  const [row] = await db
    .select()
    .from(returnCatalogues)
    .where(and(eq(returnCatalogues.year, year), eq(returnCatalogues.status, 'published')))
    .orderBy(desc(returnCatalogues.version))
    .limit(1);
  return row;
}
