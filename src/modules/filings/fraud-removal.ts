import type { Tx } from '../../db/client.ts';
import * as repo from './repository.ts';

/** What the public list shows beside an entry struck out after a fraud finding (002 §四.(一).3). */
export const FRAUD_REMOVAL = '因弄虚作假撤销';

/**
 * Withdraws everything a fraud finding takes away from an application: its active filings are
 * cancelled and its entries on published lists are struck out, so the public list keeps showing the
 * space, marked "因弄虚作假撤销：<reason>". The caller (the fraud finding) holds the transaction and
 * writes the audit row and the notices; nothing here is visible before it commits.
 */
export async function cancelFilingsForFraud(tx: Tx, applicationId: string, reason: string): Promise<void> {
  const at = new Date();
  const removal = `${FRAUD_REMOVAL}：${reason}`;
  await repo.cancelActiveFilings(tx, applicationId, removal, at);
  await repo.removeListedEntries(tx, applicationId, removal, at);
}
