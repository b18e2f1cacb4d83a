import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import { chains } from '../chains/schema.ts';
import { ruleSets } from '../criteria/schema.ts';
import { users } from '../identity/schema.ts';
import { organisations } from '../orgs/schema.ts';
import { regions } from '../regions/schema.ts';
import { CALL_LEVELS, type CallLevel } from '../../shared/domain.ts';

/** Re-exported so the schema stays the one place the server imports its vocabularies from. */
export { CALL_LEVELS, type CallLevel };

/** A material the applicant must (or may) upload, e.g. 营业执照, 场地证明/租赁合同, 推荐函. */
export interface MaterialSlot {
  /** Stable within the call, e.g. `business_licence`. */
  key: string;
  name: string;
  required: boolean;
  description?: string;
}

/**
 * A standing call never closes: its submissions (change reports, revocations, support disclosures)
 * come whenever the event happens. This closing instant is what marks a call standing.
 */
export const STANDING_UNTIL_ISO = '2099-12-31T16:00:00Z';

/** 申报批次: one authority's yearly call for its jurisdiction. Times are UTC instants (Asia/Shanghai in the UI). */
export const calls = pgTable(
  'calls',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    level: text('level', { enum: CALL_LEVELS }).notNull(),
    year: integer('year').notNull(),
    authorityOrgId: uuid('authority_org_id')
      .notNull()
      .references(() => organisations.id),
    /** The authority's region: who may apply (spaces within it). */
    regionCode: varchar('region_code', { length: 6 })
      .notNull()
      .references(() => regions.code),
    opensAt: timestamp('opens_at', { withTimezone: true }).notNull(),
    closesAt: timestamp('closes_at', { withTimezone: true }).notNull(),
    eligibleCategories: jsonb('eligible_categories').$type<('regular' | 'professional')[]>().notNull(),
    /** The pinned rule set version (criteria); null until one is chosen. */
    ruleSetId: uuid('rule_set_id').references(() => ruleSets.id),
    materialSlots: jsonb('material_slots').$type<MaterialSlot[]>().notNull(),
    /** The pinned, published review chain version (chains); null until one is chosen, required to publish. */
    chainId: uuid('chain_id').references(() => chains.id),
    /** Published call documents (notice, forms), as file ids. */
    documentFileIds: jsonb('document_file_ids').$type<string[]>().notNull().default([]),
    description: text('description'),
    /**
     * What its submissions are (a kind registered with the workflow kernel): `filing` for 备案申报;
     * later annual returns, change reports, evaluations, support disclosures.
     */
    kind: text('kind').notNull().default('filing'),
    status: text('status', { enum: ['draft', 'published', 'cancelled'] }).notNull().default('draft'),
    revision: integer('revision').notNull().default(1),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
  },
  (t) => [
    index('calls_region_idx').on(t.regionCode),
    index('calls_status_idx').on(t.status, t.closesAt),
    // One published standing call per kind, region, chain and authority: the advisory lock of
    // `standingCallInTx` keeps concurrent first submissions to one, this keeps it so whatever writes.
    // Filing calls are left out: an authority may set any closing time on its own.
    uniqueIndex('calls_standing_uq')
      .on(t.kind, t.regionCode, t.chainId, t.authorityOrgId)
      .where(sql.raw(`status = 'published' and kind <> 'filing' and closes_at = '${STANDING_UNTIL_ISO}'`)),
  ],
);
