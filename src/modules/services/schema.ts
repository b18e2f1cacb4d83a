import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, index, integer, pgTable, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../identity/schema.ts';
import { organisations } from '../orgs/schema.ts';
import { spaces } from '../spaces/schema.ts';

/**
 * The professional services a space offers (004 §一: 工业设计、检验检测、模型加工、知识产权、专利标准、
 * 中试生产、产品推广; 000 §三.二: 供应链/市场对接、投融资).
 */
export const SERVICE_KINDS = ['industrial_design', 'testing', 'model_making', 'intellectual_property', 'patent_standard', 'pilot_production', 'promotion', 'supply_chain', 'financing'] as const;
export type ServiceKind = (typeof SERVICE_KINDS)[number];

/** 固定价格 (amount stated), 面议/报价 (the operator quotes each order), 免费. */
export const PRICE_BASES = ['fixed', 'quote', 'free'] as const;
export type PriceBasis = (typeof PRICE_BASES)[number];

/** requested → quoted → accepted → delivered → rated; declined and cancelled end it early (see transitions.ts). */
export const ORDER_STATES = ['requested', 'quoted', 'accepted', 'delivered', 'rated', 'declined', 'cancelled'] as const;
export type OrderState = (typeof ORDER_STATES)[number];

/** One service of a space's catalogue. */
export const spaceServices = pgTable(
  'space_services',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    spaceId: uuid('space_id')
      .notNull()
      .references(() => spaces.id),
    name: text('name').notNull(),
    kind: text('kind', { enum: SERVICE_KINDS }).notNull(),
    description: text('description').notNull(),
    priceBasis: text('price_basis', { enum: PRICE_BASES }).notNull(),
    /** 分 (integer); set for a fixed price only. */
    priceFen: bigint('price_fen', { mode: 'number' }),
    /** 交付周期 (天): the usual days from acceptance to delivery. */
    leadDays: integer('lead_days').notNull(),
    active: boolean('active').notNull().default(true),
    revision: integer('revision').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('space_services_space_idx').on(t.spaceId, t.kind),
    index('space_services_kind_idx').on(t.kind, t.active),
    check('space_services_price_check', sql`(${t.priceBasis} = 'fixed') = (${t.priceFen} is not null)`),
  ],
);

/** One order of a service by a maker team; the state changes only through transitions.ts. */
export const serviceOrders = pgTable(
  'service_orders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    serviceId: uuid('service_id')
      .notNull()
      .references(() => spaceServices.id),
    /** The service's space, kept on the order for the space's queue. */
    spaceId: uuid('space_id')
      .notNull()
      .references(() => spaces.id),
    requesterOrgId: uuid('requester_org_id')
      .notNull()
      .references(() => organisations.id),
    requesterUserId: uuid('requester_user_id')
      .notNull()
      .references(() => users.id),
    state: text('state', { enum: ORDER_STATES }).notNull().default('requested'),
    requestNote: text('request_note').notNull(),
    /** The operator's quote: amount in 分 and the promised delivery date. */
    quotedFen: bigint('quoted_fen', { mode: 'number' }),
    dueOn: date('due_on', { mode: 'string' }),
    quoteNote: text('quote_note'),
    /** The delivery: files attached through the files module and/or a note. */
    deliveryNote: text('delivery_note'),
    deliveryFileIds: uuid('delivery_file_ids').array().notNull().default(sql`'{}'::uuid[]`),
    rating: smallint('rating'),
    ratingComment: text('rating_comment'),
    /** Why it was declined or cancelled. */
    closeReason: text('close_reason'),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
    quotedAt: timestamp('quoted_at', { withTimezone: true }),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    ratedAt: timestamp('rated_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    revision: integer('revision').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('service_orders_queue_idx').on(t.spaceId, t.state, t.requestedAt),
    index('service_orders_requester_idx').on(t.requesterOrgId, t.requestedAt),
    index('service_orders_income_idx').on(t.spaceId, t.deliveredAt),
    check('service_orders_rating_check', sql`${t.rating} is null or ${t.rating} between 1 and 5`),
  ],
);

/** Every move of an order, in order: the order's timeline (the audit log holds the same, sealed). */
export const serviceOrderEvents = pgTable(
  'service_order_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => serviceOrders.id, { onDelete: 'cascade' }),
    action: text('action').notNull(),
    fromState: text('from_state', { enum: ORDER_STATES }),
    toState: text('to_state', { enum: ORDER_STATES }).notNull(),
    note: text('note'),
    actorUserId: uuid('actor_user_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('service_order_events_order_idx').on(t.orderId, t.createdAt)],
);
