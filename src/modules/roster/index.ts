/**
 * The roster module's public surface: other modules and the app layer import from here only. The
 * incubatee roster (在孵企业) of each space, its place in the incubation chain, survival cohorts,
 * and the figures the statistics return is prefilled from.
 */
export { rosterFigures, type RosterFigures } from './figures.ts';
export { exportRoster, importRoster } from './excel.ts';
export { abilities as rosterAbilities } from './policy.ts';
export { Cohort as SurvivalCohort, rosterRoutes, SurvivalFormula } from './routes.ts';
export type { IncubateeInput } from './rules.ts';
export { addFinancing, changeStatus, cohortSurvival, createIncubatee, recordFinancingInTx, setChainPlace, survival, SURVIVAL_FORMULA, type FinancingInput } from './service.ts';
export { CHAIN_PLACES, incubateeFinancings, incubatees, incubateeStatusEvents, spaceChainPlaces, type ChainPlace } from './schema.ts';

import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { incubatees as incubateeTable } from './schema.ts';

/**
 * How many teams and enterprises each space incubates now (resident, the host incubator's own left
 * out), in one statement: the denominator of ratios such as 002 §二(六)'s mentors per incubatee.
 */
export async function residentCounts(db: DbOrTx, spaceIds: readonly string[]): Promise<Map<string, number>> {
  const out = new Map(spaceIds.map((id) => [id, 0]));
  if (!spaceIds.length) return out;
  const rows = await db
    .select({ spaceId: incubateeTable.spaceId, n: sql<number>`count(*)::int` })
    .from(incubateeTable)
    .where(and(inArray(incubateeTable.spaceId, [...spaceIds]), eq(incubateeTable.status, 'resident'), eq(incubateeTable.hostIncubatee, false)))
    .groupBy(incubateeTable.spaceId);
  for (const r of rows) out.set(r.spaceId, r.n);
  return out;
}
