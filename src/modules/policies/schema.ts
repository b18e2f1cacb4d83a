import { sql } from 'drizzle-orm';
import { check, date, index, integer, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { AUTHORITY_LEVELS } from '../../shared/domain.ts';
import { users } from '../identity/schema.ts';
import { organisations } from '../orgs/schema.ts';
import { regions } from '../regions/schema.ts';

/** 政策文件 or 政策解读 (an interpretation is linked to the policy it explains). */
export const POLICY_KINDS = ['policy', 'interpretation'] as const;
export type PolicyKind = (typeof POLICY_KINDS)[number];

/** 有效 / 失效 / 废止 / 修订 (the State Council library's 时效). */
export const POLICY_VALIDITIES = ['effective', 'expired', 'repealed', 'revised'] as const;
export type PolicyValidity = (typeof POLICY_VALIDITIES)[number];

/** Draft (its authority's staff only) → published (public, final but for its validity). */
export const POLICY_STATUSES = ['draft', 'published'] as const;
export type PolicyStatus = (typeof POLICY_STATUSES)[number];

/** Who a policy is addressed to. */
export const POLICY_TARGETS = ['maker_space', 'professional_space', 'incubator', 'incubatee', 'maker_team', 'host', 'authority'] as const;
export type PolicyTarget = (typeof POLICY_TARGETS)[number];

/** 主题分类 of the policy library (the State Council's 科技、教育 / 科技 branch and neighbours). */
export const POLICY_THEMES = ['innovation', 'maker_space', 'incubation', 'finance', 'tax', 'talent', 'ip', 'industry', 'management'] as const;
export type PolicyTheme = (typeof POLICY_THEMES)[number];

/** The kinds of support a policy defines (the support register's categories). */
export const SUPPORT_CATEGORIES = ['rent', 'construction', 'operating', 'event', 'award', 'tax', 'finance', 'talent', 'other'] as const;
export type SupportCategory = (typeof SUPPORT_CATEGORIES)[number];

/** How a subscription is told of a new policy: in-app only, or in-app and by mail to the account's address. */
export const SUBSCRIPTION_CHANNELS = ['in_app', 'in_app_mail'] as const;
export type SubscriptionChannel = (typeof SUBSCRIPTION_CHANNELS)[number];

export const policies = pgTable(
  'policies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: POLICY_KINDS }).notNull().default('policy'),
    /** The policy an interpretation explains. */
    interpretsId: uuid('interprets_id').references((): AnyPgColumn => policies.id),
    title: text('title').notNull(),
    /** 索引号 */
    indexNo: text('index_no'),
    /** 主题分类 */
    themes: text('themes', { enum: POLICY_THEMES }).array().notNull().default(sql`'{}'::text[]`),
    /** 发文机关, as printed on the document (may differ from the publishing authority). */
    issuer: text('issuer').notNull(),
    /** 成文日期 */
    writtenOn: date('written_on', { mode: 'string' }),
    /** 发文字号 */
    docNo: text('doc_no'),
    /** 发布日期 */
    issuedOn: date('issued_on', { mode: 'string' }),
    /** 主题词 */
    keywords: text('keywords').array().notNull().default(sql`'{}'::text[]`),
    validity: text('validity', { enum: POLICY_VALIDITIES }).notNull().default('effective'),
    validFrom: date('valid_from', { mode: 'string' }),
    /** The day it stopped being in force (expired, repealed or revised). */
    validUntil: date('valid_until', { mode: 'string' }),
    /** The policy that revised or repealed this one. */
    replacedById: uuid('replaced_by_id').references((): AnyPgColumn => policies.id),
    /** A draft that on publication revises or repeals this policy. */
    replacesId: uuid('replaces_id').references((): AnyPgColumn => policies.id),
    replaceAs: text('replace_as', { enum: ['revised', 'repealed'] }),
    level: text('level', { enum: AUTHORITY_LEVELS }).notNull(),
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    /** The authority that keeps this record in the library. */
    authorityOrgId: uuid('authority_org_id')
      .notNull()
      .references(() => organisations.id),
    targets: text('targets', { enum: POLICY_TARGETS }).array().notNull().default(sql`'{}'::text[]`),
    /** Sanitised HTML: paragraphs, emphasis, lists, small headings. */
    body: text('body').notNull(),
    /**
     * Title, 发文字号, 发文机关, 主题词 and the body as plain text: what the trigram index searches.
     * Stored MAIN (0070; Drizzle cannot declare a column's storage): kept in the row, where a
     * search reads it for every match.
     */
    searchText: text('search_text').notNull(),
    attachmentFileIds: uuid('attachment_file_ids').array().notNull().default(sql`'{}'::uuid[]`),
    status: text('status', { enum: POLICY_STATUSES }).notNull().default('draft'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    revision: integer('revision').notNull().default(1),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('policies_public_idx').on(t.status, t.issuedOn),
    index('policies_region_idx').on(t.regionCode, t.status),
    index('policies_interprets_idx').on(t.interpretsId),
    index('policies_search_trgm').using('gin', sql`${t.searchText} gin_trgm_ops`),
    check('policies_interpretation_check', sql`(${t.kind} = 'interpretation') = (${t.interpretsId} is not null)`),
  ],
);

/** A support a policy defines: the legal basis the support register cites. */
export const policySupportItems = pgTable(
  'policy_support_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    policyId: uuid('policy_id')
      .notNull()
      .references(() => policies.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    category: text('category', { enum: SUPPORT_CATEGORIES }).notNull(),
    title: text('title').notNull(),
    /** 上限（万元）; null when the policy sets none. */
    capWan: numeric('cap_wan', { precision: 12, scale: 2 }),
    /** The period the cap applies to, as the policy words it (每年, 三年内, 一次性…). */
    period: text('period'),
    clause: text('clause'),
  },
  (t) => [uniqueIndex('policy_support_items_position_uq').on(t.policyId, t.position)],
);

/** A signed-in user's standing search: keywords, themes, a region. */
export const policySubscriptions = pgTable(
  'policy_subscriptions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    keywords: text('keywords').array().notNull().default(sql`'{}'::text[]`),
    themes: text('themes', { enum: POLICY_THEMES }).array().notNull().default(sql`'{}'::text[]`),
    regionCode: text('region_code').references(() => regions.code),
    channel: text('channel', { enum: SUBSCRIPTION_CHANNELS }).notNull().default('in_app'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('policy_subscriptions_user_idx').on(t.userId)],
);

/** One notice (in-app, and the mail of a mail subscription) per subscription and policy, however often matching is run. */
export const policySubscriptionHits = pgTable(
  'policy_subscription_hits',
  {
    subscriptionId: uuid('subscription_id')
      .notNull()
      .references(() => policySubscriptions.id, { onDelete: 'cascade' }),
    policyId: uuid('policy_id')
      .notNull()
      .references(() => policies.id),
    notifiedAt: timestamp('notified_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.subscriptionId, t.policyId] })],
);
