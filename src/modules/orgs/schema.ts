import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import { regions } from '../regions/schema.ts';

export const ORG_KINDS = [
  'operator',
  'host',
  'authority',
  'recommending_unit',
  'intake_agency',
  'expert_body',
  'maker_team',
  'platform',
] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

export const AUTHORITY_LEVELS = ['county', 'city', 'province', 'national'] as const;
export type AuthorityLevel = (typeof AUTHORITY_LEVELS)[number];

export const HOST_TYPES = [
  'leading_enterprise',
  'high_tech_enterprise',
  'research_institute',
  'university',
  'new_rnd_institution',
  'incubator',
  'university_science_park',
] as const;
export type HostType = (typeof HOST_TYPES)[number];

/** Recommending units are city bureaus or national high-tech zone committees (001 §三). */
export const RECOMMENDER_TYPES = ['city_bureau', 'hitech_zone_committee'] as const;

export const organisations = pgTable(
  'organisations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    kind: text('kind', { enum: ORG_KINDS }).notNull(),
    /** Only for authorities: the level of government. */
    authorityLevel: text('authority_level', { enum: AUTHORITY_LEVELS }),
    /** Only for hosts. */
    hostType: text('host_type', { enum: HOST_TYPES }),
    /** Only for recommending units. */
    recommenderType: text('recommender_type', { enum: RECOMMENDER_TYPES }),
    /** 统一社会信用代码 (GB 32100), validated by `isValidUscc`. */
    uscc: varchar('uscc', { length: 18 }),
    /** Where the organisation sits; for authorities also the root of their jurisdiction. */
    regionCode: varchar('region_code', { length: 6 })
      .notNull()
      .references(() => regions.code),
    status: text('status', { enum: ['active', 'disabled'] }).notNull().default('active'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('organisations_uscc_uq').on(t.uscc).where(sql`${t.uscc} is not null`),
    index('organisations_region_idx').on(t.regionCode),
  ],
);
