import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { applications } from '../workflow/schema.ts';
import { calls } from '../calls/schema.ts';
import { files } from '../files/schema.ts';
import { users } from '../identity/schema.ts';
import { organisations } from '../orgs/schema.ts';

/** 公示: an authority's public notice of applications, open to objections until `endsAt`. Stays published after. */
export const publicNotices = pgTable(
  'public_notices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    authorityOrgId: uuid('authority_org_id')
      .notNull()
      .references(() => organisations.id),
    callId: uuid('call_id')
      .notNull()
      .references(() => calls.id),
    stageKey: text('stage_key').notNull(),
    title: text('title').notNull(),
    /** The notice text (plain paragraphs); contact for objections included by the authority. */
    body: text('body').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    /** published: running or ended with objections pending; concluded: every entry moved on or was blocked. */
    status: text('status', { enum: ['published', 'concluded'] }).notNull().default('published'),
    createdBy: uuid('created_by').references(() => users.id),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
    concludedAt: timestamp('concluded_at', { withTimezone: true }),
  },
  (t) => [
    index('public_notices_call_idx').on(t.callId),
    index('public_notices_ends_idx').on(t.status, t.endsAt),
    // The public notice list, newest first (repository.ts `listNotices`): a page is read off the
    // index instead of sorting every notice of the country.
    index('public_notices_published_idx').on(t.publishedAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    // An authority's own notices, newest first (the same list filtered by authority).
    index('public_notices_authority_published_idx').on(t.authorityOrgId, t.publishedAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
  ],
);

/** One application on a notice, as the public sees it (no personal data: names of space, operator, region). */
export const noticeEntries = pgTable(
  'notice_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    noticeId: uuid('notice_id')
      .notNull()
      .references(() => publicNotices.id),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    position: integer('position').notNull(),
    spaceName: text('space_name').notNull(),
    operatorName: text('operator_name').notNull(),
    regionName: text('region_name').notNull(),
    /** pending while the notice runs; cleared (moved on) or blocked (an objection was upheld). */
    outcome: text('outcome', { enum: ['pending', 'cleared', 'blocked'] }).notNull().default('pending'),
  },
  (t) => [uniqueIndex('notice_entries_uq').on(t.noticeId, t.applicationId)],
);

/** 异议: filed by anyone during the notice under real name; seen and handled by the authority only. */
export const objections = pgTable(
  'objections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    noticeId: uuid('notice_id')
      .notNull()
      .references(() => publicNotices.id),
    entryId: uuid('entry_id')
      .notNull()
      .references(() => noticeEntries.id),
    name: text('name').notNull(),
    contact: text('contact').notNull(),
    grounds: text('grounds').notNull(),
    evidenceFileId: uuid('evidence_file_id').references(() => files.id),
    status: text('status', { enum: ['open', 'upheld', 'dismissed'] }).notNull().default('open'),
    investigationNote: text('investigation_note'),
    resultReason: text('result_reason'),
    handledBy: uuid('handled_by').references(() => users.id),
    handledAt: timestamp('handled_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('objections_notice_idx').on(t.noticeId, t.status)],
);
