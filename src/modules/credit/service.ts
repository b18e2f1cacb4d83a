import type { DbOrTx } from '../../db/client.ts';
import * as repo from './repository.ts';

export type { CreditRecord } from './repository.ts';

/**
 * The credit record banning `orgId` from applying at `at` (002 §四.(一).3: two years from the
 * finding), or undefined. Submission refuses while one runs.
 */
export function activeBan(db: DbOrTx, orgId: string, at: Date = new Date()): Promise<repo.CreditRecord | undefined> {
  return repo.activeBan(db, orgId, at);
}

/**
 * An organisation's credit records, newest first. No actor: the fraud-finding endpoints (a later
 * issue) decide who may see them before calling this.
 */
export async function listRecords(db: DbOrTx, orgId: string, page = 1, pageSize = 20) {
  const { items, total } = await repo.listByOrg(db, orgId, page, pageSize);
  return { items, total, page, pageSize };
}
