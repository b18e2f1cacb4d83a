import { aliasedTable, and, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client.ts';
import { orderBy, type Sort } from '../../shared/http/sorting.ts';
import { filings } from '../filings/schema.ts';
import { organisations } from '../orgs/schema.ts';
import { policies, policySupportItems, type SupportCategory } from '../policies/schema.ts';
import { regions } from '../regions/schema.ts';
import { spaceHosts, spaces } from '../spaces/schema.ts';
import { applications } from '../workflow/schema.ts';
import { supports, type SupportStatus } from './schema.ts';

/**
 * All SQL of the support register. Reads join `organisations` (the grantor's and operator's names
 * and USCCs), `spaces`, `space_hosts`, `filings` (a support is given to a filed space), `regions`
 * (the region tree: scope by path), `policies` and `policy_support_items` (the legal basis) and
 * `applications` (the disclosure submission's state); it writes `supports` only.
 */

export type SupportRow = typeof supports.$inferSelect;
export type NewSupport = typeof supports.$inferInsert;

export const SUPPORT_SORTS = ['grantedOn', 'amountYuan', 'beneficiaryName', 'status', 'createdAt', 'publishedAt'] as const;
export type SupportSort = (typeof SUPPORT_SORTS)[number];

export interface SupportFilter {
  status?: SupportStatus | undefined;
  category?: SupportCategory | undefined;
  /** The year it was granted (granted_on). */
  year?: number | undefined;
  spaceId?: string | undefined;
  uscc?: string | undefined;
  grantorOrgId?: string | undefined;
  /** A region code: supports for spaces in that region or below it. */
  region?: string | undefined;
}

/** The grantor's own supports, plus (for an authority) those of spaces under its jurisdiction; or the published ones (the public). */
export type SupportScope = { grantorOrgId: string; withinPath: string | null } | { published: true };

const grantor = aliasedTable(organisations, 'grantor');
const spaceRegion = aliasedTable(regions, 'space_region');
const underPath = (path: string) => or(sql`${spaceRegion.path} = ${path}`, sql`${spaceRegion.path} like ${path} || '/%'`)!;

const listed = {
  support: supports,
  grantorName: grantor.name,
  spaceName: spaces.name,
  regionName: spaceRegion.name,
  regionPath: spaceRegion.path,
  policyTitle: policies.title,
  policyDocNo: policies.docNo,
  itemTitle: policySupportItems.title,
  submissionStatus: applications.status,
  stageKey: applications.stageKey,
};
export interface SupportListed {
  support: SupportRow;
  grantorName: string;
  spaceName: string;
  regionName: string;
  regionPath: string;
  policyTitle: string | null;
  policyDocNo: string | null;
  itemTitle: string | null;
  submissionStatus: (typeof applications.$inferSelect)['status'] | null;
  stageKey: string | null;
}

const supportsFrom = <T extends Record<string, unknown>>(db: DbOrTx, cols: T) =>
  db
    .select(cols as never)
    .from(supports)
    .innerJoin(grantor, eq(grantor.id, supports.grantorOrgId))
    .innerJoin(spaces, eq(spaces.id, supports.spaceId))
    .innerJoin(spaceRegion, eq(spaceRegion.code, supports.regionCode))
    .leftJoin(policies, eq(policies.id, supports.policyId))
    .leftJoin(policySupportItems, eq(policySupportItems.id, supports.supportItemId))
    .leftJoin(applications, eq(applications.id, supports.submissionId));

function supportWhere(scope: SupportScope, f: SupportFilter): SQL {
  const conds: (SQL | undefined)[] = [
    'published' in scope
      ? eq(supports.status, 'published')
      : scope.withinPath
        ? or(eq(supports.grantorOrgId, scope.grantorOrgId), underPath(scope.withinPath))
        : eq(supports.grantorOrgId, scope.grantorOrgId),
  ];
  if (f.status) conds.push(eq(supports.status, f.status));
  if (f.category) conds.push(eq(supports.category, f.category));
  if (f.year) conds.push(sql`${supports.grantedOn} >= ${`${f.year}-01-01`}::date and ${supports.grantedOn} < ${`${f.year + 1}-01-01`}::date`);
  if (f.spaceId) conds.push(eq(supports.spaceId, f.spaceId));
  if (f.uscc) conds.push(eq(supports.beneficiaryUscc, f.uscc));
  if (f.grantorOrgId) conds.push(eq(supports.grantorOrgId, f.grantorOrgId));
  if (f.region) conds.push(sql`exists (select 1 from ${regions} f where f.code = ${f.region} and (${spaceRegion.path} = f.path or ${spaceRegion.path} like f.path || '/%'))`);
  return and(...conds)!;
}

const SORT_COLUMNS = {
  grantedOn: supports.grantedOn,
  amountYuan: supports.amountYuan,
  beneficiaryName: supports.beneficiaryName,
  status: supports.status,
  createdAt: supports.createdAt,
  publishedAt: supports.publishedAt,
};

/** The rows of one page, without the count (one statement). */
export function rows(db: DbOrTx, scope: SupportScope, f: SupportFilter, sort: Sort<SupportSort>, limit: number, offset: number): Promise<SupportListed[]> {
  return supportsFrom(db, listed)
    .where(supportWhere(scope, f))
    .orderBy(...orderBy(SORT_COLUMNS, sort, [desc(supports.grantedOn), desc(supports.createdAt)], supports.id))
    .limit(limit)
    .offset(offset) as unknown as Promise<SupportListed[]>;
}

/** One page of supports and the count: two statements whatever the page. */
export async function page(db: DbOrTx, scope: SupportScope, f: SupportFilter, sort: Sort<SupportSort>, limit: number, offset: number) {
  const [found, [count]] = await Promise.all([
    rows(db, scope, f, sort, limit, offset),
    supportsFrom(db, { n: sql<number>`count(*)::int` }).where(supportWhere(scope, f)) as unknown as Promise<{ n: number }[]>,
  ]);
  return { rows: found, total: count?.n ?? 0 };
}

export async function findListed(db: DbOrTx, where: { id: string } | { submissionId: string }): Promise<SupportListed | undefined> {
  const [row] = (await supportsFrom(db, listed).where('id' in where ? eq(supports.id, where.id) : eq(supports.submissionId, where.submissionId))) as unknown as SupportListed[];
  return row;
}

export async function findManyListed(db: DbOrTx, ids: string[]): Promise<SupportListed[]> {
  if (!ids.length) return [];
  return (await supportsFrom(db, listed).where(inArray(supports.id, ids))) as unknown as SupportListed[];
}

export async function lockMany(tx: Tx, ids: string[]): Promise<SupportRow[]> {
  if (!ids.length) return [];
  return tx.select().from(supports).where(inArray(supports.id, ids)).orderBy(supports.id).for('update');
}

export async function lock(tx: Tx, id: string): Promise<SupportRow | undefined> {
  const [r] = await tx.select().from(supports).where(eq(supports.id, id)).for('update');
  return r;
}

export async function findBySubmission(db: DbOrTx, submissionId: string): Promise<SupportRow | undefined> {
  const [r] = await db.select().from(supports).where(eq(supports.submissionId, submissionId));
  return r;
}

export async function insertMany(tx: Tx, rows: NewSupport[]): Promise<SupportRow[]> {
  if (!rows.length) return [];
  return tx.insert(supports).values(rows).returning();
}

/** Updates under the revision the client read; undefined when it moved on. */
export async function updateIf(tx: Tx, id: string, revision: number, patch: Partial<NewSupport>): Promise<SupportRow | undefined> {
  const [r] = await tx
    .update(supports)
    .set({ ...patch, revision: sql`${supports.revision} + 1`, updatedAt: new Date() })
    .where(and(eq(supports.id, id), eq(supports.revision, revision)))
    .returning();
  return r;
}

/** A state change made by the disclosure (the caller holds the row); the revision moves so an open form is stale. */
export async function setState(tx: Tx, id: string, patch: Pick<Partial<NewSupport>, 'status' | 'submissionId' | 'publishedAt'>): Promise<void> {
  await tx
    .update(supports)
    .set({ ...patch, revision: sql`${supports.revision} + 1`, updatedAt: new Date() })
    .where(eq(supports.id, id));
}

/** The payment state, the one fact that changes after publication (the trigger allows nothing else). */
export async function setPayment(tx: Tx, id: string, paymentState: SupportRow['paymentState']): Promise<void> {
  await tx.update(supports).set({ paymentState, updatedAt: new Date() }).where(eq(supports.id, id));
}

// ---- what a recording is checked against -----------------------------------------------------

/** The support items asked for with their policy's state. */
export function supportItems(db: DbOrTx, ids: string[]) {
  if (!ids.length) return Promise.resolve([]);
  return db
    .select({ id: policySupportItems.id, policyId: policySupportItems.policyId, category: policySupportItems.category, title: policySupportItems.title, policyStatus: policies.status, validity: policies.validity, policyTitle: policies.title })
    .from(policySupportItems)
    .innerJoin(policies, eq(policies.id, policySupportItems.policyId))
    .where(inArray(policySupportItems.id, ids));
}

/** The support items of every published, effective policy of the region tree above and below `path` (the import template's list, the import's lookup). */
export function validSupportItems(db: DbOrTx, path: string) {
  const policyRegion = aliasedTable(regions, 'policy_region');
  return db
    .select({ id: policySupportItems.id, policyId: policies.id, category: policySupportItems.category, title: policySupportItems.title, policyTitle: policies.title, docNo: policies.docNo, capWan: policySupportItems.capWan })
    .from(policySupportItems)
    .innerJoin(policies, eq(policies.id, policySupportItems.policyId))
    .innerJoin(policyRegion, eq(policyRegion.code, policies.regionCode))
    .where(
      and(
        eq(policies.status, 'published'),
        eq(policies.validity, 'effective'),
        // Policies of the grantor's own branch of the tree: its ancestors' (the State Council's, the province's) and its own and below.
        sql`(${path} = ${policyRegion.path} or ${path} like ${policyRegion.path} || '/%' or ${policyRegion.path} like ${path} || '/%')`,
      ),
    )
    .orderBy(policies.title, policySupportItems.position);
}

export interface SpaceFacts {
  id: string;
  name: string;
  regionCode: string;
  regionPath: string;
  operatorOrgId: string;
  operatorUscc: string | null;
  hostUsccs: string[];
  filed: boolean;
}

/** The spaces asked for, with what a support for them is checked against (filed, region, operator and hosts by USCC). */
export async function spaceFacts(db: DbOrTx, ids: string[]): Promise<SpaceFacts[]> {
  if (!ids.length) return [];
  const operator = aliasedTable(organisations, 'operator');
  return (await db
    .select({
      id: spaces.id,
      name: spaces.name,
      regionCode: spaces.regionCode,
      regionPath: regions.path,
      operatorOrgId: spaces.operatorOrgId,
      operatorUscc: operator.uscc,
      hostUsccs: sql<string[]>`coalesce((select array_agg(h.uscc) from ${spaceHosts} sh join ${organisations} h on h.id = sh.host_org_id where sh.space_id = ${spaces.id} and h.uscc is not null), '{}')`,
      filed: sql<boolean>`exists (select 1 from ${filings} f where f.space_id = ${spaces.id} and f.status = 'active')`,
    })
    .from(spaces)
    .innerJoin(regions, eq(regions.code, spaces.regionCode))
    .innerJoin(operator, eq(operator.id, spaces.operatorOrgId))
    .where(inArray(spaces.id, ids))) as SpaceFacts[];
}

/** The filed spaces of a jurisdiction by name (the import resolves a space by its name). */
export async function filedSpacesNamed(db: DbOrTx, path: string, names: string[]): Promise<{ id: string; name: string }[]> {
  if (!names.length) return [];
  return db
    .select({ id: spaces.id, name: spaces.name })
    .from(spaces)
    .innerJoin(regions, eq(regions.code, spaces.regionCode))
    .where(and(inArray(spaces.name, names), or(sql`${regions.path} = ${path}`, sql`${regions.path} like ${path} || '/%'`), sql`exists (select 1 from ${filings} f where f.space_id = ${spaces.id} and f.status = 'active')`));
}

/** The organisations known by these USCCs (operator, host: the beneficiary's organisation). */
export async function orgsByUscc(db: DbOrTx, usccs: string[]): Promise<Map<string, string>> {
  if (!usccs.length) return new Map();
  const rows = await db.select({ id: organisations.id, uscc: organisations.uscc }).from(organisations).where(inArray(organisations.uscc, usccs));
  return new Map(rows.map((r) => [r.uscc!, r.id]));
}

/** The path of a region (the grantor's jurisdiction for a department without one on the actor). */
export async function regionPath(db: DbOrTx, code: string): Promise<string | undefined> {
  const [r] = await db.select({ path: regions.path }).from(regions).where(eq(regions.code, code));
  return r?.path;
}
