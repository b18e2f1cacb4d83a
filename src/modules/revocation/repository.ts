import { and, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client.ts';
import type { ApplicationStatus } from '../../shared/domain.ts';
import { orderBy, type Sort } from '../../shared/http/sorting.ts';
import { regions } from '../regions/schema.ts';
import { spaces } from '../spaces/schema.ts';
import { regionUnder } from '../workflow/index.ts';
import { applications } from '../workflow/schema.ts';
import { revocationProposals, type FilingLevel, type ProposalStatus, type RevocationGround } from './schema.ts';

/** All SQL of revocation proposals; the submissions themselves are the kernel's. */

export type ProposalRow = typeof revocationProposals.$inferSelect;

/** A new proposal, unless one is open for the space, ground and filing level (then undefined: the open one stands). */
export async function insertOpen(tx: Tx, row: typeof revocationProposals.$inferInsert): Promise<ProposalRow | undefined> {
  const [r] = await tx.insert(revocationProposals).values(row).onConflictDoNothing().returning();
  return r;
}

export async function findOpen(db: DbOrTx, spaceId: string, ground: RevocationGround, filingLevel: FilingLevel): Promise<ProposalRow | undefined> {
  const [r] = await db
    .select()
    .from(revocationProposals)
    .where(and(eq(revocationProposals.spaceId, spaceId), eq(revocationProposals.ground, ground), eq(revocationProposals.filingLevel, filingLevel), inArray(revocationProposals.status, ['pending', 'in_review'])));
  return r;
}

/**
 * Proposals whose revocation was not upheld (the submission rejected at a stage, blocked by an
 * objection, or its decision a rejection) are closed as dismissed, so a new ground may be raised.
 * The kernel tells a kind of its approvals only; this reads the submission's state instead.
 */
export async function closeNotUpheld(tx: Tx, spaceId: string, at: Date) {
  await tx
    .update(revocationProposals)
    .set({ status: 'dismissed', closedAt: at, closedNote: '撤销未获审定通过' })
    .where(
      and(
        eq(revocationProposals.spaceId, spaceId),
        eq(revocationProposals.status, 'in_review'),
        sql`exists (select 1 from applications a where a.id = ${revocationProposals.submissionId} and a.status in ('rejected', 'cancelled_for_fraud'))`,
      ),
    );
}

const columns = {
  proposal: revocationProposals,
  spaceName: spaces.name,
  regionName: regions.name,
  regionPath: regions.path,
  operatorOrgId: spaces.operatorOrgId,
  submissionStatus: applications.status,
  stageKey: applications.stageKey,
};
export type ProposalWithSpace = { proposal: ProposalRow; spaceName: string; regionName: string; regionPath: string; operatorOrgId: string; submissionStatus: ApplicationStatus | null; stageKey: string | null };

const withSpace = (db: DbOrTx) =>
  db
    .select(columns)
    .from(revocationProposals)
    .innerJoin(spaces, eq(spaces.id, revocationProposals.spaceId))
    .innerJoin(regions, eq(regions.code, spaces.regionCode))
    .leftJoin(applications, eq(applications.id, revocationProposals.submissionId));

export async function findWithSpace(db: DbOrTx, where: { id: string } | { submissionId: string }): Promise<ProposalWithSpace | undefined> {
  const [r] = await withSpace(db).where('id' in where ? eq(revocationProposals.id, where.id) : eq(revocationProposals.submissionId, where.submissionId));
  return r;
}

export async function lock(tx: Tx, id: string): Promise<ProposalRow | undefined> {
  const [r] = await tx.select().from(revocationProposals).where(eq(revocationProposals.id, id)).for('update');
  return r;
}

export async function update(db: DbOrTx, id: string, patch: Partial<typeof revocationProposals.$inferInsert>) {
  await db.update(revocationProposals).set(patch).where(eq(revocationProposals.id, id));
}

export async function findBySubmission(db: DbOrTx, submissionId: string): Promise<ProposalRow | undefined> {
  const [r] = await db.select().from(revocationProposals).where(eq(revocationProposals.submissionId, submissionId));
  return r;
}

/** The columns the proposals sort by. */
export const PROPOSAL_SORTS = ['raisedAt', 'space', 'region', 'ground', 'status'] as const;
export type ProposalSort = Sort<(typeof PROPOSAL_SORTS)[number]>;
const SORT_COLUMN = { raisedAt: revocationProposals.raisedAt, space: spaces.name, region: regions.name, ground: revocationProposals.ground, status: revocationProposals.status };

export interface ProposalFilter {
  withinPath: string;
  status?: ProposalStatus | undefined;
  ground?: RevocationGround | undefined;
  spaceId?: string | undefined;
  filingLevel?: FilingLevel | undefined;
}

const whereOf = (f: ProposalFilter): SQL =>
  and(
    regionUnder(f.withinPath),
    f.status ? eq(revocationProposals.status, f.status) : undefined,
    f.ground ? eq(revocationProposals.ground, f.ground) : undefined,
    f.spaceId ? eq(revocationProposals.spaceId, f.spaceId) : undefined,
    f.filingLevel ? eq(revocationProposals.filingLevel, f.filingLevel) : undefined,
  )!;

/** One page of the proposals of a jurisdiction and their total: two statements. */
export async function page(db: DbOrTx, f: ProposalFilter, sort: ProposalSort, pageNo: number, pageSize: number) {
  const [rows, [total]] = await Promise.all([
    withSpace(db)
      .where(whereOf(f))
      .orderBy(...orderBy(SORT_COLUMN, sort, [desc(revocationProposals.raisedAt)], revocationProposals.id))
      .limit(pageSize)
      .offset((pageNo - 1) * pageSize),
    db
      .select({ n: count() })
      .from(revocationProposals)
      .innerJoin(spaces, eq(spaces.id, revocationProposals.spaceId))
      .innerJoin(regions, eq(regions.code, spaces.regionCode))
      .where(whereOf(f)),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/** Pending proposals within a jurisdiction against filings of one level: how many and the oldest few (two statements). */
export async function pendingWithin(db: DbOrTx, path: string, filingLevel: FilingLevel, items: number) {
  const filter = { withinPath: path, status: 'pending' as const, filingLevel };
  return page(db, filter, { sort: 'raisedAt', order: 'asc' }, 1, items);
}

/** Every proposal of a space, newest first (its timeline). */
export function ofSpace(db: DbOrTx, spaceId: string): Promise<ProposalRow[]> {
  return db.select().from(revocationProposals).where(eq(revocationProposals.spaceId, spaceId)).orderBy(desc(revocationProposals.raisedAt));
}
