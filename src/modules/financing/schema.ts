import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { KEY_INDUSTRIES } from '../../shared/domain.ts';
import { users } from '../identity/schema.ts';
import { organisations } from '../orgs/schema.ts';
import { incubateeFinancings, incubatees } from '../roster/schema.ts';
import { spaces } from '../spaces/schema.ts';

/** 自有天使/种子基金 (the space's own) or 合作基金 (a partner's fund the space works with). */
export const FUND_KINDS = ['own', 'partner'] as const;
export type FundKind = (typeof FUND_KINDS)[number];

/** 机构 or 个人 (an angel). */
export const INVESTOR_TYPES = ['organisation', 'person'] as const;
export type InvestorType = (typeof INVESTOR_TYPES)[number];

/** 种子轮、天使轮、Pre-A、A 轮、B 轮、B 轮以后. */
export const ROUNDS = ['seed', 'angel', 'pre_a', 'a', 'b', 'later'] as const;
export type Round = (typeof ROUNDS)[number];

/** open → funded (an investment recorded) | withdrawn. */
export const REQUEST_STATES = ['open', 'funded', 'withdrawn'] as const;
export type RequestState = (typeof REQUEST_STATES)[number];

/** 股权 / 债权 / 其他. */
export const INVESTMENT_TYPES = ['equity', 'debt', 'other'] as const;
export type InvestmentType = (typeof INVESTMENT_TYPES)[number];

/** A fund of a space: its size is what the filing conditions read (002: 天使/种子基金). */
export const spaceFunds = pgTable(
  'space_funds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    spaceId: uuid('space_id')
      .notNull()
      .references(() => spaces.id),
    name: text('name').notNull(),
    kind: text('kind', { enum: FUND_KINDS }).notNull(),
    /** 元 (the API speaks 万元). */
    sizeYuan: bigint('size_yuan', { mode: 'number' }).notNull(),
    /** 基金管理人. */
    manager: text('manager').notNull(),
    /** 合作方, for a partner fund. */
    partner: text('partner'),
    since: date('since', { mode: 'string' }).notNull(),
    active: boolean('active').notNull().default(true),
    revision: integer('revision').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('space_funds_space_idx').on(t.spaceId, t.kind), check('space_funds_size_check', sql`${t.sizeYuan} > 0`)],
);

/** An investor registered on the platform: public fields only (no contact is kept). */
export const investors = pgTable(
  'investors',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    type: text('type', { enum: INVESTOR_TYPES }).notNull(),
    fields: text('fields', { enum: KEY_INDUSTRIES }).array().notNull(),
    intro: text('intro'),
    /** The organisation that registered it (an operator). */
    registeredByOrgId: uuid('registered_by_org_id')
      .notNull()
      .references(() => organisations.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('investors_fields_idx').using('gin', t.fields)],
);

/** An incubatee's financing request, raised by its space's operator. */
export const financingRequests = pgTable(
  'financing_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    spaceId: uuid('space_id')
      .notNull()
      .references(() => spaces.id),
    incubateeId: uuid('incubatee_id')
      .notNull()
      .references(() => incubatees.id),
    amountYuan: bigint('amount_yuan', { mode: 'number' }).notNull(),
    round: text('round', { enum: ROUNDS }).notNull(),
    /** 资金用途. */
    purpose: text('purpose').notNull(),
    field: text('field', { enum: KEY_INDUSTRIES }).notNull(),
    state: text('state', { enum: REQUEST_STATES }).notNull().default('open'),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    revision: integer('revision').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('financing_requests_space_idx').on(t.spaceId, t.state, t.createdAt), check('financing_requests_amount_check', sql`${t.amountYuan} > 0`)],
);

/** An investment recorded against a request; it flows into the roster's financing rounds (`rosterFinancingId`). */
export const financingInvestments = pgTable(
  'financing_investments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => financingRequests.id),
    investorId: uuid('investor_id').references(() => investors.id),
    fundId: uuid('fund_id').references(() => spaceFunds.id),
    /** The investor's or the fund's name at the time. */
    investorName: text('investor_name').notNull(),
    investedOn: date('invested_on', { mode: 'string' }).notNull(),
    amountYuan: bigint('amount_yuan', { mode: 'number' }).notNull(),
    type: text('type', { enum: INVESTMENT_TYPES }).notNull(),
    rosterFinancingId: uuid('roster_financing_id').references(() => incubateeFinancings.id, { onDelete: 'set null' }),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('financing_investments_request_idx').on(t.requestId, t.investedOn),
    check('financing_investments_amount_check', sql`${t.amountYuan} > 0`),
    check('financing_investments_source_check', sql`(${t.investorId} is null) <> (${t.fundId} is null)`),
  ],
);
