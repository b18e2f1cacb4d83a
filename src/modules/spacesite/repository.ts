import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client.ts';
import { filings } from '../filings/schema.ts';
import { applications } from '../workflow/schema.ts';
import { spaceSites, type SiteCase } from './schema.ts';

/**
 * The public-site fields' SQL. Read-side joins (ARCHITECTURE.md rule 1): `filings` and the workflow's
 * `applications` for the success cases of the report a space was filed on.
 */
export type SiteRow = typeof spaceSites.$inferSelect;
export type SiteColumns = Omit<typeof spaceSites.$inferInsert, 'spaceId' | 'revision' | 'updatedAt'>;

export function sitesOf(db: DbOrTx, spaceIds: readonly string[]): Promise<SiteRow[]> {
  if (!spaceIds.length) return Promise.resolve([]);
  return db.select().from(spaceSites).where(inArray(spaceSites.spaceId, [...spaceIds]));
}

/** The first save: none if another save created the row meanwhile (the caller answers stale). */
export async function insertSite(tx: Tx, spaceId: string, columns: SiteColumns): Promise<SiteRow | undefined> {
  const [row] = await tx
    .insert(spaceSites)
    .values({ spaceId, ...columns })
    .onConflictDoNothing()
    .returning();
  return row;
}

/** A later save, at the revision the editor read (none when stale). */
export async function updateSite(tx: Tx, spaceId: string, revision: number, columns: SiteColumns): Promise<SiteRow | undefined> {
  const [row] = await tx
    .update(spaceSites)
    .set({ ...columns, revision: sql`${spaceSites.revision} + 1`, updatedAt: new Date() })
    .where(and(eq(spaceSites.spaceId, spaceId), eq(spaceSites.revision, revision)))
    .returning();
  return row;
}

/**
 * The success cases of the report each space's newest active filing was granted on (one statement):
 * what the public page shows until the operator keeps its own.
 */
export async function filedSuccessCases(db: DbOrTx, spaceIds: readonly string[]): Promise<Map<string, SiteCase[]>> {
  if (!spaceIds.length) return new Map();
  const rows = await db
    .selectDistinctOn([filings.spaceId], { spaceId: filings.spaceId, cases: sql<unknown>`${applications.report} -> 'successCases'` })
    .from(filings)
    .innerJoin(applications, eq(applications.id, filings.applicationId))
    .where(and(inArray(filings.spaceId, [...spaceIds]), eq(filings.status, 'active')))
    .orderBy(filings.spaceId, sql`${filings.filedAt} desc`);
  const out = new Map<string, SiteCase[]>();
  for (const r of rows) {
    const cases = Array.isArray(r.cases) ? r.cases : [];
    out.set(
      r.spaceId,
      cases
        .filter((c): c is { title: string; content: string } => !!c && typeof c === 'object' && typeof (c as SiteCase).title === 'string' && typeof (c as SiteCase).content === 'string')
        .map((c) => ({ title: c.title, content: c.content })),
    );
  }
  return out;
}
