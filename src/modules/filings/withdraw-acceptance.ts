import type { Tx } from '../../db/client.ts';
import * as repo from './repository.ts';

/** What the published list shows beside an accepted submission taken back for revision. */
export const REOPEN_REMOVAL = '重新开放修改';

/**
 * Withdraws the acceptance of a submission its authority reopens (a statistics return): its released
 * decisions are superseded by nothing, so the decision stage can decide it afresh after the
 * resubmission, and its entries on published lists are struck out with the reason. The caller (the
 * kind's reopening) holds the transaction and writes the transition, the audit row and the notices.
 */
export async function withdrawAcceptance(tx: Tx, applicationId: string, reason: string): Promise<{ decisions: number; entries: number }> {
  const [withdrawn, removed] = [await repo.withdrawReleased(tx, applicationId), await repo.removeListedEntries(tx, applicationId, `${REOPEN_REMOVAL}：${reason}`, new Date())];
  return { decisions: withdrawn.length, entries: removed.length };
}
