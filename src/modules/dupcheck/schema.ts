import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import { users } from '../identity/schema.ts';
import { organisations } from '../orgs/schema.ts';
import { spaces } from '../spaces/schema.ts';

/** The duplicate checks of AFTER-FILING §6. */
export const DUP_RULES = ['D1', 'D2', 'D3', 'D4', 'D5', 'D6'] as const;
export type DupRule = (typeof DUP_RULES)[number];

/**
 * Where an alert stands: open until a granting reviewer disposes of it — 误报 (false alarm), 合理
 * (justified, with its basis), 追回 (recover), 暂停 (suspend) —, or lapsed when a later scan no longer
 * finds the facts (a support withdrawn, a period corrected). A disposed alert is re-opened only when
 * a scan finds its facts changed.
 */
export const ALERT_STATES = ['open', 'false_alarm', 'justified', 'recover', 'suspend', 'lapsed'] as const;
export type AlertState = (typeof ALERT_STATES)[number];
export const DISPOSITIONS = ['false_alarm', 'justified', 'recover', 'suspend'] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

/**
 * 关联主体: two USCCs an authority records as one undertaking (a parent and its subsidiary, a
 * company and the foundation it set up…), with the reason. The pair is kept in order (a < b).
 */
export const entityLinks = pgTable(
  'entity_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    usccA: varchar('uscc_a', { length: 18 }).notNull(),
    usccB: varchar('uscc_b', { length: 18 }).notNull(),
    reason: text('reason').notNull(),
    recordedByOrgId: uuid('recorded_by_org_id')
      .notNull()
      .references(() => organisations.id),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('entity_links_pair_uq').on(t.usccA, t.usccB),
    index('entity_links_b_idx').on(t.usccB),
    check('entity_links_order_check', sql`${t.usccA} < ${t.usccB}`),
  ],
);

/**
 * 重复扶持预警: one finding of one rule about one pair of supports (D1–D3, D5), one support that took
 * a group over a cap (D4), or one accepted statistics return (D6). `pairKey` (rule and the ids in
 * order) is unique, so a re-scan updates the alert it found before instead of adding one.
 * `supportIds`, `grantorOrgIds` and `regionCodes` (grantors' and spaces' regions) are copied at the
 * scan so a list is scoped without joining the register; `fingerprint` is the hash of the
 * explanation (of D3's filed-area figures only whether the pair exceeds it), which tells a re-scan
 * whether the facts changed since a disposition.
 */
export const supportAlerts = pgTable(
  'support_alerts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    rule: text('rule', { enum: DUP_RULES }).notNull(),
    pairKey: text('pair_key').notNull(),
    supportIds: uuid('support_ids').array().notNull(),
    returnId: uuid('return_id'),
    spaceId: uuid('space_id').references(() => spaces.id),
    grantorOrgIds: uuid('grantor_org_ids').array().notNull(),
    regionCodes: text('region_codes').array().notNull(),
    explanation: jsonb('explanation').$type<Record<string, unknown>>().notNull(),
    fingerprint: text('fingerprint').notNull(),
    state: text('state', { enum: ALERT_STATES }).notNull().default('open'),
    basis: text('basis'),
    disposedBy: uuid('disposed_by').references(() => users.id),
    disposedByOrgId: uuid('disposed_by_org_id').references(() => organisations.id),
    disposedAt: timestamp('disposed_at', { withTimezone: true }),
    detectedAt: timestamp('detected_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    reopenedAt: timestamp('reopened_at', { withTimezone: true }),
    revision: integer('revision').notNull().default(1),
  },
  (t) => [
    uniqueIndex('support_alerts_pair_uq').on(t.pairKey),
    index('support_alerts_support_ids_idx').using('gin', t.supportIds),
    index('support_alerts_grantors_idx').using('gin', t.grantorOrgIds),
    index('support_alerts_regions_idx').using('gin', t.regionCodes),
    index('support_alerts_state_idx').on(t.state, t.detectedAt.desc(), t.id.desc()),
  ],
);
