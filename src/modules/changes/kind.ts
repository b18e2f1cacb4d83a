import type { SubmissionKind } from '../workflow/index.ts';
import { applyApprovedInTx, undoApprovedInTx } from './service.ts';

/**
 * 变更报告: a filed space reports a change of its conditions (002 §四(二)); the standing call of its
 * province pins the chain (shipped: recommending unit review → provincial approval). A released
 * approval applies the changes to the filed record; a reversal undoes them.
 */
export const changeReportKind: SubmissionKind = {
  kind: 'change_report',
  name: { zh: '变更报告', en: 'change report' },
  objectType: 'change_report',
  link: ({ id }) => `/app/changes/${id}`,
  verdicts: { approved: '准予变更', rejected: '不予变更' },
  approvedInTx: applyApprovedInTx,
  revokedInTx: undoApprovedInTx,
};
