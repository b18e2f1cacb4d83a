import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../shared/actor.ts';
import { notFound } from '../../shared/errors.ts';
import { REVEAL_AUDIT_ACTION } from '../../shared/http/reveal.ts';
import * as audit from '../audit/index.ts';
import { type AuditContext } from '../audit/index.ts';
import { openLinkedFile } from '../files/index.ts';
import { loadInScope } from './access.ts';
import * as repo from './repository.ts';

/** An objector's contact in full, for the notice's admin: the audit row names the field and the reason, never the value. */
export async function revealObjection(db: Db, actor: Actor, ctx: AuditContext, id: string, objectionId: string, input: { field: 'contact'; reason: string }) {
  await loadInScope(db, actor, id, 'notice.reveal_contact');
  const objection = await repo.findObjection(db, id, objectionId);
  if (!objection) throw notFound({ zh: '异议不存在', en: 'No such objection' });
  await audit.record(db, ctx, { action: REVEAL_AUDIT_ACTION, objectType: 'objection', objectId: objection.id, detail: { noticeId: id, field: input.field, reason: input.reason } });
  return { field: input.field, value: objection[input.field] };
}

/** The evidence of an objection, for the notice's authority; the download is audited through the objection. */
export async function openEvidence(db: Db, config: Config, actor: Actor, ctx: AuditContext, id: string, objectionId: string) {
  await loadInScope(db, actor, id, 'notice.read');
  const objection = await repo.findObjection(db, id, objectionId);
  if (!objection?.evidenceFileId) throw notFound({ zh: '异议或其证明材料不存在', en: 'No such objection or evidence' });
  return openLinkedFile(db, config, ctx, objection.evidenceFileId, { objectType: 'objection', objectId: objection.id });
}
