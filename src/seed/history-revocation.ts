/**
 * 动态管理 in the lived-in demo, through the returns module's actions: 辽宁 collected the statistics
 * returns of the two years before last, and the filed spaces that never handed them in were marked
 * missed at each due date — two in a row, so the platform raised a revocation proposal for each,
 * pending in 辽宁省科技厅's workbench (撤销建议).
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import type { AuditContext } from '../modules/audit/index.ts';
import { chains } from '../modules/chains/index.ts';
import { loadActor, users } from '../modules/identity/index.ts';
import { markMissedReturns, openRound, returnCatalogues } from '../modules/returns/index.ts';
import { annualReturnDue } from './history-returns.ts';
import { settlePastRound } from './past-rounds.ts';

const DAY_MS = 86_400_000;

export async function seedRevocationProposals(db: Db, year: number): Promise<void> {
  const [admin] = await db.select({ id: users.id }).from(users).where(eq(users.username, 'ln_admin'));
  const lnAdmin = (await loadActor(db, admin!.id, 'demo-seed'))!;
  const ctx: AuditContext = { actorUserId: lnAdmin.userId, actorUsername: lnAdmin.username, actorOrgId: lnAdmin.org.id, ip: null, requestId: null };
  const [catalogue] = await db.select({ id: returnCatalogues.id }).from(returnCatalogues).where(eq(returnCatalogues.status, 'published')).limit(1);
  const [chain] = await db.select({ id: chains.id }).from(chains).where(eq(chains.key, 'annual_return_city_province')).limit(1);
  for (const period of [year - 3, year - 2]) {
    const round = await openRound(db, lnAdmin, ctx, { cadence: 'annual', period: String(period), dueAt: new Date(Date.now() + DAY_MS), catalogueId: catalogue!.id, chainId: chain!.id });
    // As at its due date: the drafts left are missed (the second run raises the proposals).
    await markMissedReturns(db, { callId: round.id }, new Date(Date.now() + 2 * DAY_MS));
    await settlePastRound(db, round.id, annualReturnDue(period));
  }
}
