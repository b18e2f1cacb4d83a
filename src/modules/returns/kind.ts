import type { SubmissionKind } from '../workflow/index.ts';
import { acceptReturnInTx, RETURN_KIND, revokeAcceptanceInTx } from './service.ts';

/**
 * 统计报表: a filed space's return moves up its round's review chain; a released approval at the
 * last stage accepts it (locked from then on), a reversal takes the acceptance back.
 */
export const returnKind: SubmissionKind = {
  kind: RETURN_KIND,
  name: { zh: '统计报表', en: 'statistics return' },
  objectType: 'annual_return',
  link: ({ id }) => `/app/returns/${id}`,
  verdicts: { approved: '审核通过', rejected: '审核不通过' },
  reviser: { label: { zh: '填报单位', en: 'reporting space' } },
  approvedInTx: (tx, _ctx, { facts }) => acceptReturnInTx(tx, facts.app.id, new Date()),
  revokedInTx: (tx, _ctx, { facts }) => revokeAcceptanceInTx(tx, facts.app.id),
};
