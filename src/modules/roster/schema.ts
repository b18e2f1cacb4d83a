import { sql } from 'drizzle-orm';
import { bigint, boolean, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';
import { files } from '../files/schema.ts';
import { users } from '../identity/schema.ts';
import { spaces } from '../spaces/schema.ts';
import { KEY_INDUSTRIES } from '../../shared/domain.ts';

/** 团队 / 企业: a team not yet registered, or a registered enterprise (USCC). */
export const INCUBATEE_KINDS = ['team', 'enterprise'] as const;
export type IncubateeKind = (typeof INCUBATEE_KINDS)[number];

/** 入驻 → 毕业 | 退出 | 迁出 | 注销/吊销 (AFTER-FILING §2). */
export const INCUBATEE_STATUSES = ['resident', 'graduated', 'exited', 'moved', 'deregistered'] as const;
export type IncubateeStatus = (typeof INCUBATEE_STATUSES)[number];

/** 创业者类型 of the Torch return: 大学生 / 科技人员 / 留学归国 / 大企业高管离职 / 外籍 / 连续创业 — they overlap. */
export const FOUNDER_TYPES = ['student', 'researcher', 'returnee', 'executive', 'foreign', 'serial'] as const;
export type FounderType = (typeof FOUNDER_TYPES)[number];

/** 社会投资 / 空间自身投资 (the two 其中 items of 获得投资总额). */
export const FINANCING_KINDS = ['social', 'own'] as const;
export type FinancingKind = (typeof FINANCING_KINDS)[number];

/** 创业苗圃 → 众创空间 → 孵化器 → 加速器 → 专业园区 (000 §四.四; 002 §三(三)). */
export const CHAIN_PLACES = ['nursery', 'maker_space', 'incubator', 'accelerator', 'industrial_park'] as const;
export type ChainPlace = (typeof CHAIN_PLACES)[number];

/** A partner carrier of the chain: an outside one by name, or a space on the platform. */
export interface ChainPartner {
  name: string;
  place: ChainPlace;
  spaceId?: string | null;
}

/** 在孵团队/企业: one row per team or enterprise in one space. */
export const incubatees = pgTable(
  'incubatees',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    spaceId: uuid('space_id')
      .notNull()
      .references(() => spaces.id),
    kind: text('kind', { enum: INCUBATEE_KINDS }).notNull(),
    name: text('name').notNull(),
    /** Once registered; the key the incubation chain follows across spaces. */
    uscc: varchar('uscc', { length: 18 }),
    entryDate: date('entry_date', { mode: 'string' }).notNull(),
    /** 入驻协议, uploaded first through POST /api/files by the space's operator. */
    agreementFileId: uuid('agreement_file_id').references(() => files.id),
    industry: text('industry', { enum: KEY_INDUSTRIES }),
    subField: text('sub_field'),
    founderTypes: text('founder_types', { enum: FOUNDER_TYPES }).array().notNull().default(sql`'{}'::text[]`),
    /** 吸纳就业人员 (人). */
    jobs: integer('jobs').notNull().default(0),
    /** 其中应届大学毕业生 (人). */
    graduatesHired: integer('graduates_hired').notNull().default(0),
    /** 拥有有效知识产权 (件). */
    validIp: integer('valid_ip').notNull().default(0),
    /** 其中发明专利 (件). */
    inventionPatents: integer('invention_patents').notNull().default(0),
    /** 新注册企业: registered while in the space, on `registeredOn`. */
    newlyRegistered: boolean('newly_registered').notNull().default(false),
    registeredOn: date('registered_on', { mode: 'string' }),
    /** Founder's contact, personal data: masked for everyone but the space's operator. */
    contactName: text('contact_name'),
    contactMobile: text('contact_mobile'),
    status: text('status', { enum: INCUBATEE_STATUSES }).notNull().default('resident'),
    /** Date of the current status (the entry date while resident). */
    statusDate: date('status_date', { mode: 'string' }).notNull(),
    /** The day it left the roster (graduated, exited, moved or deregistered while resident); stays when a graduate is later deregistered. */
    leftOn: date('left_on', { mode: 'string' }),
    /** Where a moved enterprise went: a carrier's name (the platform link follows the USCC). */
    movedTo: text('moved_to'),
    /**
     * An incubatee of the space's host incubator (依托孵化器的在孵企业) rather than of the space: a space
     * built on an incubator is evaluated in a separately drawn scope without them (003 第十条
     * "严格划定范围，单独进行，不重复交叉"); the evaluation's roster figures leave these rows out.
     */
    hostIncubatee: boolean('host_incubatee').notNull().default(false),
    revision: integer('revision').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // A space's roster by entry date (the survival cohorts are kept apart, in `incubatee_cohorts`).
    index('incubatees_cohort_idx').on(t.spaceId, t.entryDate, t.status, t.statusDate),
    index('incubatees_uscc_idx').on(t.uscc),
    // A jurisdiction's rosters in their default order (entry date, newest or oldest first) and by
    // name: a page walks the index and stops, instead of sorting a country's million entries.
    index('incubatees_entry_date_idx').on(t.entryDate),
    index('incubatees_name_idx').on(t.name),
    // By status or jobs: the column and its tie-breakers in one index, walked either way (roster/repository.ts `list`).
    index('incubatees_status_order_idx').on(t.status, t.name, t.id),
    index('incubatees_jobs_order_idx').on(t.jobs, t.name, t.id),
  ],
);

/**
 * The survival counts of every entry-year cohort of a space, kept by statement triggers on
 * `incubatees` (migration 0025): each insert, update or delete adds its rows' counts grouped by
 * space and year (set-based, from the statement's transition tables), so a province's cohorts are
 * summed from a few thousand rows instead of counted over its hundred thousand incubatees on every
 * request. A row's counts depend on the row alone: deregistration is the only status that ends
 * survival, so alive by the end of Y+k is "not deregistered on or before Y+k-12-31".
 */
export const incubateeCohorts = pgTable(
  'incubatee_cohorts',
  {
    spaceId: uuid('space_id')
      .notNull()
      .references(() => spaces.id, { onDelete: 'cascade' }),
    entryYear: integer('entry_year').notNull(),
    entrants: integer('entrants').notNull(),
    alive1: integer('alive1').notNull(),
    alive3: integer('alive3').notNull(),
  },
  (t) => [primaryKey({ columns: [t.spaceId, t.entryYear] })],
);

/**
 * The incubation chain's flows (孵化链条流向, issue 17), kept by statement triggers on `incubatees`
 * (migration 0060) like the cohorts above, so a dashboard sums a few thousand rows instead of walking
 * a country's 1.2 million incubatees. Leavers: the rows that left a space (`left_on` set), counted in
 * the year they left under their present status — a graduate later deregistered counts as
 * deregistered, as the row keeps no other trace of how it left.
 */
export const incubateeFlows = pgTable(
  'incubatee_flows',
  {
    spaceId: uuid('space_id')
      .notNull()
      .references(() => spaces.id, { onDelete: 'cascade' }),
    year: integer('year').notNull(),
    status: text('status', { enum: INCUBATEE_STATUSES }).notNull(),
    leavers: integer('leavers').notNull(),
  },
  (t) => [primaryKey({ columns: [t.spaceId, t.year, t.status] })],
);

/**
 * The same leavers summed per region of the spaces' region paths (the district and every region
 * above it, the national root included), kept from `incubatee_flows` by statement triggers on it and
 * on `spaces` (a space moved to another district) (migration 0062; since 0063 the generic
 * `region_rollup` triggers): a dashboard above the district level reads its child regions' rows — a
 * few hundred for the country — instead of summing every space's (321,000 rows at national size).
 */
export const incubateeFlowRegions = pgTable(
  'incubatee_flow_regions',
  {
    regionCode: varchar('region_code', { length: 6 }).notNull(),
    year: integer('year').notNull(),
    status: text('status', { enum: INCUBATEE_STATUSES }).notNull(),
    leavers: integer('leavers').notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.year, t.status] })],
);

/** The survival cohorts (`incubatee_cohorts`) per region of path, kept like the leavers above (migration 0063). */
export const incubateeCohortRegions = pgTable(
  'incubatee_cohort_regions',
  {
    regionCode: varchar('region_code', { length: 6 }).notNull(),
    entryYear: integer('entry_year').notNull(),
    entrants: integer('entrants').notNull(),
    alive1: integer('alive1').notNull(),
    alive3: integer('alive3').notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.entryYear] })],
);

/**
 * Moves along the chain: an enterprise's roster row in one space followed (by entry date) by the
 * same USCC's next row in another space, counted in the year it entered the next one. The spaces'
 * chain places are read at query time from `space_chain_places`, so declaring a place needs no
 * recount. A change to one row can change the pairs of every row of its USCC, so the trigger
 * recomputes the pairs of the USCCs a statement touched, before and after, and adds the difference.
 */
export const incubateeMoves = pgTable(
  'incubatee_moves',
  {
    fromSpaceId: uuid('from_space_id')
      .notNull()
      .references(() => spaces.id, { onDelete: 'cascade' }),
    toSpaceId: uuid('to_space_id')
      .notNull()
      .references(() => spaces.id, { onDelete: 'cascade' }),
    year: integer('year').notNull(),
    moves: integer('moves').notNull(),
  },
  (t) => [primaryKey({ columns: [t.fromSpaceId, t.toSpaceId, t.year] }), index('incubatee_moves_to_idx').on(t.toSpaceId)],
);

/** Financing rounds an incubatee received (获得投资). */
export const incubateeFinancings = pgTable(
  'incubatee_financings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    incubateeId: uuid('incubatee_id')
      .notNull()
      .references(() => incubatees.id, { onDelete: 'cascade' }),
    receivedOn: date('received_on', { mode: 'string' }).notNull(),
    /** Integer 元; rendered in 万元 or 千元 by the form that shows it. */
    amountYuan: bigint('amount_yuan', { mode: 'number' }).notNull(),
    investor: text('investor').notNull(),
    kind: text('kind', { enum: FINANCING_KINDS }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('incubatee_financings_incubatee_idx').on(t.incubateeId, t.receivedOn)],
);

/** Every status change of an incubatee, in order (the audit log holds the same with its seal). */
export const incubateeStatusEvents = pgTable(
  'incubatee_status_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    incubateeId: uuid('incubatee_id')
      .notNull()
      .references(() => incubatees.id, { onDelete: 'cascade' }),
    fromStatus: text('from_status', { enum: INCUBATEE_STATUSES }),
    toStatus: text('to_status', { enum: INCUBATEE_STATUSES }).notNull(),
    effectiveOn: date('effective_on', { mode: 'string' }).notNull(),
    note: text('note'),
    actorUserId: uuid('actor_user_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('incubatee_status_events_incubatee_idx').on(t.incubateeId, t.createdAt)],
);

/** A space's place in the incubation chain and its partner carriers. */
export const spaceChainPlaces = pgTable('space_chain_places', {
  spaceId: uuid('space_id')
    .primaryKey()
    .references(() => spaces.id),
  place: text('place', { enum: CHAIN_PLACES }).notNull(),
  partners: jsonb('partners').$type<ChainPartner[]>().notNull().default([]),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
