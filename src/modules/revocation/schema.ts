import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { filings } from '../filings/schema.ts';
import { users } from '../identity/schema.ts';
import { spaces } from '../spaces/schema.ts';
import { applications } from '../workflow/schema.ts';

/**
 * The grounds of a revocation (AFTER-FILING §3; 002 §四(二), 003 第十条, 002 §四.(一).3): two
 * consecutive failing evaluation years, two consecutive missed statistics returns, a fraud finding.
 */
export const REVOCATION_GROUNDS = ['two_failing_years', 'two_missed_returns', 'fraud'] as const;
export type RevocationGround = (typeof REVOCATION_GROUNDS)[number];

/** pending: raised, waiting for the authority; in_review: a revocation submission runs; revoked / dismissed: done. */
export const PROPOSAL_STATUSES = ['pending', 'in_review', 'revoked', 'dismissed'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

/** The levels a filing is given at (the proposal's filing's level decides who revokes it). */
export const FILING_LEVELS = ['city', 'province', 'national'] as const;
export type FilingLevel = (typeof FILING_LEVELS)[number];

/** One piece of evidence a proposal rests on, with where an authority reads it. */
export interface EvidenceRef {
  type: 'return' | 'grade' | 'credit_record' | 'application';
  id: string;
  /** "2025 年度统计报表（逾期未报）", "2024 年度评价：不合格". */
  label: string;
  year: number | null;
  /** The page of the platform showing it, or null. */
  link: string | null;
}

/** Why a proposal was raised: a sentence and the records behind it. */
export interface Evidence {
  summary: string;
  refs: EvidenceRef[];
}

/**
 * 撤销建议: raised by the platform from the rules (the returns' missed runs, the evaluation's grades,
 * a fraud finding) against one active filing of a space; the authority of the filing's level starts a
 * revocation submission from it (its evidence carried along) or dismisses it with a reason. At most
 * one open proposal per space, ground and filing level (a space failing at its city and at its
 * province has one for each title).
 */
export const revocationProposals = pgTable(
  'revocation_proposals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    spaceId: uuid('space_id')
      .notNull()
      .references(() => spaces.id),
    filingId: uuid('filing_id')
      .notNull()
      .references(() => filings.id),
    filingLevel: text('filing_level', { enum: FILING_LEVELS }).notNull(),
    ground: text('ground', { enum: REVOCATION_GROUNDS }).notNull(),
    evidence: jsonb('evidence').$type<Evidence>().notNull(),
    status: text('status', { enum: PROPOSAL_STATUSES }).notNull().default('pending'),
    /** The revocation submission started from it. */
    submissionId: uuid('submission_id').references(() => applications.id),
    /** Null: raised by the platform's rules (a job, a release). */
    raisedBy: uuid('raised_by').references(() => users.id),
    raisedAt: timestamp('raised_at', { withTimezone: true }).notNull().defaultNow(),
    closedBy: uuid('closed_by').references(() => users.id),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** Why it was dismissed, or the revocation's list (文号) when revoked. */
    closedNote: text('closed_note'),
  },
  (t) => [
    uniqueIndex('revocation_proposals_open_uq').on(t.spaceId, t.ground, t.filingLevel).where(sql`status in ('pending', 'in_review')`),
    index('revocation_proposals_status_idx').on(t.status, t.raisedAt),
    index('revocation_proposals_space_idx').on(t.spaceId),
  ],
);
