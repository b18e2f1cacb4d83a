import type { SubmissionKind } from '../workflow/index.ts';
import { followDisclosureInTx, grantorRecipients, publishApprovedInTx, refuseReversalInTx, SUPPORT_KIND } from './service.ts';

/**
 * 扶持公示: a support a department granted, proposed by its admin, moves through the standing call
 * of the grantor's own region (check → public notice with objections → decision); the released
 * approval publishes it in the public register, an upheld objection or a rejection blocks it.
 */
export const supportKind: SubmissionKind = {
  kind: SUPPORT_KIND,
  name: { zh: '扶持公示', en: 'support disclosure' },
  objectType: 'support_disclosure',
  // The applicant of a disclosure is the beneficiary space's operator, who may not open the grantor's
  // record: its messages lead to the public register of its space (on notice, the public notices).
  link: ({ spaceId }) => `/portal/supports?spaceId=${spaceId}`,
  verdicts: { approved: '扶持记录予以公开', rejected: '扶持记录不予公开' },
  // A return at the check sends the support back to the department that recorded it (a draft again).
  reviser: { label: { zh: '发放部门', en: 'granting department' }, recipients: grantorRecipients },
  approvedInTx: publishApprovedInTx,
  revokedInTx: refuseReversalInTx,
  movedInTx: followDisclosureInTx,
};
