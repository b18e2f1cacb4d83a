import { boolean, date, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../identity/schema.ts';
import { spaces } from '../spaces/schema.ts';
import { applications } from '../workflow/schema.ts';

/**
 * What a change report may change (002 §四(二) "条件变化"): 名称, 运营主体, 依托单位, 地址/面积, 负责人,
 * 细分领域, 场地, 其他. Labels in CHANGE_FIELD_NAMES (fields.ts) and the web's `changes` namespace.
 */
export const CHANGE_FIELDS = ['name', 'operator', 'host', 'address_area', 'principal', 'sub_field', 'premises', 'other'] as const;
export type ChangeField = (typeof CHANGE_FIELDS)[number];

/** One changed field of a report: the value on record when the report was written (never typed by the filer) and the new one. */
export interface ChangeItem {
  field: ChangeField;
  before: string;
  after: string;
}

/** An evidence file attached to a report (uploaded through the files module, linked here). */
export interface EvidenceFile {
  fileId: string;
  fileName: string;
  sizeBytes: number;
  sha256: string;
}

/**
 * The payload of a change report (变更报告), a submission of kind `change_report` in the kernel's
 * submissions table (status, stage, round, revision live there); one row per submission.
 */
export const changeReports = pgTable(
  'change_reports',
  {
    submissionId: uuid('submission_id')
      .primaryKey()
      .references(() => applications.id, { onDelete: 'cascade' }),
    spaceId: uuid('space_id')
      .notNull()
      .references(() => spaces.id),
    items: jsonb('items').$type<ChangeItem[]>().notNull().default([]),
    /** The day the change took effect (Asia/Shanghai calendar date). */
    effectiveOn: date('effective_on', { mode: 'string' }),
    /** Effective date + one calendar month, clamped to the month's last day (due.ts). */
    dueOn: date('due_on', { mode: 'string' }),
    explanation: text('explanation').notNull().default(''),
    evidence: jsonb('evidence').$type<EvidenceFile[]>().notNull().default([]),
    /** Set at the first submission: handed in after `dueOn` (accepted, but flagged). */
    late: boolean('late').notNull().default(false),
  },
  (t) => [index('change_reports_space_idx').on(t.spaceId), index('change_reports_due_idx').on(t.dueOn)],
);

/**
 * The filed record's history: one row per field an approved change report applied, with the value
 * before and after. The newest row of a field that is not revoked is the field's value on record
 * (fields the registry holds — name, sub-field — are also written to the space). Append-only but
 * for `revokedAt`, set when the approval is reversed.
 */
export const spaceChangeHistory = pgTable(
  'space_change_history',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    spaceId: uuid('space_id')
      .notNull()
      .references(() => spaces.id),
    submissionId: uuid('submission_id')
      .notNull()
      .references(() => applications.id),
    field: text('field', { enum: CHANGE_FIELDS }).notNull(),
    before: text('before').notNull(),
    after: text('after').notNull(),
    effectiveOn: date('effective_on', { mode: 'string' }).notNull(),
    /** The released list (批复) that approved it. */
    listId: uuid('list_id').notNull(),
    appliedBy: uuid('applied_by').references(() => users.id),
    appliedAt: timestamp('applied_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedReason: text('revoked_reason'),
  },
  (t) => [index('space_change_history_space_idx').on(t.spaceId, t.appliedAt)],
);
