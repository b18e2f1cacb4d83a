import { and, asc, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client.ts';
import { inBeijingYear } from '../../db/beijing-year.ts';
import { orderBy, type Sort } from '../../shared/http/sorting.ts';
import { containsPattern } from '../../shared/validation/search.ts';
import { filings } from '../filings/schema.ts';
import { users } from '../identity/schema.ts';
import { organisations } from '../orgs/schema.ts';
import { regions } from '../regions/schema.ts';
import type { KeyIndustry } from '../../shared/domain.ts';
import { spaces } from '../spaces/schema.ts';
import { INCOME_STATES } from './transitions.ts';
import { serviceOrderEvents, serviceOrders, spaceServices, type OrderState, type ServiceKind } from './schema.ts';

/** All SQL of the catalogue and the orders; reads join spaces, regions, organisations and users for names. */

export type ServiceRow = typeof spaceServices.$inferSelect;
export type OrderRow = typeof serviceOrders.$inferSelect;
export type OrderEventRow = typeof serviceOrderEvents.$inferSelect;

const under = (path: string): SQL => or(eq(regions.path, path), sql`${regions.path} like ${`${path}/%`}`)!;

// ---- catalogue ----

export const CATALOGUE_SORTS = ['name', 'kind', 'price', 'leadDays', 'updatedAt'] as const;
export type CatalogueSort = (typeof CATALOGUE_SORTS)[number];
const catalogueColumns = { name: spaceServices.name, kind: spaceServices.kind, price: spaceServices.priceFen, leadDays: spaceServices.leadDays, updatedAt: spaceServices.updatedAt };

export interface CatalogueFilter {
  spaceId?: string | undefined;
  kind?: ServiceKind | undefined;
  active?: boolean | undefined;
  q?: string | undefined;
}

const serviceWithSpace = {
  service: spaceServices,
  spaceName: spaces.name,
  operatorOrgId: spaces.operatorOrgId,
  regionName: regions.name,
  regionPath: regions.path,
  openOrders: sql<number>`(select count(*)::int from ${serviceOrders} o where o.service_id = ${spaceServices.id} and o.state in ('requested', 'quoted', 'accepted'))`,
  deliveredOrders: sql<number>`(select count(*)::int from ${serviceOrders} o where o.service_id = ${spaceServices.id} and o.state in ('delivered', 'rated'))`,
  averageRating: sql<string | null>`(select round(avg(o.rating), 1)::text from ${serviceOrders} o where o.service_id = ${spaceServices.id} and o.rating is not null)`,
};
export type ServiceWithSpace = { service: ServiceRow; spaceName: string; operatorOrgId: string; regionName: string; regionPath: string; openOrders: number; deliveredOrders: number; averageRating: string | null };

const servicesBase = (db: DbOrTx) => db.select(serviceWithSpace).from(spaceServices).innerJoin(spaces, eq(spaces.id, spaceServices.spaceId)).innerJoin(regions, eq(regions.code, spaces.regionCode));
const servicesCount = (db: DbOrTx) =>
  db.select({ n: sql<number>`count(*)::int` }).from(spaceServices).innerJoin(spaces, eq(spaces.id, spaceServices.spaceId)).innerJoin(regions, eq(regions.code, spaces.regionCode));

function catalogueWhere(base: SQL, f: CatalogueFilter): SQL {
  const conds: SQL[] = [base];
  if (f.spaceId) conds.push(eq(spaceServices.spaceId, f.spaceId));
  if (f.kind) conds.push(eq(spaceServices.kind, f.kind));
  if (f.active !== undefined) conds.push(eq(spaceServices.active, f.active));
  if (f.q) {
    const like = containsPattern(f.q);
    conds.push(or(sql`${spaceServices.name} ilike ${like}`, sql`${spaceServices.description} ilike ${like}`)!);
  }
  return and(...conds)!;
}

/** One page of an operator's catalogues: two statements whatever the page. */
export async function catalogue(db: DbOrTx, operatorOrgId: string, f: CatalogueFilter, sort: Sort<CatalogueSort>, limit: number, offset: number) {
  const w = catalogueWhere(eq(spaces.operatorOrgId, operatorOrgId), f);
  const [rows, [count]] = await Promise.all([
    servicesBase(db)
      .where(w)
      .orderBy(...orderBy(catalogueColumns, sort, [asc(spaces.name), asc(spaceServices.kind), asc(spaceServices.name)], spaceServices.id))
      .limit(limit)
      .offset(offset),
    servicesCount(db).where(w),
  ]);
  return { rows: rows as ServiceWithSpace[], total: count?.n ?? 0 };
}

export const SEARCH_SORTS = ['name', 'kind', 'price', 'leadDays', 'space'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];

/**
 * One page of the platform's active services of active filed spaces: within a region (by its path),
 * of a kind, of spaces in a key industry (the field), matching a keyword in the name, the description or the space's name.
 */
export async function search(
  db: DbOrTx,
  f: { regionPath?: string | undefined; kind?: ServiceKind | undefined; industry?: KeyIndustry | undefined; q?: string | undefined },
  sort: Sort<SearchSort>, limit: number, offset: number) {
  // Filed spaces only, as in the resource search: the platform a filed space must run is what makers
  // are sent to; an applicant's catalogue is its own until the space is filed.
  const filedSpaces = db.selectDistinct({ id: filings.spaceId }).from(filings).where(eq(filings.status, 'active'));
  const conds: SQL[] = [eq(spaceServices.active, true), eq(spaces.status, 'active'), inArray(spaces.id, filedSpaces)];
  if (f.regionPath) conds.push(under(f.regionPath));
  if (f.kind) conds.push(eq(spaceServices.kind, f.kind));
  if (f.industry) conds.push(eq(spaces.industry, f.industry));
  if (f.q) {
    const like = containsPattern(f.q);
    conds.push(or(sql`${spaceServices.name} ilike ${like}`, sql`${spaceServices.description} ilike ${like}`, sql`${spaces.name} ilike ${like}`)!);
  }
  const w = and(...conds)!;
  const [rows, [count]] = await Promise.all([
    servicesBase(db)
      .where(w)
      .orderBy(...orderBy({ ...catalogueColumns, space: spaces.name }, sort, [asc(spaceServices.kind), asc(spaces.name), asc(spaceServices.name)], spaceServices.id))
      .limit(limit)
      .offset(offset),
    servicesCount(db).where(w),
  ]);
  return { rows: rows as ServiceWithSpace[], total: count?.n ?? 0 };
}

export async function findService(db: DbOrTx, id: string): Promise<ServiceWithSpace | undefined> {
  const [row] = await servicesBase(db).where(eq(spaceServices.id, id));
  return row as ServiceWithSpace | undefined;
}

export async function insertService(tx: Tx, row: typeof spaceServices.$inferInsert): Promise<ServiceRow> {
  const [r] = await tx.insert(spaceServices).values(row).returning();
  return r!;
}

/** Updates the service only if its revision is still `revision`; undefined when someone saved first. */
export async function updateService(tx: Tx, id: string, revision: number, patch: Partial<typeof spaceServices.$inferInsert>): Promise<ServiceRow | undefined> {
  const [r] = await tx
    .update(spaceServices)
    .set({ ...patch, revision: sql`${spaceServices.revision} + 1`, updatedAt: new Date() })
    .where(and(eq(spaceServices.id, id), eq(spaceServices.revision, revision)))
    .returning();
  return r;
}

// ---- orders ----

export const ORDER_SORTS = ['requestedAt', 'state', 'amount', 'dueOn', 'service'] as const;
export type OrderSort = (typeof ORDER_SORTS)[number];
const orderColumns = { requestedAt: serviceOrders.requestedAt, state: serviceOrders.state, amount: serviceOrders.quotedFen, dueOn: serviceOrders.dueOn, service: spaceServices.name };

/** Whose orders a list covers: the queue of an operator's spaces, or a maker team's own orders. */
export type OrderScope = { operatorOrgId: string } | { requesterOrgId: string };

export interface OrderFilter {
  spaceId?: string | undefined;
  state?: OrderState | undefined;
  kind?: ServiceKind | undefined;
  q?: string | undefined;
}

const orderWithNames = {
  order: serviceOrders,
  serviceName: spaceServices.name,
  serviceKind: spaceServices.kind,
  priceBasis: spaceServices.priceBasis,
  spaceName: spaces.name,
  operatorOrgId: spaces.operatorOrgId,
  requesterOrgName: organisations.name,
  requesterName: users.displayName,
};
export type OrderWithNames = Awaited<ReturnType<ReturnType<typeof ordersBase>['execute']>>[number];

const ordersBase = (db: DbOrTx) =>
  db
    .select(orderWithNames)
    .from(serviceOrders)
    .innerJoin(spaceServices, eq(spaceServices.id, serviceOrders.serviceId))
    .innerJoin(spaces, eq(spaces.id, serviceOrders.spaceId))
    .innerJoin(organisations, eq(organisations.id, serviceOrders.requesterOrgId))
    .innerJoin(users, eq(users.id, serviceOrders.requesterUserId));

function ordersWhere(scope: OrderScope, f: OrderFilter): SQL {
  const conds: SQL[] = ['operatorOrgId' in scope ? eq(spaces.operatorOrgId, scope.operatorOrgId) : eq(serviceOrders.requesterOrgId, scope.requesterOrgId)];
  if (f.spaceId) conds.push(eq(serviceOrders.spaceId, f.spaceId));
  if (f.state) conds.push(eq(serviceOrders.state, f.state));
  if (f.kind) conds.push(eq(spaceServices.kind, f.kind));
  if (f.q) {
    const like = containsPattern(f.q);
    conds.push(or(sql`${spaceServices.name} ilike ${like}`, sql`${organisations.name} ilike ${like}`, sql`${spaces.name} ilike ${like}`)!);
  }
  return and(...conds)!;
}

/** One page of orders, the newest first unless sorted: two statements whatever the page. */
export async function orders(db: DbOrTx, scope: OrderScope, f: OrderFilter, sort: Sort<OrderSort>, limit: number, offset: number) {
  const w = ordersWhere(scope, f);
  const [rows, [count]] = await Promise.all([
    ordersBase(db)
      .where(w)
      .orderBy(...orderBy(orderColumns, sort, [desc(serviceOrders.requestedAt)], serviceOrders.id))
      .limit(limit)
      .offset(offset),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(serviceOrders)
      .innerJoin(spaceServices, eq(spaceServices.id, serviceOrders.serviceId))
      .innerJoin(spaces, eq(spaces.id, serviceOrders.spaceId))
      .innerJoin(organisations, eq(organisations.id, serviceOrders.requesterOrgId))
      .where(w),
  ]);
  return { rows, total: count?.n ?? 0 };
}

/** How many orders of the scope wait in each state (the queue's tabs). */
export async function stateCounts(db: DbOrTx, scope: OrderScope, spaceId?: string): Promise<Partial<Record<OrderState, number>>> {
  const rows = await db
    .select({ state: serviceOrders.state, n: sql<number>`count(*)::int` })
    .from(serviceOrders)
    .innerJoin(spaces, eq(spaces.id, serviceOrders.spaceId))
    .where(and('operatorOrgId' in scope ? eq(spaces.operatorOrgId, scope.operatorOrgId) : eq(serviceOrders.requesterOrgId, scope.requesterOrgId), spaceId ? eq(serviceOrders.spaceId, spaceId) : undefined))
    .groupBy(serviceOrders.state);
  return Object.fromEntries(rows.map((r) => [r.state, r.n]));
}

export async function findOrder(db: DbOrTx, id: string): Promise<OrderWithNames | undefined> {
  const [row] = await ordersBase(db).where(eq(serviceOrders.id, id));
  return row;
}

export async function lockOrder(tx: Tx, id: string): Promise<OrderRow | undefined> {
  const [row] = await tx.select().from(serviceOrders).where(eq(serviceOrders.id, id)).for('update');
  return row;
}

export async function insertOrder(tx: Tx, row: typeof serviceOrders.$inferInsert): Promise<OrderRow> {
  const [r] = await tx.insert(serviceOrders).values(row).returning();
  return r!;
}

export async function updateOrder(tx: Tx, id: string, patch: Partial<typeof serviceOrders.$inferInsert>): Promise<void> {
  await tx
    .update(serviceOrders)
    .set({ ...patch, revision: sql`${serviceOrders.revision} + 1`, updatedAt: new Date() })
    .where(eq(serviceOrders.id, id));
}

export async function insertEvent(tx: Tx, row: typeof serviceOrderEvents.$inferInsert): Promise<void> {
  await tx.insert(serviceOrderEvents).values(row);
}

export async function eventsOf(db: DbOrTx, orderId: string) {
  return db
    .select({ event: serviceOrderEvents, actorName: users.displayName })
    .from(serviceOrderEvents)
    .leftJoin(users, eq(users.id, serviceOrderEvents.actorUserId))
    .where(eq(serviceOrderEvents.orderId, orderId))
    .orderBy(asc(serviceOrderEvents.createdAt), asc(serviceOrderEvents.id));
}

// ---- figures ----

/** A space's orders and service income in one calendar year (Beijing time), in one statement for many spaces. */
export async function yearFigures(db: DbOrTx, spaceIds: readonly string[], year: number) {
  if (!spaceIds.length) return [];
  return db
    .select({
      spaceId: serviceOrders.spaceId,
      requested: sql<number>`count(*) filter (where ${inBeijingYear(serviceOrders.requestedAt, year)})::int`,
      delivered: sql<number>`count(*) filter (where ${serviceOrders.state} in (${sql.join(INCOME_STATES.map((s) => sql`${s}`), sql`, `)}) and ${inBeijingYear(serviceOrders.deliveredAt, year)})::int`,
      incomeFen: sql<string>`coalesce(sum(${serviceOrders.quotedFen}) filter (where ${serviceOrders.state} in (${sql.join(INCOME_STATES.map((s) => sql`${s}`), sql`, `)}) and ${inBeijingYear(serviceOrders.deliveredAt, year)}), 0)::text`,
      rated: sql<number>`count(*) filter (where ${serviceOrders.rating} is not null and ${inBeijingYear(serviceOrders.deliveredAt, year)})::int`,
      averageRating: sql<string | null>`round(avg(${serviceOrders.rating}) filter (where ${inBeijingYear(serviceOrders.deliveredAt, year)}), 2)::text`,
    })
    .from(serviceOrders)
    .where(inArray(serviceOrders.spaceId, [...spaceIds]))
    .groupBy(serviceOrders.spaceId);
}

/** The listed services of the spaces, public fields only (no orders): each filed space's public page. One statement. */
export function publicServicesOf(db: DbOrTx, spaceIds: readonly string[]) {
  if (!spaceIds.length) return Promise.resolve([]);
  return db
    .select({
      id: spaceServices.id,
      spaceId: spaceServices.spaceId,
      name: spaceServices.name,
      kind: spaceServices.kind,
      description: spaceServices.description,
      priceBasis: spaceServices.priceBasis,
      priceFen: spaceServices.priceFen,
      leadDays: spaceServices.leadDays,
    })
    .from(spaceServices)
    .where(and(inArray(spaceServices.spaceId, [...spaceIds]), eq(spaceServices.active, true)))
    .orderBy(asc(spaceServices.kind), asc(spaceServices.name), asc(spaceServices.id));
}
