import type { SubmissionKind } from '../workflow/index.ts';
import { REVOCATION_KIND, revokeApprovedInTx, undoRevocationInTx } from './service.ts';

/**
 * 撤销备案: started from a revocation proposal by the level that gave the filing, it moves through
 * that province's or city's standing call (check → public notice → decision); the released approval is the 撤销名单 and ends
 * the filing, a reversal restores it.
 */
export const revocationKind: SubmissionKind = {
  kind: REVOCATION_KIND,
  name: { zh: '撤销备案', en: 'revocation' },
  objectType: 'revocation',
  link: ({ id }) => `/app/revocations/${id}?by=submission`,
  verdicts: { approved: '撤销备案', rejected: '不予撤销' },
  approvedInTx: revokeApprovedInTx,
  revokedInTx: undoRevocationInTx,
};
