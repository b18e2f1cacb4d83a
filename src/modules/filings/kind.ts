import type { Tx } from '../../db/client.ts';
import { AppError } from '../../shared/errors.ts';
import type { FinalApproval, SubmissionKind } from '../workflow/index.ts';
import * as repo from './repository.ts';

const LEVEL_NAMES: Record<repo.Level, string> = { city: '市级', province: '省级', national: '国家级' };

/** Files the space at the list's level; a space already holding an active filing there is refused (409 naming it). */
async function fileSpace(tx: Tx, { facts, level, listId }: FinalApproval) {
  if (await repo.activeFiling(tx, facts.space.id, level))
    throw new AppError('DUPLICATE', {
      zh: `“${facts.space.name}”已有有效的${LEVEL_NAMES[level]}备案，不能重复备案；本次发布未执行`,
      en: `"${facts.space.name}" already holds an active ${level} filing; nothing was released`,
      details: { spaceId: facts.space.id },
    });
  await repo.insertFiling(tx, { spaceId: facts.space.id, level, applicationId: facts.app.id, listId });
}

/**
 * 备案申请: a space applies to a call and, approved at the chain's last decision stage, is filed at
 * the level of the released list (a reversal cancels the filing).
 */
export const filingKind: SubmissionKind = {
  kind: 'filing',
  name: { zh: '备案申请', en: 'filing application' },
  objectType: 'application',
  link: ({ id }) => `/app/applications/${id}`,
  verdicts: { approved: '准予备案', rejected: '不予备案' },
  approvedInTx: (tx, _ctx, approval) => fileSpace(tx, approval),
  revokedInTx: async (tx, _ctx, { facts, reason, at }) => void (await repo.cancelActiveFilings(tx, facts.app.id, reason, at)),
};
