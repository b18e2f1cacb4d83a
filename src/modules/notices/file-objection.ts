import type { Config } from '../../config.ts';
import type { Db, Tx } from '../../db/client.ts';
import { stageIn } from '../../shared/chains.ts';
import { AppError, fieldError, notFound } from '../../shared/errors.ts';
import * as audit from '../audit/index.ts';
import { type AuditContext } from '../audit/index.ts';
import { shanghaiDateTime, shanghaiIso } from '../documents/index.ts';
import { storePublicUpload, type IncomingFile } from '../files/index.ts';
import {
  notifyStageWorkers,
  requireSubmissionFacts,
} from '../workflow/index.ts';
import { NOTICE_NOT_FOUND, running } from './access.ts';
import * as repo from './repository.ts';

export interface ObjectionInput {
  entryId: string;
  name: string;
  contact: string;
  grounds: string;
}

/** 409 unless the notice runs at `at`, naming its period in Beijing time. */
function assertRunning(notice: repo.NoticeRow, at: Date) {
  if (running(notice, at)) return;
  const period = { zh: `${shanghaiDateTime(notice.startsAt)}至${shanghaiDateTime(notice.endsAt)}`, en: `${shanghaiIso(notice.startsAt)} to ${shanghaiIso(notice.endsAt)}` };
  throw new AppError('WINDOW_CLOSED', {
    zh: at < notice.startsAt ? `公示尚未开始，异议受理期为${period.zh}` : `公示已于${shanghaiDateTime(notice.endsAt)}结束，不再受理异议（公示期为${period.zh}）`,
    en: at < notice.startsAt ? `The notice has not started; objections are taken from ${period.en}` : `The notice ended; objections were taken from ${period.en}`,
  });
}

/**
 * Anyone files an objection to one entry under real name while the notice runs, with optional
 * evidence (PDF/JPG/PNG, kept with no owner: only the notice's authority opens it). The objection,
 * its audit row (no personal data) and the authority's notification commit together.
 */
export async function fileObjection(db: Db, config: Config, ctx: AuditContext, noticeId: string, input: ObjectionInput, evidence?: IncomingFile) {
  let evidenceTaken = false;
  try {
    const notice = await repo.findNotice(db, noticeId);
    if (!notice) throw notFound(NOTICE_NOT_FOUND);
    assertRunning(notice, new Date());
    const entry = await repo.findEntry(db, noticeId, input.entryId);
    if (!entry) throw fieldError('body.entryId', '公示中没有该条目', 'the notice has no such entry');
    const record = async (tx: Tx, evidenceFileId: string | null) => {
      // The upload may have taken a while: the notice must still run when the objection is recorded.
      // The lock orders it against a conclusion, which must see every objection filed before the end.
      await repo.lockNotice(tx, noticeId);
      assertRunning(notice, new Date());
      const row = await repo.insertObjection(tx, { noticeId, entryId: entry.id, name: input.name, contact: input.contact, grounds: input.grounds, evidenceFileId });
      await audit.recordInTx(tx, ctx, { action: 'notice.objection.file', objectType: 'objection', objectId: row.id, detail: { objectionId: row.id } });
      const facts = (await requireSubmissionFacts(tx, entry.applicationId));
      await notifyStageWorkers(tx, facts, stageIn(facts.chain!, notice.stageKey)!, 'objection.received', {}, `/app/notices/${notice.id}`);
      return { id: row.id, createdAt: row.createdAt };
    };
    if (!evidence) return await db.transaction((tx) => record(tx, null));
    evidenceTaken = true;
    return await storePublicUpload(db, config, ctx, evidence, { field: 'body.evidence', kinds: ['pdf', 'jpeg', 'png'] }, (tx, file) => record(tx, file.id));
  } finally {
    // Refused before the evidence was read: drain it so the request completes and the answer is sent.
    if (evidence && !evidenceTaken) evidence.stream.resume();
  }
}
