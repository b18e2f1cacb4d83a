import { sql } from 'drizzle-orm';
import { check, date, index, integer, numeric, pgTable, text, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import { users } from '../identity/schema.ts';
import { organisations } from '../orgs/schema.ts';
import { policies, policySupportItems, SUPPORT_CATEGORIES } from '../policies/schema.ts';
import { regions } from '../regions/schema.ts';
import { spaces } from '../spaces/schema.ts';
import { applications } from '../workflow/schema.ts';

/** Who received a support, seen from the space it was given for. */
export const BENEFICIARY_ROLES = ['operator', 'host', 'incubatee'] as const;
export type BeneficiaryRole = (typeof BENEFICIARY_ROLES)[number];

/**
 * Where a support stands in its disclosure (004 §四.十四 "扶持情况要上网公示"): recorded (draft), on a
 * public notice, published after it (kept ≥ 10 years, never deleted), blocked by an upheld objection,
 * or withdrawn by its grantor before publication.
 */
export const SUPPORT_STATUSES = ['draft', 'on_notice', 'published', 'blocked', 'withdrawn'] as const;
export type SupportStatus = (typeof SUPPORT_STATUSES)[number];

export const PAYMENT_STATES = ['planned', 'paid', 'partly_paid', 'suspended', 'recovered'] as const;
export type PaymentState = (typeof PAYMENT_STATES)[number];

/**
 * 扶持记录: one support a department granted, with its legal basis (a policy's support item), its
 * beneficiary (by USCC) and the space it was given for, the months it covers and the cost evidence it
 * rests on. Disclosure runs through the workflow kernel: `submissionId` is the support's submission
 * (kind `support`) once it is proposed for notice. The duplicate checks (AFTER-FILING §6, D1–D6) read
 * the category, USCC, space, covered months, invoice and contract numbers and amounts from here.
 * Stored with fillfactor 80 (migration 0067) so the scans' mass updates of `open_alerts` stay on
 * their page and skip the indexes.
 */
export const supports = pgTable(
  'supports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    submissionId: uuid('submission_id').references(() => applications.id),
    /** The granting department (an authority, or another department registered as an organisation). */
    grantorOrgId: uuid('grantor_org_id')
      .notNull()
      .references(() => organisations.id),
    /** The grantor's region (its jurisdiction), for scoping lists by the region tree. */
    grantorRegionCode: text('grantor_region_code')
      .notNull()
      .references(() => regions.code),
    policyId: uuid('policy_id').references(() => policies.id),
    supportItemId: uuid('support_item_id').references(() => policySupportItems.id),
    category: text('category', { enum: SUPPORT_CATEGORIES }).notNull(),
    beneficiaryUscc: varchar('beneficiary_uscc', { length: 18 }).notNull(),
    beneficiaryName: text('beneficiary_name').notNull(),
    beneficiaryRole: text('beneficiary_role', { enum: BENEFICIARY_ROLES }).notNull(),
    /** The organisation of that USCC when the platform knows it (operator, host). */
    beneficiaryOrgId: uuid('beneficiary_org_id').references(() => organisations.id),
    spaceId: uuid('space_id')
      .notNull()
      .references(() => spaces.id),
    /** The space's region (copied at recording), for scoping and aggregates by the region tree. */
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    projectTitle: text('project_title').notNull(),
    projectCode: text('project_code'),
    /** The covered period, first and last day (inclusive). */
    periodFrom: date('period_from', { mode: 'string' }).notNull(),
    periodTo: date('period_to', { mode: 'string' }).notNull(),
    /** Cost basis: invoice and contract numbers, normalised (trimmed, upper case). */
    invoiceNos: text('invoice_nos').array().notNull().default(sql`'{}'::text[]`),
    contractNos: text('contract_nos').array().notNull().default(sql`'{}'::text[]`),
    /** Cost basis of a rent or construction support: m² × months. */
    areaM2: numeric('area_m2', { precision: 12, scale: 2 }),
    months: integer('months'),
    amountYuan: numeric('amount_yuan', { precision: 14, scale: 2 }).notNull(),
    grantedOn: date('granted_on', { mode: 'string' }).notNull(),
    paymentState: text('payment_state', { enum: PAYMENT_STATES }).notNull().default('planned'),
    status: text('status', { enum: SUPPORT_STATUSES }).notNull().default('draft'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    /**
     * How many open duplicate-support alerts name it, kept by a trigger on `support_alerts`
     * (migration 0056) so the dashboards sum the alerted supports with the grants instead of
     * looking up every open alert's supports on each request.
     */
    openAlerts: integer('open_alerts').notNull().default(0),
    /** The Excel import that recorded it, if any. */
    importBatchId: uuid('import_batch_id'),
    revision: integer('revision').notNull().default(1),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('supports_submission_uq').on(t.submissionId).where(sql`${t.submissionId} is not null`),
    index('supports_uscc_category_idx').on(t.beneficiaryUscc, t.category, t.periodFrom),
    index('supports_space_category_idx').on(t.spaceId, t.category, t.periodFrom),
    index('supports_grantor_idx').on(t.grantorOrgId, t.status, t.grantedOn),
    index('supports_region_idx').on(t.regionCode, t.status, t.grantedOn),
    index('supports_published_idx').on(t.status, t.publishedAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index('supports_invoice_nos_idx').using('gin', t.invoiceNos),
    index('supports_contract_nos_idx').using('gin', t.contractNos),
    check('supports_period_check', sql`${t.periodFrom} <= ${t.periodTo}`),
    check('supports_amount_check', sql`${t.amountYuan} > 0`),
    check('supports_uscc_check', sql`${t.beneficiaryUscc} ~ '^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$'`),
  ],
);
