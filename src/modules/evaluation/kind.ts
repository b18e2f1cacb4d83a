import type { SubmissionKind } from '../workflow/index.ts';
import { EVALUATION_KIND, publishGradeInTx, withdrawGradeInTx } from './rounds.ts';

/**
 * 年度评价: a space's evaluation moves through its round's chain; the released list publishes the
 * grades (优秀/良好/合格/不合格 for each space, all "approved" onto the list), a reversal takes one back.
 */
export const evaluationKind: SubmissionKind = {
  kind: EVALUATION_KIND,
  name: { zh: '年度评价', en: 'annual evaluation' },
  objectType: 'evaluation',
  link: ({ id }) => `/app/my-evaluations/${id}`,
  verdicts: { approved: '评价结果已发布', rejected: '评价未予发布' },
  approvedInTx: (tx, _ctx, approval) => publishGradeInTx(tx, approval),
  revokedInTx: (tx, _ctx, reversal) => withdrawGradeInTx(tx, reversal),
};
