import type { DbOrTx, Tx } from '../../db/client.ts';
import { AppError } from '../../shared/errors.ts';
import * as repo from './repository.ts';

/**
 * How a filing ends and comes back: struck out for fraud (an application's filings and list
 * entries), or ended by a revocation and restored when the revocation is reversed.
 */

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

/**
 * The filing a revocation would end. Given the level whose findings ground it (the authority that
 * graded the space 不合格), that level's active filing: a space filed by its city and its province is
 * graded by each, and a city's two failing years say nothing of the provincial title. Without one
 * (missed returns, fraud), the provincial filing, else the city one. A national filing is the
 * ministry's and never answered.
 */
export function filingToRevoke(db: DbOrTx, spaceId: string, level?: repo.FilingRow['level']) {
  return repo.activeFilingsOf(db, spaceId).then((rows) => {
    if (level) return level === 'province' || level === 'city' ? rows.find((f) => f.level === level) : undefined;
    return rows.find((f) => f.level === 'province') ?? rows.find((f) => f.level === 'city');
  });
}

/**
 * Ends one filing (a revocation released, 002 §四(二) / 003 第十条): it is cancelled with `removal` as
 * its reason and its entry on the list that gave it is struck out with the same words, so the public
 * list keeps the space, marked removed. Nothing happens to a filing already ended. The caller holds
 * the transaction and writes the audit row.
 */
export async function endFilingInTx(tx: Tx, filingId: string, removal: string, at: Date): Promise<repo.FilingRow | undefined> {
  const ended = await repo.cancelFiling(tx, filingId, removal, at);
  if (ended) await repo.setEntriesOfList(tx, ended.applicationId, ended.listId, { status: 'removed', removedReason: removal, changedAt: at });
  return ended;
}

/** Undoes `endFilingInTx` (its revocation reversed): the filing is active again and listed again; 409 when the space was filed at that level anew meanwhile. */
export async function restoreFilingInTx(tx: Tx, filingId: string, at: Date): Promise<void> {
  const filing = await repo.findFiling(tx, filingId);
  if (!filing || filing.status === 'active') return;
  if (await repo.activeFiling(tx, filing.spaceId, filing.level))
    throw new AppError('DUPLICATE', { zh: '该众创空间已重新备案，不能恢复被撤销的备案', en: 'The space was filed again meanwhile; the revoked filing cannot be restored' });
  await repo.reactivateFiling(tx, filingId);
  await repo.setEntriesOfList(tx, filing.applicationId, filing.listId, { status: 'listed', removedReason: null, changedAt: at });
}
