import type { Tx } from '../../db/client.ts';
import { shanghaiDateTime } from '../documents/index.ts';
import type { SubmissionFacts } from './facts.ts';
import { submissionKind, type Recipient } from './kinds.ts';
import { activeUsersWithRoles } from '../identity/index.ts';
import { notifyAndMail, renderTemplate, type TemplateKey, type TemplateVars } from '../notify/index.ts';
import { governingOrgsOver } from '../orgs/index.ts';
import type { StageTemplate } from '../../shared/chains.ts';
import { stageOrgs } from './stages.ts';

/** The usual placeholders of an application's notice; `extra` adds or overrides. */
export function varsOf(facts: SubmissionFacts, extra: TemplateVars = {}): TemplateVars {
  return {
    space: facts.space.name,
    call: facts.call.title,
    stage: facts.stage?.name ?? '',
    due: facts.app.stageDueAt ? shanghaiDateTime(facts.app.stageDueAt) : '',
    ...extra,
  };
}

async function send(tx: Tx, recipients: Recipient[], authorityOrgId: string, key: TemplateKey, vars: TemplateVars, link: string) {
  if (!recipients.length) return;
  const { title, body } = await renderTemplate(tx, authorityOrgId, key, vars);
  await notifyAndMail(tx, recipients, { title, body, link });
}

/**
 * Tells the applicant (its operator's admins and staff), in-app and by e-mail through the outbox, in
 * the wording of the call's authority. Inside the transaction of the change it reports.
 */
export async function notifyApplicant(tx: Tx, facts: SubmissionFacts, key: TemplateKey, vars: TemplateVars = {}) {
  const { people, link } = await applicantRecipients(tx, facts);
  await send(tx, people, facts.call.authorityOrgId, key, varsOf(facts, vars), link);
}

async function applicantRecipients(tx: Tx, facts: SubmissionFacts) {
  const people = await activeUsersWithRoles(tx, [facts.app.operatorOrgId], ['operator_admin', 'operator_staff']);
  return { people, link: submissionKind(facts.app.kind).link(facts.app) };
}

const APPLICANT = { zh: '申请人', en: 'applicant' };

/** Who revises a returned submission of `kind`, as the return action names them (退回{zh}). */
export const reviserLabel = (kind: string) => submissionKind(kind).reviser?.label ?? APPLICANT;

/**
 * Tells whoever revises a returned submission (its kind's reviser; by default the applicant), in
 * the wording of the call's authority, inside the transaction of the return.
 */
export async function notifyReviser(tx: Tx, facts: SubmissionFacts, key: TemplateKey, vars: TemplateVars = {}) {
  const recipients = submissionKind(facts.app.kind).reviser?.recipients ?? applicantRecipients;
  const { people, link } = await recipients(tx, facts);
  await send(tx, people, facts.call.authorityOrgId, key, varsOf(facts, vars), link);
}

/** The people who work `stage` for this application's space (e.g. the next stage, on arrival). */
export async function stageWorkers(tx: Tx, facts: SubmissionFacts, stage: StageTemplate) {
  const orgs = (await Promise.all(stageOrgs(stage.actor).map((o) => governingOrgsOver(tx, facts.space.regionPath, o.kind, o.level)))).flat();
  return activeUsersWithRoles(tx, orgs.map((o) => o.id), stage.actor.kind === 'intake' ? ['intake_clerk'] : ['authority_admin', 'authority_reviewer']);
}

/** Tells the people working `stage` (in-app and by e-mail), linking to the stage work page unless `link` says where. */
export async function notifyStageWorkers(tx: Tx, facts: SubmissionFacts, stage: StageTemplate, key: TemplateKey, vars: TemplateVars = {}, link = `/app/review/${facts.app.id}`) {
  const people = await stageWorkers(tx, facts, stage);
  await send(tx, people, facts.call.authorityOrgId, key, varsOf(facts, { stage: stage.name, ...vars }), link);
}
