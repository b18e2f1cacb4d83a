/**
 * The services module's set-based reads for others: a statistics return's period figures, the
 * space desk's open orders on the workbench, and an authority's orders and income by month. Each is
 * one SQL statement whatever the number of spaces and orders.
 */
import { and, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { regions } from '../regions/index.ts';
import { spaces } from '../spaces/index.ts';
import { serviceOrders, spaceServices } from './schema.ts';
import { INCOME_STATES } from './transitions.ts';
import { beijingYearBounds } from '../../shared/beijing-time.ts';

const iso = (d: Date) => d.toISOString();
const under = (path: string): SQL => or(eq(regions.path, path), sql`${regions.path} like ${`${path}/%`}`)!;
const earning = sql`${serviceOrders.state} in (${sql.join(INCOME_STATES.map((s) => sql`${s}`), sql`, `)})`;

export interface ServicePeriodFigures {
  /** Orders received (requested) in the period. */
  ordersRequested: number;
  /** Orders delivered in the period (and not since undone). */
  ordersDelivered: number;
  /** 服务收入: the quoted amounts of the orders delivered in the period (分). */
  incomeFen: number;
}

/**
 * Per space, its orders over [from, to): for the spaces that list at least one service on the
 * platform only (a space without a catalogue has no order figures, not zeros).
 */
export async function servicePeriodFigures(db: DbOrTx, spaceIds: readonly string[], period: { from: Date; to: Date }): Promise<Map<string, ServicePeriodFigures>> {
  if (!spaceIds.length) return new Map();
  const from = sql`${iso(period.from)}::timestamptz`;
  const to = sql`${iso(period.to)}::timestamptz`;
  const delivered = sql`${earning} and ${serviceOrders.deliveredAt} >= ${from} and ${serviceOrders.deliveredAt} < ${to}`;
  const rows = await db
    .select({
      spaceId: spaces.id,
      requested: sql<number>`(count(${serviceOrders.id}) filter (where ${serviceOrders.requestedAt} >= ${from} and ${serviceOrders.requestedAt} < ${to}))::int`,
      delivered: sql<number>`(count(${serviceOrders.id}) filter (where ${delivered}))::int`,
      incomeFen: sql<string>`coalesce(sum(${serviceOrders.quotedFen}) filter (where ${delivered}), 0)::text`,
    })
    .from(spaces)
    .leftJoin(serviceOrders, eq(serviceOrders.spaceId, spaces.id))
    .where(and(inArray(spaces.id, [...spaceIds]), sql`exists (select 1 from ${spaceServices} where ${spaceServices.spaceId} = ${spaces.id})`))
    .groupBy(spaces.id);
  return new Map(rows.map((r) => [r.spaceId, { ordersRequested: r.requested, ordersDelivered: r.delivered, incomeFen: Number(r.incomeFen) }]));
}

export interface ServiceDeskLoad {
  /** Orders waiting for the space: requested (to quote or decline) and accepted (to deliver). */
  toQuote: number;
  toDeliver: number;
  /** Quoted, waiting for the requester. */
  quoted: number;
}

/** The open orders of the spaces an operator runs, for its workbench: one statement. */
export async function serviceDeskLoad(db: DbOrTx, operatorOrgId: string): Promise<ServiceDeskLoad> {
  const [r] = await db
    .select({
      toQuote: sql<number>`(count(*) filter (where ${serviceOrders.state} = 'requested'))::int`,
      toDeliver: sql<number>`(count(*) filter (where ${serviceOrders.state} = 'accepted'))::int`,
      quoted: sql<number>`(count(*) filter (where ${serviceOrders.state} = 'quoted'))::int`,
    })
    .from(serviceOrders)
    .innerJoin(spaces, eq(spaces.id, serviceOrders.spaceId))
    .where(and(eq(spaces.operatorOrgId, operatorOrgId), inArray(serviceOrders.state, ['requested', 'quoted', 'accepted'])));
  return { toQuote: r?.toQuote ?? 0, toDeliver: r?.toDeliver ?? 0, quoted: r?.quoted ?? 0 };
}

export interface ServiceMonth {
  month: number;
  ordersRequested: number;
  ordersDelivered: number;
  incomeFen: number;
}

/** Orders received and delivered and service income of a jurisdiction's spaces by month of a Shanghai year: one statement. */
export async function serviceMonths(db: DbOrTx, regionPath: string, year: number): Promise<ServiceMonth[]> {
  const { from, to } = beijingYearBounds(year);
  const monthOf = (col: SQL) => sql`(case when extract(year from ${col} at time zone 'Asia/Shanghai') = ${year} then extract(month from ${col} at time zone 'Asia/Shanghai')::int end)`;
  const rows = await db
    .select({
      month: sql<number>`m.month`,
      requested: sql<number>`(count(o.id) filter (where o.requested_month = m.month))::int`,
      delivered: sql<number>`(count(o.id) filter (where o.delivered_month = m.month and o.earning))::int`,
      incomeFen: sql<string>`coalesce(sum(o.quoted_fen) filter (where o.delivered_month = m.month and o.earning), 0)::text`,
    })
    .from(sql`generate_series(1, 12) as m(month)`)
    .leftJoin(
      sql`(select ${serviceOrders.id} as id, ${serviceOrders.quotedFen} as quoted_fen, ${earning} as earning,
             ${monthOf(sql`${serviceOrders.requestedAt}`)} as requested_month, ${monthOf(sql`${serviceOrders.deliveredAt}`)} as delivered_month
           from ${serviceOrders} join ${spaces} on ${spaces.id} = ${serviceOrders.spaceId} join ${regions} on ${regions.code} = ${spaces.regionCode}
           where ${under(regionPath)}
             and (${serviceOrders.requestedAt} >= ${from}::timestamptz or ${serviceOrders.deliveredAt} >= ${from}::timestamptz)
             and ${serviceOrders.requestedAt} < ${to}::timestamptz) o`,
      sql`o.requested_month = m.month or o.delivered_month = m.month`,
    )
    .groupBy(sql`m.month`)
    .orderBy(sql`m.month`);
  return rows.map((r) => ({ month: Number(r.month), ordersRequested: r.requested, ordersDelivered: r.delivered, incomeFen: Number(r.incomeFen) }));
}
