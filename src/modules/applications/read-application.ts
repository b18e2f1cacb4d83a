/** Reading a dossier: the whole of it, one personal field in full, the self-assessment, the rounds. */
import type { Db, DbOrTx } from '../../db/client.ts';
import { notFound } from '../../shared/errors.ts';
import { REVEAL_AUDIT_ACTION } from '../../shared/http/reveal.ts';
import * as audit from '../audit/index.ts';
import type { AuditContext } from '../audit/index.ts';
import { evaluateRuleSet } from '../criteria/index.ts';
import type { Actor } from '../../shared/actor.ts';
import { submissionFacts } from '../workflow/index.ts';
import type { BasicInfo, PersonalField } from './dossier.ts';
import * as repo from './repository.ts';
import { NOT_FOUND, loadInScope, subjectOf, dossierOf, maskedFor, present, profileOf } from './access.ts';

/**
 * One personal field of the 基础信息表 in full, for governing staff who read the dossier (and the
 * applicant's admin): the audit row names the field and the reason, never the value.
 */
export async function revealPersonal(db: Db, actor: Actor, ctx: AuditContext, id: string, input: { field: PersonalField; reason: string }) {
  const { app } = await loadInScope(db, actor, id, 'application.reveal_personal');
  await audit.record(db, ctx, { action: REVEAL_AUDIT_ACTION, objectType: 'application', objectId: id, detail: { field: `basicInfo.${input.field}`, reason: input.reason } });
  return { field: input.field, value: dossierOf(app).basicInfo[input.field] ?? null };
}

/** The dossier with its attachments, history, what is missing and what the actor may do. */
export async function getApplication(db: Db, actor: Actor, id: string) {
  const { app, call, space, subject } = await loadInScope(db, actor, id, 'application.read');
  return present(db, actor, app, call, space, subject);
}

/**
 * The self-assessment (003 第七条): the call's pinned rule set against the dossier. Failing
 * conditions are warnings for the applicant; they never block submission.
 */
export async function assessApplication(db: Db, actor: Actor, id: string) {
  const { app, call } = await loadInScope(db, actor, id, 'application.read');
  if (!call.ruleSetId) return { ruleSet: null, evaluation: null };
  return { ruleSet: call.ruleSet, evaluation: await evaluateRuleSet(db, actor, call.ruleSetId, await profileOf(db, app)) };
}

/** The submission rounds of an application as `actor` may see them: personal data masked as in the dossier. */
export async function roundsOf(db: DbOrTx, actor: Actor, id: string) {
  const [facts, rounds] = await Promise.all([submissionFacts(db, id), repo.rounds(db, id)]);
  if (!facts) throw notFound(NOT_FOUND);
  const subject = await subjectOf(db, actor, facts);
  return rounds.map((r) => ({ ...r, basicInfo: maskedFor(actor, subject, r.basicInfo as BasicInfo) }));
}

/** Throws 404 unless the actor may read the application (the applicant, governing staff, a cleared expert). */
export async function assertReadable(db: DbOrTx, actor: Actor, id: string): Promise<void> {
  await loadInScope(db, actor, id, 'application.read');
}
