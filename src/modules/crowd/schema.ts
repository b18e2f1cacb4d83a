import { sql } from 'drizzle-orm';
import { bigint, check, date, index, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid, integer } from 'drizzle-orm/pg-core';
import { KEY_INDUSTRIES } from '../../shared/domain.ts';
import { users } from '../identity/schema.ts';
import { organisations } from '../orgs/schema.ts';
import { spaces } from '../spaces/schema.ts';

/**
 * Who owns the intellectual property of an accepted solution (000 §四.五 众包): 归属发包方 (the host),
 * 归属解题方 (the maker team), 共有, 许可 (the solver keeps it and licenses the host).
 */
export const IP_TERMS = ['issuer', 'solver', 'shared', 'licence'] as const;
export type IpTerms = (typeof IP_TERMS)[number];

/** draft → open → judging → awarded; closed ends it without an award (see transitions.ts). */
export const CHALLENGE_STATES = ['draft', 'open', 'judging', 'awarded', 'closed'] as const;
export type ChallengeState = (typeof CHALLENGE_STATES)[number];

/** A crowd challenge of a space's host, published by the space's operator. */
export const crowdChallenges = pgTable(
  'crowd_challenges',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    spaceId: uuid('space_id')
      .notNull()
      .references(() => spaces.id),
    title: text('title').notNull(),
    field: text('field', { enum: KEY_INDUSTRIES }).notNull(),
    /** The problem as the host states it. */
    description: text('description').notNull(),
    deliverables: text('deliverables').notNull(),
    ipTerms: text('ip_terms', { enum: IP_TERMS }).notNull(),
    /** 保密要求: what solvers must keep confidential (public: it is a term of the call). */
    confidentiality: text('confidentiality').notNull(),
    /** 奖金 (元). */
    rewardYuan: bigint('reward_yuan', { mode: 'number' }).notNull(),
    /** The last day (Beijing) solutions are accepted. */
    deadline: date('deadline', { mode: 'string' }).notNull(),
    state: text('state', { enum: CHALLENGE_STATES }).notNull().default('draft'),
    closeReason: text('close_reason'),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    judgingAt: timestamp('judging_at', { withTimezone: true }),
    awardedAt: timestamp('awarded_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    revision: integer('revision').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('crowd_challenges_space_idx').on(t.spaceId, t.state, t.createdAt),
    index('crowd_challenges_public_idx').on(t.state, t.deadline),
    check('crowd_challenges_reward_check', sql`${t.rewardYuan} >= 0`),
  ],
);

/** The panel of a challenge: the accounts the space chose to score its solutions. */
export const crowdPanel = pgTable(
  'crowd_panel',
  {
    challengeId: uuid('challenge_id')
      .notNull()
      .references(() => crowdChallenges.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.challengeId, t.userId] }), index('crowd_panel_user_idx').on(t.userId)],
);

/** A maker team's solution to a challenge (one per team): its content is private to the team and the panel; the space's operator sees its outline (policy.ts). */
export const crowdSolutions = pgTable(
  'crowd_solutions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    challengeId: uuid('challenge_id')
      .notNull()
      .references(() => crowdChallenges.id),
    makerOrgId: uuid('maker_org_id')
      .notNull()
      .references(() => organisations.id),
    submittedBy: uuid('submitted_by')
      .notNull()
      .references(() => users.id),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    /** Uploaded first through POST /api/files by the team. */
    fileIds: uuid('file_ids').array().notNull().default(sql`'{}'::uuid[]`),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('crowd_solutions_team_uq').on(t.challengeId, t.makerOrgId), index('crowd_solutions_org_idx').on(t.makerOrgId, t.submittedAt)],
);

/** One panel member's score of one solution (0–100), changeable until the award. */
export const crowdScores = pgTable(
  'crowd_scores',
  {
    solutionId: uuid('solution_id')
      .notNull()
      .references(() => crowdSolutions.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    score: smallint('score').notNull(),
    comment: text('comment'),
    scoredAt: timestamp('scored_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.solutionId, t.userId] }), check('crowd_scores_range_check', sql`${t.score} between 0 and 100`)],
);

/**
 * The award of a challenge (one per challenge), announced publicly: the winning team's name as it
 * was at the award, the reward, and the IP terms the accepted solution is bound by.
 */
export const crowdAwards = pgTable(
  'crowd_awards',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    challengeId: uuid('challenge_id')
      .notNull()
      .references(() => crowdChallenges.id),
    solutionId: uuid('solution_id')
      .notNull()
      .references(() => crowdSolutions.id),
    teamName: text('team_name').notNull(),
    rewardYuan: bigint('reward_yuan', { mode: 'number' }).notNull(),
    ipTerms: text('ip_terms', { enum: IP_TERMS }).notNull(),
    note: text('note'),
    awardedBy: uuid('awarded_by')
      .notNull()
      .references(() => users.id),
    awardedAt: timestamp('awarded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('crowd_awards_challenge_uq').on(t.challengeId)],
);
