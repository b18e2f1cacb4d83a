import { and, asc, between, desc, eq, or, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client.ts';
import { inBeijingYear } from '../../db/beijing-year.ts';
import { orderBy, type Sort } from '../../shared/http/sorting.ts';
import { containsPattern } from '../../shared/validation/search.ts';
import type { KeyIndustry } from '../../shared/domain.ts';
import { filings } from '../filings/schema.ts';
import { regions } from '../regions/schema.ts';
import { incubatees } from '../roster/schema.ts';
import { spaces } from '../spaces/schema.ts';
import { financingInvestments, financingRequests, investors, spaceFunds, type FundKind, type RequestState } from './schema.ts';

/** All SQL of funds, investors, financing requests and investments; reads join spaces and the roster's incubatees for names. */

export type FundRow = typeof spaceFunds.$inferSelect;
export type InvestorRow = typeof investors.$inferSelect;
export type RequestRow = typeof financingRequests.$inferSelect;
export type InvestmentRow = typeof financingInvestments.$inferSelect;

// ---- funds ----

export const FUND_SORTS = ['name', 'size', 'since'] as const;
export type FundSort = (typeof FUND_SORTS)[number];

export interface FundFilter {
  spaceId?: string | undefined;
  kind?: FundKind | undefined;
}

const fundsBase = (db: DbOrTx) => db.select({ fund: spaceFunds, spaceName: spaces.name, operatorOrgId: spaces.operatorOrgId }).from(spaceFunds).innerJoin(spaces, eq(spaces.id, spaceFunds.spaceId));
export type FundWithSpace = { fund: FundRow; spaceName: string; operatorOrgId: string };

export async function funds(db: DbOrTx, operatorOrgId: string, f: FundFilter, sort: Sort<FundSort>, limit: number, offset: number) {
  const w = and(eq(spaces.operatorOrgId, operatorOrgId), f.spaceId ? eq(spaceFunds.spaceId, f.spaceId) : undefined, f.kind ? eq(spaceFunds.kind, f.kind) : undefined)!;
  const [rows, [count]] = await Promise.all([
    fundsBase(db)
      .where(w)
      .orderBy(...orderBy({ name: spaceFunds.name, size: spaceFunds.sizeYuan, since: spaceFunds.since }, sort, [asc(spaces.name), asc(spaceFunds.name)], spaceFunds.id))
      .limit(limit)
      .offset(offset),
    db.select({ n: sql<number>`count(*)::int` }).from(spaceFunds).innerJoin(spaces, eq(spaces.id, spaceFunds.spaceId)).where(w),
  ]);
  return { rows, total: count?.n ?? 0 };
}

/** A space's active funds, own funds first, the largest first: the public page's funds section. */
export async function activeFundsOf(db: DbOrTx, spaceId: string): Promise<FundRow[]> {
  return db
    .select()
    .from(spaceFunds)
    .where(and(eq(spaceFunds.spaceId, spaceId), eq(spaceFunds.active, true)))
    .orderBy(asc(spaceFunds.kind), desc(spaceFunds.sizeYuan), asc(spaceFunds.id));
}

export async function findFund(db: DbOrTx, id: string): Promise<FundWithSpace | undefined> {
  const [row] = await fundsBase(db).where(eq(spaceFunds.id, id));
  return row;
}

export async function insertFund(tx: Tx, row: typeof spaceFunds.$inferInsert): Promise<FundRow> {
  const [r] = await tx.insert(spaceFunds).values(row).returning();
  return r!;
}

export async function updateFund(tx: Tx, id: string, revision: number, patch: Partial<typeof spaceFunds.$inferInsert>): Promise<FundRow | undefined> {
  const [r] = await tx
    .update(spaceFunds)
    .set({ ...patch, revision: sql`${spaceFunds.revision} + 1`, updatedAt: new Date() })
    .where(and(eq(spaceFunds.id, id), eq(spaceFunds.revision, revision)))
    .returning();
  return r;
}

export async function fundUsed(db: DbOrTx, id: string): Promise<boolean> {
  const [row] = await db.select({ id: financingInvestments.id }).from(financingInvestments).where(eq(financingInvestments.fundId, id)).limit(1);
  return !!row;
}

export async function deleteFund(tx: Tx, id: string, revision: number): Promise<FundRow | undefined> {
  const [r] = await tx.delete(spaceFunds).where(and(eq(spaceFunds.id, id), eq(spaceFunds.revision, revision))).returning();
  return r;
}

// ---- investors ----

export const INVESTOR_SORTS = ['name', 'createdAt'] as const;
export type InvestorSort = (typeof INVESTOR_SORTS)[number];

export interface InvestorFilter {
  field?: KeyIndustry | undefined;
  q?: string | undefined;
}

function investorsWhere(f: InvestorFilter): SQL | undefined {
  return and(f.field ? sql`${investors.fields} @> array[${f.field}]::text[]` : undefined, f.q ? or(sql`${investors.name} ilike ${containsPattern(f.q)}`, sql`${investors.intro} ilike ${containsPattern(f.q)}`) : undefined);
}

/** One page of the registered investors (a field filter is the matching of a request). */
export async function investorPage(db: DbOrTx, f: InvestorFilter, sort: Sort<InvestorSort>, limit: number, offset: number) {
  const w = investorsWhere(f);
  const [rows, [count]] = await Promise.all([
    db
      .select()
      .from(investors)
      .where(w)
      .orderBy(...orderBy({ name: investors.name, createdAt: investors.createdAt }, sort, [asc(investors.name)], investors.id))
      .limit(limit)
      .offset(offset),
    db.select({ n: sql<number>`count(*)::int` }).from(investors).where(w),
  ]);
  return { rows, total: count?.n ?? 0 };
}

export async function findInvestor(db: DbOrTx, id: string): Promise<InvestorRow | undefined> {
  const [row] = await db.select().from(investors).where(eq(investors.id, id));
  return row;
}

export async function insertInvestor(tx: Tx, row: typeof investors.$inferInsert): Promise<InvestorRow> {
  const [r] = await tx.insert(investors).values(row).returning();
  return r!;
}

// ---- requests ----

export const REQUEST_SORTS = ['createdAt', 'amount', 'state'] as const;
export type RequestSort = (typeof REQUEST_SORTS)[number];

export interface RequestFilter {
  spaceId?: string | undefined;
  state?: RequestState | undefined;
  q?: string | undefined;
}

const requestWithNames = {
  request: financingRequests,
  spaceName: spaces.name,
  operatorOrgId: spaces.operatorOrgId,
  incubateeName: incubatees.name,
  investedYuan: sql<string>`(select coalesce(sum(i.amount_yuan), 0)::text from ${financingInvestments} i where i.request_id = ${financingRequests.id})`,
};
export type RequestWithNames = { request: RequestRow; spaceName: string; operatorOrgId: string; incubateeName: string; investedYuan: string };

const requestsBase = (db: DbOrTx) =>
  db.select(requestWithNames).from(financingRequests).innerJoin(spaces, eq(spaces.id, financingRequests.spaceId)).innerJoin(incubatees, eq(incubatees.id, financingRequests.incubateeId));

export async function requests(db: DbOrTx, operatorOrgId: string, f: RequestFilter, sort: Sort<RequestSort>, limit: number, offset: number) {
  const w = and(
    eq(spaces.operatorOrgId, operatorOrgId),
    f.spaceId ? eq(financingRequests.spaceId, f.spaceId) : undefined,
    f.state ? eq(financingRequests.state, f.state) : undefined,
    f.q ? sql`${incubatees.name} ilike ${containsPattern(f.q)}` : undefined,
  )!;
  const [rows, [count]] = await Promise.all([
    requestsBase(db)
      .where(w)
      .orderBy(...orderBy({ createdAt: financingRequests.createdAt, amount: financingRequests.amountYuan, state: financingRequests.state }, sort, [desc(financingRequests.createdAt)], financingRequests.id))
      .limit(limit)
      .offset(offset),
    db.select({ n: sql<number>`count(*)::int` }).from(financingRequests).innerJoin(spaces, eq(spaces.id, financingRequests.spaceId)).innerJoin(incubatees, eq(incubatees.id, financingRequests.incubateeId)).where(w),
  ]);
  return { rows: rows as RequestWithNames[], total: count?.n ?? 0 };
}

export async function findRequest(db: DbOrTx, id: string): Promise<RequestWithNames | undefined> {
  const [row] = await requestsBase(db).where(eq(financingRequests.id, id));
  return row as RequestWithNames | undefined;
}

export async function lockRequest(tx: Tx, id: string): Promise<RequestRow | undefined> {
  const [row] = await tx.select().from(financingRequests).where(eq(financingRequests.id, id)).for('update');
  return row;
}

/** The incubatee of a space's roster (the roster's table, read only). */
export async function incubateeOf(db: DbOrTx, spaceId: string, id: string) {
  const [row] = await db.select({ id: incubatees.id, name: incubatees.name, industry: incubatees.industry }).from(incubatees).where(and(eq(incubatees.id, id), eq(incubatees.spaceId, spaceId)));
  return row;
}

export async function insertRequest(tx: Tx, row: typeof financingRequests.$inferInsert): Promise<RequestRow> {
  const [r] = await tx.insert(financingRequests).values(row).returning();
  return r!;
}

export async function updateRequest(tx: Tx, id: string, patch: Partial<typeof financingRequests.$inferInsert>): Promise<void> {
  await tx
    .update(financingRequests)
    .set({ ...patch, revision: sql`${financingRequests.revision} + 1`, updatedAt: new Date() })
    .where(eq(financingRequests.id, id));
}

export async function investmentsOf(db: DbOrTx, requestId: string): Promise<InvestmentRow[]> {
  return db.select().from(financingInvestments).where(eq(financingInvestments.requestId, requestId)).orderBy(asc(financingInvestments.investedOn), asc(financingInvestments.createdAt));
}

export async function insertInvestment(tx: Tx, row: typeof financingInvestments.$inferInsert): Promise<InvestmentRow> {
  const [r] = await tx.insert(financingInvestments).values(row).returning();
  return r!;
}

// ---- figures ----

/**
 * Per space: its active funds (count and size, own and partner), the requests raised in the year,
 * the investments recorded with a date in the year (count, amount, by type) — one statement.
 */
export async function yearFigures(db: DbOrTx, year: number, spaceIds?: readonly string[]) {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const only = (col: string) =>
    spaceIds ? sql`and ${sql.raw(col)} in (${spaceIds.length ? sql.join(spaceIds.map((id) => sql`${id}::uuid`), sql`, `) : sql`null`})` : sql``;
  const res = (await db.execute(sql`
    with f as (
      select space_id, count(*)::int as funds, sum(size_yuan)::bigint as size,
        coalesce(sum(size_yuan) filter (where kind = 'own'), 0)::bigint as own_size
      from ${spaceFunds} where active ${only('space_id')} group by space_id),
    r as (
      select space_id, count(*)::int as requests, sum(amount_yuan)::bigint as requested
      from ${financingRequests}
      where ${inBeijingYear(sql`created_at`, year)} ${only('space_id')} group by space_id),
    i as (
      select q.space_id, count(*)::int as investments, count(distinct q.incubatee_id)::int as invested,
        sum(v.amount_yuan)::bigint as amount,
        coalesce(sum(v.amount_yuan) filter (where v.type = 'equity'), 0)::bigint as equity,
        coalesce(sum(v.amount_yuan) filter (where v.type = 'debt'), 0)::bigint as debt,
        coalesce(sum(v.amount_yuan) filter (where v.fund_id is not null), 0)::bigint as own_fund
      from ${financingInvestments} v join ${financingRequests} q on q.id = v.request_id
      where v.invested_on between ${from}::date and ${to}::date ${only('q.space_id')} group by q.space_id)
    select coalesce(f.space_id, r.space_id, i.space_id) as space_id,
      coalesce(f.funds, 0) as funds, coalesce(f.size, 0) as size, coalesce(f.own_size, 0) as own_size,
      coalesce(r.requests, 0) as requests, coalesce(r.requested, 0) as requested,
      coalesce(i.investments, 0) as investments, coalesce(i.invested, 0) as invested, coalesce(i.amount, 0) as amount,
      coalesce(i.equity, 0) as equity, coalesce(i.debt, 0) as debt, coalesce(i.own_fund, 0) as own_fund
    from f full join r on r.space_id = f.space_id full join i on i.space_id = coalesce(f.space_id, r.space_id)`)) as unknown as { rows: Record<string, unknown>[] };
  return res.rows;
}

// ---- the authority's view ----

const under = (path: string): SQL => or(eq(regions.path, path), sql`${regions.path} like ${`${path}/%`}`)!;
const filed = sql`exists (select 1 from ${filings} where ${filings.spaceId} = ${spaces.id} and ${filings.status} = 'active')`;
/** The filed, active spaces under a region path: the authority's jurisdiction. */
const jurisdiction = (path: string) => and(eq(spaces.status, 'active'), filed, under(path))!;
const raisedIn = (year: number) => inBeijingYear(financingRequests.createdAt, year);
/** 元 summed as 万元. */
const wanSum = (col: SQLWrapper) => sql<number>`(coalesce(sum(${col}), 0) / 10000.0)::float8`;

export const JURISDICTION_SORTS = ['spaceName', 'fundSize', 'requests', 'investments', 'invested'] as const;
export type JurisdictionSort = (typeof JURISDICTION_SORTS)[number];

/**
 * The filed spaces under a region path with their funds (active now: count, size, own funds' size),
 * the financing requests raised in a year (by their state now, amount asked) and the investments
 * dated in it (count, amount); a space with none of the three offers no financing service in the
 * year (000 §三.六). Each figure is grouped once over its table and joined per space: one statement
 * whatever the number of spaces, one more for the totals.
 */
export async function jurisdictionFigures(db: DbOrTx, path: string, year: number, noServiceOnly: boolean, sort: Sort<JurisdictionSort>, limit: number | null, offset: number) {
  const fundsOf = db
    .select({ spaceId: spaceFunds.spaceId, funds: sql<number>`count(*)::int`.as('funds'), sizeWan: wanSum(spaceFunds.sizeYuan).as('size_wan'), ownWan: sql<number>`(coalesce(sum(${spaceFunds.sizeYuan}) filter (where ${spaceFunds.kind} = 'own'), 0) / 10000.0)::float8`.as('own_wan') })
    .from(spaceFunds)
    .where(eq(spaceFunds.active, true))
    .groupBy(spaceFunds.spaceId)
    .as('funds_of');
  const raised = db
    .select({
      spaceId: financingRequests.spaceId,
      requests: sql<number>`count(*)::int`.as('requests'),
      open: sql<number>`(count(*) filter (where ${financingRequests.state} = 'open'))::int`.as('open'),
      funded: sql<number>`(count(*) filter (where ${financingRequests.state} = 'funded'))::int`.as('funded'),
      withdrawn: sql<number>`(count(*) filter (where ${financingRequests.state} = 'withdrawn'))::int`.as('withdrawn'),
      requestedWan: wanSum(financingRequests.amountYuan).as('requested_wan'),
    })
    .from(financingRequests)
    .where(raisedIn(year))
    .groupBy(financingRequests.spaceId)
    .as('raised');
  const invested = db
    .select({ spaceId: financingRequests.spaceId, investments: sql<number>`count(*)::int`.as('investments'), investedWan: wanSum(financingInvestments.amountYuan).as('invested_wan') })
    .from(financingInvestments)
    .innerJoin(financingRequests, eq(financingRequests.id, financingInvestments.requestId))
    .where(between(financingInvestments.investedOn, `${year}-01-01`, `${year}-12-31`))
    .groupBy(financingRequests.spaceId)
    .as('invested');
  const per = db
    .select({
      spaceId: sql<string>`${spaces.id}`.as('space_id'),
      spaceName: sql<string>`${spaces.name}`.as('space_name'),
      regionName: sql<string>`${regions.name}`.as('region_name'),
      funds: sql<number>`coalesce(${fundsOf.funds}, 0)`.as('n_funds'),
      fundSizeWan: sql<number>`coalesce(${fundsOf.sizeWan}, 0)`.as('n_fund_size_wan'),
      ownFundSizeWan: sql<number>`coalesce(${fundsOf.ownWan}, 0)`.as('n_own_fund_size_wan'),
      requests: sql<number>`coalesce(${raised.requests}, 0)`.as('n_requests'),
      open: sql<number>`coalesce(${raised.open}, 0)`.as('n_open'),
      funded: sql<number>`coalesce(${raised.funded}, 0)`.as('n_funded'),
      withdrawn: sql<number>`coalesce(${raised.withdrawn}, 0)`.as('n_withdrawn'),
      requestedWan: sql<number>`coalesce(${raised.requestedWan}, 0)`.as('n_requested_wan'),
      investments: sql<number>`coalesce(${invested.investments}, 0)`.as('n_investments'),
      investedWan: sql<number>`coalesce(${invested.investedWan}, 0)`.as('n_invested_wan'),
      noService: sql<boolean>`(${fundsOf.spaceId} is null and ${raised.spaceId} is null and ${invested.spaceId} is null)`.as('no_service'),
    })
    .from(spaces)
    .innerJoin(regions, eq(regions.code, spaces.regionCode))
    .leftJoin(fundsOf, eq(fundsOf.spaceId, spaces.id))
    .leftJoin(raised, eq(raised.spaceId, spaces.id))
    .leftJoin(invested, eq(invested.spaceId, spaces.id))
    .where(jurisdiction(path))
    .as('per');
  const columns = { spaceName: per.spaceName, fundSize: per.fundSizeWan, requests: per.requests, investments: per.investments, invested: per.investedWan };
  const page = db
    .select()
    .from(per)
    .where(noServiceOnly ? sql`${per.noService}` : undefined)
    .orderBy(...orderBy(columns, sort, [desc(per.investedWan), desc(per.fundSizeWan), asc(per.spaceName)], per.spaceId));
  const [rows, [totals]] = await Promise.all([
    limit === null ? page : page.limit(limit).offset(offset),
    db
      .select({
        spaces: sql<number>`count(*)::int`,
        noService: sql<number>`(count(*) filter (where ${per.noService}))::int`,
        funds: sql<number>`coalesce(sum(${per.funds}), 0)::int`,
        fundSizeWan: sql<number>`coalesce(sum(${per.fundSizeWan}), 0)::float8`,
        requests: sql<number>`coalesce(sum(${per.requests}), 0)::int`,
        requestedWan: sql<number>`coalesce(sum(${per.requestedWan}), 0)::float8`,
        investments: sql<number>`coalesce(sum(${per.investments}), 0)::int`,
        investedWan: sql<number>`coalesce(sum(${per.investedWan}), 0)::float8`,
      })
      .from(per),
  ]);
  return { rows, totals: totals!, filteredTotal: noServiceOnly ? totals!.noService : totals!.spaces };
}

/** The jurisdiction's financing requests raised in a year by state and round (count, 万元 asked): one statement, at most states × rounds rows. */
export async function jurisdictionRequests(db: DbOrTx, path: string, year: number) {
  return db
    .select({ state: financingRequests.state, round: financingRequests.round, requests: sql<number>`count(*)::int`, requestedWan: wanSum(financingRequests.amountYuan) })
    .from(financingRequests)
    .innerJoin(spaces, eq(spaces.id, financingRequests.spaceId))
    .innerJoin(regions, eq(regions.code, spaces.regionCode))
    .where(and(jurisdiction(path), raisedIn(year)))
    .groupBy(financingRequests.state, financingRequests.round);
}
