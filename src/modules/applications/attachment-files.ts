/**
 * One attached file of an application, opened for whoever may read the application (the applicant,
 * governing staff whose jurisdiction holds the space, a cleared expert): reviewers look at the
 * materials one by one beside their checklist instead of unpacking the whole ZIP. The file store's
 * owner-only rule does not apply here; this module authorises through the application instead.
 */
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../shared/actor.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import type { AuditContext } from '../audit/index.ts';
import { linkedFileMeta, openLinkedFile, previewable } from '../files/index.ts';
import { loadInScope } from './access.ts';
import * as repo from './repository.ts';

const NO_FILE = { zh: '该申请没有这个附件', en: 'The application has no such attachment' };

/**
 * 404 unless the actor may read the application and the file is attached to it now or was in one of
 * its submission rounds (a replaced file stays readable for the round diff); the opening is audited
 * with the application it was reached through. `preview` refuses kinds a browser cannot show (409).
 */
export async function openApplicationFile(db: Db, config: Config, ctx: AuditContext, actor: Actor, id: string, fileId: string, purpose: 'preview' | 'download') {
  await loadInScope(db, actor, id, 'application.read');
  const [current, rounds] = await Promise.all([repo.attachments(db, id), repo.rounds(db, id)]);
  const attached = current.find((a) => a.fileId === fileId) ?? rounds.flatMap((r) => r.attachments).find((a) => a.fileId === fileId);
  if (!attached) throw notFound(NO_FILE);
  if (purpose === 'preview') {
    const [meta] = await linkedFileMeta(db, [fileId]);
    if (!meta) throw notFound(NO_FILE);
    if (!previewable(meta.mimeType)) throw new AppError('CONFLICT', { zh: '该类型的文件不能在线预览，请下载后查看', en: 'This kind of file cannot be previewed; download it' });
  }
  return openLinkedFile(db, config, ctx, fileId, { objectType: 'application', objectId: id });
}
