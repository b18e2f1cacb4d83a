import { and, asc, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client.ts';
import type { AuthorityLevel } from '../../shared/domain.ts';
import { orderBy, type Sort } from '../../shared/http/sorting.ts';
import { containsPattern } from '../../shared/validation/search.ts';
import { users } from '../identity/schema.ts';
import { organisations } from '../orgs/schema.ts';
import { regions } from '../regions/schema.ts';
import { policies, policySubscriptionHits, policySubscriptions, policySupportItems, type PolicyKind, type PolicyTarget, type PolicyTheme, type PolicyValidity, type SubscriptionChannel, type SupportCategory } from './schema.ts';

/**
 * All SQL of the policy library. Reads join `regions` (the region tree: jurisdiction and the
 * region filter by path) and `organisations` (the keeping authority's name).
 */

export type PolicyRow = typeof policies.$inferSelect;
export type SupportItemRow = typeof policySupportItems.$inferSelect;
export type SubscriptionRow = typeof policySubscriptions.$inferSelect;

export const POLICY_SORTS = ['issuedOn', 'writtenOn', 'publishedAt', 'title', 'relevance'] as const;
export type PolicySort = (typeof POLICY_SORTS)[number];

export interface PolicyFilter {
  q?: string | undefined;
  kind?: PolicyKind | undefined;
  level?: AuthorityLevel | undefined;
  /** A region code: policies of that region and below it. */
  region?: string | undefined;
  theme?: PolicyTheme | undefined;
  validity?: PolicyValidity | undefined;
  /** The year of 发布日期 (or 成文日期 when there is none). */
  year?: number | undefined;
  status?: 'draft' | 'published' | undefined;
}

/** Published only (the public), or everything of a jurisdiction (its authority's staff). */
export type PolicyScope = { published: true } | { withinPath: string };

/**
 * Policies of the regions at or below a path, as a condition on the policies' own column: the page
 * is chosen before any join (`listPolicies`).
 */
const inRegionsUnder = (path: SQL | string) =>
  sql`${policies.regionCode} in (select r.code from ${regions} r where r.path = ${path} or r.path like ${path} || '/%')`;

const listed = {
  policy: policies,
  regionName: regions.name,
  regionPath: regions.path,
  authorityName: organisations.name,
};
export type PolicyListed = { policy: PolicyRow; regionName: string; regionPath: string; authorityName: string };

const policiesFrom = <T extends Record<string, unknown>>(db: DbOrTx, cols: T) =>
  db
    .select(cols as never)
    .from(policies)
    .innerJoin(regions, eq(regions.code, policies.regionCode))
    .innerJoin(organisations, eq(organisations.id, policies.authorityOrgId));

function policyWhere(scope: PolicyScope, f: PolicyFilter): SQL {
  const conds: (SQL | undefined)[] = ['published' in scope ? eq(policies.status, 'published') : inRegionsUnder(scope.withinPath)];
  if (f.status) conds.push(eq(policies.status, f.status));
  if (f.kind) conds.push(eq(policies.kind, f.kind));
  if (f.level) conds.push(eq(policies.level, f.level));
  if (f.validity) conds.push(eq(policies.validity, f.validity));
  if (f.theme) conds.push(sql`${policies.themes} @> array[${f.theme}]::text[]`);
  if (f.year) conds.push(sql`extract(year from coalesce(${policies.issuedOn}, ${policies.writtenOn})) = ${f.year}`);
  if (f.region) conds.push(inRegionsUnder(sql`(select f.path from ${regions} f where f.code = ${f.region})`));
  // Chinese has no spaces to split words at: a substring match over the plain text, served by the
  // trigram GIN index (pg_trgm) on both PostgreSQL and PGlite. The text is kept lower-cased
  // (`searchable`) and matched with LIKE: ILIKE in a UTF-8 database lower-cases every candidate's
  // whole text again on each match, ten times the cost of the match itself.
  if (f.q) conds.push(sql`${policies.searchText} like lower(${containsPattern(f.q)})`);
  return and(...conds)!;
}

/** Where the term is found: in the title first, then 发文字号 or 主题词, then the body. */
const relevance = (q: string) =>
  sql<number>`case when ${policies.title} ilike ${containsPattern(q)} then 2 when coalesce(${policies.docNo}, '') ilike ${containsPattern(q)} or array_to_string(${policies.keywords}, ' ') ilike ${containsPattern(q)} then 1 else 0 end`;

/** The order of a list: the chosen sort, else where the term is found, then the newest. */
function policyOrder(f: PolicyFilter, sort: Sort<PolicySort>) {
  const dated = sql`coalesce(${policies.issuedOn}, ${policies.writtenOn})`;
  return orderBy(
    // Without a search term every policy is equally relevant: newest first, as by default (a
    // constant would not do — ORDER BY 0 names a column by position).
    { issuedOn: dated, writtenOn: policies.writtenOn, publishedAt: policies.publishedAt, title: policies.title, relevance: f.q ? relevance(f.q) : dated },
    sort,
    [...(f.q ? [desc(relevance(f.q))] : []), sql`${dated} desc nulls last`],
    policies.id,
  );
}

/**
 * One page of policies and the count, in one statement: the page must find and rank every match
 * anyway (a search term is a substring scan of the texts), so the count comes with it instead of a
 * second scan (on PGlite's one thread the two ran one after the other). The matches are ranked and
 * counted on the few columns the order needs; only the page's rows are then read whole and joined
 * to their region and authority. Counted with every column and join, each of the 6,800 matches of
 * a common term carried its whole text through the count, which spilled to disk and took over a
 * third of the statement's time. A page past the end has no row to carry the count: a second
 * statement counts.
 */
export async function listPolicies(db: DbOrTx, scope: PolicyScope, f: PolicyFilter, sort: Sort<PolicySort>, limit: number, offset: number) {
  const w = policyWhere(scope, f);
  const order = policyOrder(f, sort);
  const page = db.$with('page').as(
    db
      .select({ id: sql<string>`${policies.id}`.as('page_id'), total: sql<number>`(count(*) over ())::int`.as('total') })
      .from(policies)
      .where(w)
      .orderBy(...order)
      .limit(limit)
      .offset(offset),
  );
  const rows = (await db
    .with(page)
    .select({ ...listed, total: page.total })
    .from(page)
    .innerJoin(policies, eq(policies.id, page.id))
    .innerJoin(regions, eq(regions.code, policies.regionCode))
    .innerJoin(organisations, eq(organisations.id, policies.authorityOrgId))
    .orderBy(...order)) as unknown as (PolicyListed & { total: number })[];
  if (rows.length) return { rows: rows.map(({ total: _total, ...row }) => row), total: rows[0]!.total };
  if (offset === 0) return { rows: [], total: 0 };
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(policies).where(w);
  return { rows: [], total: count?.n ?? 0 };
}

/**
 * Published policies as open data, in the list's order: the metadata without the body (a policy's
 * text is on its page), each with the support items it defines, in one statement.
 */
export function exportPolicies(db: DbOrTx, f: PolicyFilter, sort: Sort<PolicySort>, limit: number) {
  const items = sql<{ category: SupportCategory; title: string; capWan: number | null; period: string | null }[]>`(select coalesce(jsonb_agg(jsonb_build_object('category', i.category, 'title', i.title, 'capWan', i.cap_wan::float8, 'period', i.period) order by i.position), '[]'::jsonb)
    from ${policySupportItems} i where i.policy_id = ${policies.id})`;
  return policiesFrom(db, {
    id: policies.id,
    kind: policies.kind,
    title: policies.title,
    indexNo: policies.indexNo,
    themes: policies.themes,
    issuer: policies.issuer,
    docNo: policies.docNo,
    writtenOn: policies.writtenOn,
    issuedOn: policies.issuedOn,
    keywords: policies.keywords,
    validity: policies.validity,
    validFrom: policies.validFrom,
    validUntil: policies.validUntil,
    level: policies.level,
    regionCode: policies.regionCode,
    regionName: regions.name,
    targets: policies.targets,
    publishedAt: policies.publishedAt,
    supportItems: items,
  })
    .where(policyWhere({ published: true }, f))
    .orderBy(...policyOrder(f, sort))
    .limit(limit) as unknown as Promise<PolicyExportRow[]>;
}

export interface PolicyExportRow {
  id: string;
  kind: PolicyKind;
  title: string;
  indexNo: string | null;
  themes: PolicyTheme[];
  issuer: string;
  docNo: string | null;
  writtenOn: string | null;
  issuedOn: string | null;
  keywords: string[];
  validity: PolicyValidity;
  validFrom: string | null;
  validUntil: string | null;
  level: AuthorityLevel;
  regionCode: string;
  regionName: string;
  targets: PolicyTarget[];
  publishedAt: Date | null;
  supportItems: { category: SupportCategory; title: string; capWan: number | null; period: string | null }[];
}

export async function findPolicy(db: DbOrTx, id: string): Promise<PolicyListed | undefined> {
  const [row] = (await policiesFrom(db, listed).where(eq(policies.id, id))) as unknown as PolicyListed[];
  return row;
}

/** The policies a page links to (its interpretations, what it replaced and what replaced it). */
export function findLinked(db: DbOrTx, id: string, ids: string[]) {
  return db
    .select({ id: policies.id, kind: policies.kind, title: policies.title, docNo: policies.docNo, status: policies.status, validity: policies.validity, issuedOn: policies.issuedOn, interpretsId: policies.interpretsId })
    .from(policies)
    .where(or(eq(policies.interpretsId, id), ids.length ? inArray(policies.id, ids) : undefined))
    .orderBy(asc(policies.createdAt));
}

export const supportItemsOf = (db: DbOrTx, policyId: string) =>
  db.select().from(policySupportItems).where(eq(policySupportItems.policyId, policyId)).orderBy(asc(policySupportItems.position));

/** The searched text as kept: lower-cased by the database, as the terms matched against it are. */
const searchable = (text: string) => sql`lower(${text})`;

export async function insertPolicy(tx: Tx, row: typeof policies.$inferInsert): Promise<PolicyRow> {
  const [r] = await tx.insert(policies).values({ ...row, searchText: searchable(row.searchText) }).returning();
  return r!;
}

/** Updates under the revision the client read; undefined when it moved on. */
export async function updatePolicy(tx: Tx, id: string, revision: number, patch: Partial<typeof policies.$inferInsert>): Promise<PolicyRow | undefined> {
  const [r] = await tx
    .update(policies)
    .set({ ...patch, ...(patch.searchText === undefined ? {} : { searchText: searchable(patch.searchText) }), revision: sql`${policies.revision} + 1`, updatedAt: new Date() })
    .where(and(eq(policies.id, id), eq(policies.revision, revision)))
    .returning();
  return r;
}

/** Locks a policy's row for a validity change made by another policy's publication. */
export async function lockPolicy(tx: Tx, id: string): Promise<PolicyRow | undefined> {
  const [r] = await tx.select().from(policies).where(eq(policies.id, id)).for('update');
  return r;
}

export async function replaceSupportItems(tx: Tx, policyId: string, items: Omit<typeof policySupportItems.$inferInsert, 'policyId' | 'position'>[]) {
  await tx.delete(policySupportItems).where(eq(policySupportItems.policyId, policyId));
  if (items.length) await tx.insert(policySupportItems).values(items.map((it, i) => ({ ...it, policyId, position: i + 1 })));
}

// ---- subscriptions ----

export const subscriptionsOf = (db: DbOrTx, userId: string) =>
  db
    .select({ subscription: policySubscriptions, regionName: regions.name })
    .from(policySubscriptions)
    .leftJoin(regions, eq(regions.code, policySubscriptions.regionCode))
    .where(eq(policySubscriptions.userId, userId))
    .orderBy(desc(policySubscriptions.createdAt), desc(policySubscriptions.id));

export async function insertSubscription(tx: Tx, row: typeof policySubscriptions.$inferInsert) {
  const [r] = await tx.insert(policySubscriptions).values(row).returning();
  return r!;
}

export async function deleteSubscription(tx: Tx, id: string, userId: string) {
  const r = await tx
    .delete(policySubscriptions)
    .where(and(eq(policySubscriptions.id, id), eq(policySubscriptions.userId, userId)))
    .returning({ id: policySubscriptions.id });
  return r.length > 0;
}

/** The account's own e-mail address, where a mail subscription's mail goes. */
export async function emailOf(db: DbOrTx, userId: string): Promise<string | null> {
  const [r] = await db.select({ email: users.email }).from(users).where(eq(users.id, userId));
  return r?.email ?? null;
}

export async function findSubscription(db: DbOrTx, id: string) {
  const [r] = await db.select().from(policySubscriptions).where(eq(policySubscriptions.id, id));
  return r;
}

export interface NewHit {
  subscriptionId: string;
  userId: string;
  channel: SubscriptionChannel;
  /** The account's address as it is now (null: it has none, so no mail whatever the channel). */
  email: string | null;
}

/**
 * Records a hit for every subscription the published policy matches — any of its keywords in the
 * policy's text, any of its themes among the policy's, its region on the policy's branch of the
 * tree (the policy's region, above or below it) — and returns the hits that are new, so each
 * subscriber hears of a policy once, in-app and by mail alike (the primary key holds against any
 * rerun). One statement.
 */
export async function recordMatches(tx: Tx, policyId: string): Promise<NewHit[]> {
  const r = await tx.execute(sql`
    with p as (
      select pol.id, pol.search_text, pol.themes, rg.path
      from ${policies} pol join ${regions} rg on rg.code = pol.region_code
      where pol.id = ${policyId}::uuid
    ), matched as (
      select s.id as subscription_id, s.user_id, s.channel
      from ${policySubscriptions} s cross join p
      left join ${regions} sr on sr.code = s.region_code
      where (cardinality(s.keywords) = 0 or exists (select 1 from unnest(s.keywords) k where p.search_text like '%' || replace(replace(replace(lower(k), '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%'))
        and (cardinality(s.themes) = 0 or s.themes && p.themes)
        and (s.region_code is null or p.path = sr.path or p.path like sr.path || '/%' or sr.path like p.path || '/%')
    ), inserted as (
      insert into ${policySubscriptionHits} (subscription_id, policy_id)
      select subscription_id, ${policyId}::uuid from matched
      on conflict do nothing
      returning subscription_id
    )
    select i.subscription_id as "subscriptionId", m.user_id as "userId", m.channel, u.email
    from inserted i join matched m on m.subscription_id = i.subscription_id join ${users} u on u.id = m.user_id`);
  return ((r as unknown as { rows?: unknown[] }).rows ?? (r as unknown as unknown[])) as NewHit[];
}
