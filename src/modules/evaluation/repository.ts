import { and, count, desc, eq, max, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { orderBy, type Sort } from '../../shared/http/sorting.ts';
import { regions } from '../regions/index.ts';
import { evaluationSchemes } from './schema.ts';
import { updateDraftRow } from '../../db/versioned.ts';

export type SchemeRow = typeof evaluationSchemes.$inferSelect;
export type SchemeWithRegion = SchemeRow & { regionName: string; regionPath: string };
type Line = Pick<SchemeRow, 'regionCode' | 'year' | 'category'>;

const withRegion = { scheme: evaluationSchemes, regionName: regions.name, regionPath: regions.path };
const flatten = (r: { scheme: SchemeRow; regionName: string; regionPath: string }): SchemeWithRegion => ({ ...r.scheme, regionName: r.regionName, regionPath: r.regionPath });

export async function findScheme(db: DbOrTx, id: string): Promise<SchemeWithRegion | undefined> {
  const [r] = await db.select(withRegion).from(evaluationSchemes).innerJoin(regions, eq(regions.code, evaluationSchemes.regionCode)).where(eq(evaluationSchemes.id, id));
  return r && flatten(r);
}

export const SCHEME_SORTS = ['year', 'region', 'updatedAt'] as const;
const sortColumns = { year: evaluationSchemes.year, region: regions.code, updatedAt: evaluationSchemes.updatedAt };

export interface SchemeFilter {
  /** The actor's jurisdiction: published schemes on its line (above, own, below), drafts within it. */
  path: string;
  /** One jurisdiction's schemes (its own line only, not those below it). */
  regionCode?: string | undefined;
  year?: number | undefined;
  category?: SchemeRow['category'] | undefined;
  status?: SchemeRow['status'] | undefined;
}

/** A page of the schemes the filter admits and their count, in two statements. */
export async function listSchemes(db: DbOrTx, f: SchemeFilter, page: { page: number; pageSize: number }, sort: Sort<(typeof SCHEME_SORTS)[number]>) {
  const within = or(eq(regions.path, f.path), sql`${regions.path} like ${`${f.path}/%`}`);
  const above = sql`${f.path} like ${regions.path} || '/%'`;
  const where = and(
    or(and(eq(evaluationSchemes.status, 'published'), or(within, above)), and(eq(evaluationSchemes.status, 'draft'), within)),
    f.regionCode ? eq(evaluationSchemes.regionCode, f.regionCode) : undefined,
    f.year === undefined ? undefined : eq(evaluationSchemes.year, f.year),
    f.category ? eq(evaluationSchemes.category, f.category) : undefined,
    f.status ? eq(evaluationSchemes.status, f.status) : undefined,
  );
  const defaults: SQL[] = [desc(evaluationSchemes.year), sql`${evaluationSchemes.version} desc nulls first`, desc(evaluationSchemes.updatedAt)];
  const [rows, [total]] = await Promise.all([
    db
      .select(withRegion)
      .from(evaluationSchemes)
      .innerJoin(regions, eq(regions.code, evaluationSchemes.regionCode))
      .where(where)
      .orderBy(...orderBy(sortColumns, sort, defaults, evaluationSchemes.id))
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize),
    db.select({ n: count() }).from(evaluationSchemes).innerJoin(regions, eq(regions.code, evaluationSchemes.regionCode)).where(where),
  ]);
  return { items: rows.map(flatten), total: total!.n };
}

/** The newest published version of a line, if any. */
export async function newestPublished(db: DbOrTx, line: Line): Promise<SchemeRow | undefined> {
  const [row] = await db
    .select()
    .from(evaluationSchemes)
    .where(and(eq(evaluationSchemes.regionCode, line.regionCode), eq(evaluationSchemes.year, line.year), eq(evaluationSchemes.category, line.category), eq(evaluationSchemes.status, 'published')))
    .orderBy(desc(evaluationSchemes.version))
    .limit(1);
  return row;
}

/** The number the line's next published version gets (drafts have none); call under `lockVersionLine`. */
export async function nextVersion(db: DbOrTx, line: Line): Promise<number> {
  const [r] = await db
    .select({ v: max(evaluationSchemes.version) })
    .from(evaluationSchemes)
    .where(and(eq(evaluationSchemes.regionCode, line.regionCode), eq(evaluationSchemes.year, line.year), eq(evaluationSchemes.category, line.category)));
  return (r?.v ?? 0) + 1;
}

export async function insertScheme(db: DbOrTx, row: typeof evaluationSchemes.$inferInsert): Promise<SchemeRow> {
  const [r] = await db.insert(evaluationSchemes).values(row).returning();
  return r!;
}

/** Changes a draft only while it is at `revision`; false when someone changed or published it first. */
export const updateDraftScheme = (db: DbOrTx, id: string, revision: number, patch: Partial<typeof evaluationSchemes.$inferInsert>) => updateDraftRow(db, evaluationSchemes, id, revision, patch);

/** The line's key for `lockVersionLine`. */
export const lineKey = (line: Line) => `evaluation_scheme:${line.regionCode}:${line.year}:${line.category}`;
