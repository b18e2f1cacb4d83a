import { date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { applications } from '../workflow/schema.ts';
import type { ChecklistVerdict } from '../../shared/chains.ts';
import { calls } from '../calls/schema.ts';
import { users } from '../identity/schema.ts';
import { organisations } from '../orgs/schema.ts';
import { spaces } from '../spaces/schema.ts';

/**
 * A decision at a decision stage: recorded pending, released together with others as a list. A
 * reversal supersedes a released decision (the old row keeps `supersededBy`); a withdrawn acceptance
 * (a reopened statistics return) is superseded by nothing (`supersededBy` null).
 */
export const decisions = pgTable(
  'decisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    /**
     * The application's call and space, copied from it by a trigger on every insert, whatever the
     * insert said, and kept in step if the application's ever change (migration 0064; the kernel
     * never changes them). A stage's decisions list reads only its own call's and stage's decisions
     * through `decisions_call_stage_idx` and reaches the spaces without reading the applications,
     * as wide as the dossier: at national size the list read all 2,982 applications of the call
     * for the 1,817 decisions it shows (BENCHMARKS.md, issue 12).
     */
    callId: uuid('call_id')
      .notNull()
      .references(() => calls.id),
    spaceId: uuid('space_id')
      .notNull()
      .references(() => spaces.id),
    stageKey: text('stage_key').notNull(),
    outcome: text('outcome', { enum: ['approve', 'reject'] }).notNull(),
    reason: text('reason').notNull(),
    /** A verdict and note on every checklist item of the stage (001 §三.2 "严禁审核走过场"). */
    checklist: jsonb('checklist').$type<ChecklistVerdict[]>().notNull().default([]),
    status: text('status', { enum: ['pending', 'released', 'superseded'] }).notNull().default('pending'),
    listId: uuid('list_id'),
    supersededBy: uuid('superseded_by'),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }).notNull().defaultNow(),
    releasedAt: timestamp('released_at', { withTimezone: true }),
  },
  (t) => [
    index('decisions_app_idx').on(t.applicationId),
    // A stage's decisions list reads a stage's decisions with what it filters on from the index alone,
    // instead of the whole table (wide with reasons and checklists: 72 ms for 98,000 rows at national size).
    index('decisions_stage_idx').on(t.stageKey, t.applicationId, t.status, t.listId),
    // The decisions list of a call's stage in its default order (newest release first, pending ones
    // first of all), so a page stops after its rows; the count reads the range from the index alone.
    index('decisions_call_stage_idx').on(
      t.callId,
      t.stageKey,
      t.releasedAt.desc().nullsFirst(),
      t.decidedAt.desc().nullsFirst(),
      t.id,
      t.status,
      t.listId,
      t.spaceId,
      t.applicationId,
    ),
    // At most one pending or released decision per application and stage.
    uniqueIndex('decisions_current_uq').on(t.applicationId, t.stageKey).where(sql`status <> 'superseded'`),
  ],
);

/** 备案名单 (kind filing) or a stage's 推荐名单 (kind recommendation), published with 文号 and date. */
export const filingLists = pgTable(
  'filing_lists',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    callId: uuid('call_id')
      .notNull()
      .references(() => calls.id),
    stageKey: text('stage_key').notNull(),
    authorityOrgId: uuid('authority_org_id')
      .notNull()
      .references(() => organisations.id),
    kind: text('kind', { enum: ['filing', 'recommendation'] }).notNull(),
    level: text('level', { enum: ['city', 'province', 'national'] }).notNull(),
    title: text('title').notNull(),
    documentNumber: text('document_number').notNull(),
    issuedOn: date('issued_on').notNull(),
    publishedBy: uuid('published_by').references(() => users.id),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
    /**
     * The kind of the list's call, copied by a trigger when the list is inserted (a call's kind never
     * changes), and how many entries the list has, kept by statement triggers on its entries
     * (migration 0058): the public lists filter, count and sort on them without reading calls and
     * entries, so the page costs the same for 30 lists or 3,000.
     */
    callKind: text('call_kind'),
    entryCount: integer('entry_count').notNull().default(0),
  },
  (t) => [
    index('filing_lists_published_idx').on(t.publishedAt),
    index('filing_lists_public_idx').on(t.callKind, t.issuedOn.desc().nullsFirst(), t.publishedAt.desc().nullsFirst(), t.id.desc().nullsFirst()).where(sql`entry_count > 0`),
  ],
);

/** A space on a published list; a reversal marks the entry removed (with reason) or adds one. */
export const filingListEntries = pgTable(
  'filing_list_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    listId: uuid('list_id')
      .notNull()
      .references(() => filingLists.id),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    spaceId: uuid('space_id')
      .notNull()
      .references(() => spaces.id),
    spaceName: text('space_name').notNull(),
    operatorName: text('operator_name').notNull(),
    regionName: text('region_name').notNull(),
    status: text('status', { enum: ['listed', 'removed'] }).notNull().default('listed'),
    removedReason: text('removed_reason'),
    changedAt: timestamp('changed_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('filing_list_entries_uq').on(t.listId, t.applicationId)],
);

/** 备案: a space's filed status at one level. */
export const filings = pgTable(
  'filings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    spaceId: uuid('space_id')
      .notNull()
      .references(() => spaces.id),
    level: text('level', { enum: ['city', 'province', 'national'] }).notNull(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    listId: uuid('list_id')
      .notNull()
      .references(() => filingLists.id),
    filedAt: timestamp('filed_at', { withTimezone: true }).notNull().defaultNow(),
    status: text('status', { enum: ['active', 'cancelled'] }).notNull().default('active'),
    cancelledReason: text('cancelled_reason'),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
  },
  (t) => [
    index('filings_space_idx').on(t.spaceId),
    uniqueIndex('filings_active_uq').on(t.spaceId, t.level).where(sql`status = 'active'`),
  ],
);
