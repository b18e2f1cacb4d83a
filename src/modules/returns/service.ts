import type { Db, DbOrTx, Tx } from '../../db/client.ts';
import type { Actor } from '../../shared/actor.ts';
import { stageIn } from '../../shared/chains.ts';
import { AppError, fieldError, notFound, type FieldError } from '../../shared/errors.ts';
import * as audit from '../audit/index.ts';
import type { AuditContext } from '../audit/index.ts';
import { insertCallInTx } from '../calls/index.ts';
import { ensureShippedChain, usableChainVersion } from '../chains/index.ts';
import { shanghaiDate } from '../documents/index.ts';
import { activeUsersWithRoles } from '../identity/index.ts';
import { sendInTx } from '../jobs/index.ts';
import { notify } from '../notify/index.ts';
import { linkedFileMeta } from '../files/index.ts';
import { findSpacesByIds } from '../spaces/index.ts';
import { withdrawAcceptance } from '../filings/index.ts';
import {
  createSubmissionInTx,
  lockSubmissionInTx,
  notifyApplicant,
  notifyStageWorkers,
  roundsAndDiffs,
  requireSubmissionFacts,
  STATUS_NAMES,
  staleRevision,
  submissionFacts,
  submissionTimeline,
  transitionInTx,
  type SubmissionFacts,
  type TimelineRow,
} from '../workflow/index.ts';
import { NUMERIC_TYPES, type CatalogueDefinition, type Indicator } from './catalogue-types.ts';
import { ensureShippedCatalogues, requirePublishedCatalogue, type PublishedCatalogue } from './catalogues.ts';
import { RETURN_CHAINS, RETURN_KIND } from './chain.ts';
import { can, type ReturnAction, type ReturnSubject } from './policy.ts';
import { platformFigures } from './prefill.ts';
import { queueRemindersInTx } from './reminders.ts';
import * as repo from './repository.ts';
import { evaluateReturn, toDisplay, toStored, unexplained, type Finding, type ReturnValue, type ReturnValues } from './rules.ts';
import { CADENCES, periodOf } from './cadences.ts';
import type { ReturnCadence } from './schema.ts';

export { RETURN_KIND };
const NOT_FOUND = { zh: '统计报表不存在', en: 'No such statistics return' };

/** The shipped catalogues and review chains of returns; safe to repeat (run with the other reference data). */
export async function ensureShippedReturns(db: DbOrTx): Promise<void> {
  await ensureShippedCatalogues(db);
  for (const chain of RETURN_CHAINS) await ensureShippedChain(db, chain);
}

/** The basic-information answers the registry already holds: prefilled, not platform figures (nothing to explain). */
function registryBasics(space: Awaited<ReturnType<typeof findSpacesByIds>>[number], level: repo.Level | undefined): Record<string, ReturnValue> {
  const out: Record<string, ReturnValue> = { operator_name: space.operator.name, district: space.regionName, professional: space.category === 'professional' ? 'yes' : 'no' };
  if (space.operator.uscc) out.operator_uscc = space.operator.uscc;
  if (space.foundedOn) out.operating_since = space.foundedOn.slice(0, 7);
  if (level) out.filing_level = level;
  return out;
}

/** The province a jurisdiction lies in (the path's second segment: 000000/410000/…); none for the nation. */
export const provinceOf = (jurisdictionPath: string): string | undefined => jurisdictionPath.split('/')[1];

/** The optional cadences of the actor's province, as its governing staff see them. */
export async function cadenceSettings(db: DbOrTx, actor: Actor) {
  if (!can(actor, 'return.read_rounds')) throw new AppError('FORBIDDEN');
  return { monthly: await repo.monthlyOn(db, provinceOf(actor.jurisdictionPath!)), editable: can(actor, 'return.set_cadences') };
}

/** A province's admin switches its monthly returns on or off (rounds already open are unaffected). */
export async function setCadenceSettings(db: Db, actor: Actor, ctx: AuditContext, input: { monthly: boolean }) {
  if (!can(actor, 'return.set_cadences')) throw new AppError('FORBIDDEN');
  const province = provinceOf(actor.jurisdictionPath!)!;
  await db.transaction(async (tx) => {
    await repo.setMonthly(tx, province, input.monthly, actor.userId);
    await audit.recordInTx(tx, ctx, { action: 'return_settings.update', objectType: 'organisation', objectId: actor.org.id, detail: { regionCode: province, monthly: input.monthly } });
  });
  return cadenceSettings(db, actor);
}

export interface RoundInput {
  cadence: ReturnCadence;
  period: string;
  title?: string | undefined;
  dueAt: Date;
  catalogueId: string;
  chainId: string;
}

/**
 * An authority admin opens a reporting round for its jurisdiction: a published call of kind
 * `annual_return` pinning a review chain of its level, the round's cadence, period and catalogue,
 * and a draft return for every space filed in the jurisdiction (national-level spaces only for a
 * quarterly monitoring round), prefilled from the registry and the platform's figures. The
 * operators are told in the same transaction.
 */
export async function openRound(db: Db, actor: Actor, ctx: AuditContext, input: RoundInput) {
  if (!can(actor, 'return.open_round')) throw new AppError('FORBIDDEN');
  const cadence = CADENCES[input.cadence];
  const period = periodOf(input.cadence, input.period);
  if (!period) throw fieldError('body.period', `${cadence.name.zh}的期间应形如 ${cadence.example}`, `a ${cadence.name.en} period looks like ${cadence.example}`);
  if (cadence.provinceSwitch && !(await repo.monthlyOn(db, provinceOf(actor.jurisdictionPath!))))
    throw fieldError('body.cadence', `本省未开通${cadence.name.zh}`, `your province has not switched on ${cadence.name.en} returns`);
  if (input.dueAt.getTime() <= Date.now()) throw fieldError('body.dueAt', '截止时间应晚于当前时间', 'the due date must be in the future');
  const catalogue = await requirePublishedCatalogue(db, input.catalogueId).catch(() => {
    throw fieldError('body.catalogueId', '统计指标目录不存在或未发布', 'no such published catalogue');
  });
  const chain = await usableChainVersion(db, actor, RETURN_KIND, input.chainId);
  if (!chain || chain.level !== actor.org.authorityLevel)
    throw fieldError('body.chainId', '审核流程不存在、未发布或级别与本单位不一致', 'no such published chain at your level');
  const jurisdiction = actor.jurisdictionPath!;
  const twin = await repo.samePeriodInLine(db, jurisdiction, input.cadence, input.period);
  if (twin)
    throw new AppError('DUPLICATE', {
      zh: `本辖区已有${input.period}的${cadence.name.zh}填报轮次“${twin.title}”，不能重复开启`,
      en: `A ${cadence.name.en} round for ${input.period} already covers this jurisdiction ("${twin.title}")`,
      fields: [{ field: 'body.period', message: `${input.period}的${cadence.name.zh}已在“${twin.title}”中填报`, messageEn: `already collected by "${twin.title}"` }],
    });
  const enrolled = await repo.filedSpacesIn(db, jurisdiction, cadence.enrols === 'national');
  const [spaces, figures] = await Promise.all([
    findSpacesByIds(db, enrolled.map((s) => s.id)),
    platformFigures(db, catalogue.definition, enrolled.map((s) => s.id), period),
  ]);
  const spaceById = new Map(spaces.map((s) => [s.id, s]));
  const rank = { city: 1, province: 2, national: 3 } as const;
  const title = input.title ?? cadence.title(actor.org.regionName, period.year, period.index);
  const now = new Date();
  return db.transaction(async (tx) => {
    const call = await insertCallInTx(tx, ctx, {
      kind: RETURN_KIND,
      title,
      level: chain.level,
      year: period.year,
      authorityOrgId: actor.org.id,
      regionCode: actor.org.regionCode,
      opensAt: now,
      closesAt: input.dueAt,
      eligibleCategories: ['regular', 'professional'],
      materialSlots: [],
      chainId: chain.id,
      status: 'published',
      publishedAt: now,
      createdBy: actor.userId,
    });
    await repo.insertRound(tx, { callId: call.id, cadence: input.cadence, period: input.period, periodStart: period.from, periodEnd: period.to, catalogueId: catalogue.id, createdBy: actor.userId });
    const rows: Parameters<typeof repo.insertValues>[1] = [];
    for (const s of enrolled) {
      const space = spaceById.get(s.id);
      if (!space) continue;
      const draft = await createSubmissionInTx(tx, actor, { kind: RETURN_KIND, callId: call.id, spaceId: s.id, operatorOrgId: s.operatorOrgId });
      const top = [...s.levels].sort((a, b) => rank[b] - rank[a])[0];
      const platform = figures.get(s.id) ?? {};
      rows.push({ submissionId: draft.id, callId: call.id, spaceId: s.id, values: { ...registryBasics(space, top), ...platform }, platform });
    }
    await repo.insertValues(tx, rows);
    await sendInTx(tx, 'returns.due', { callId: call.id }, { startAfter: input.dueAt });
    await queueRemindersInTx(tx, call.id, input.dueAt, now);
    await audit.recordInTx(tx, ctx, { action: 'return_round.open', objectType: 'call', objectId: call.id, detail: { cadence: input.cadence, period: input.period, catalogueId: catalogue.id, chainId: chain.id, enrolled: rows.length } });
    const people = await activeUsersWithRoles(tx, [...new Set(enrolled.map((s) => s.operatorOrgId))], ['operator_admin', 'operator_staff']);
    await notify(tx, people.map((p) => p.id), { title: '请填报统计报表', body: `“${title}”已开始填报，请于${shanghaiDate(input.dueAt)}前完成提交。`, link: '/app/returns' });
    return { id: call.id, title, enrolled: rows.length };
  });
}

interface LoadedReturn {
  facts: SubmissionFacts;
  row: repo.ValuesRow;
  round: repo.RoundRow;
  catalogue: PublishedCatalogue;
  subject: ReturnSubject;
}

/** The return when the actor may read it, with `action` checked: 404 out of sight, 409 wrong state, 403 refused. */
async function loadReturn(db: DbOrTx, actor: Actor, id: string, action: ReturnAction): Promise<LoadedReturn> {
  const facts = await submissionFacts(db, id);
  if (!facts || facts.app.kind !== RETURN_KIND) throw notFound(NOT_FOUND);
  const subject: ReturnSubject = {
    operatorOrgId: facts.app.operatorOrgId,
    status: facts.app.status,
    spaceRegionPath: facts.space.regionPath,
    missed: false,
    overdue: Date.now() >= facts.call.closesAt.getTime(),
    acceptingLevel: facts.chain!.level,
  };
  if (!can(actor, 'return.read', subject)) throw notFound(NOT_FOUND);
  const [row, round] = await Promise.all([repo.findValues(db, id), repo.findRound(db, facts.call.id)]);
  if (!row || !round) throw notFound(NOT_FOUND);
  subject.missed = !!row.missedAt;
  if (!can(actor, action, subject)) {
    // The operator's own moves refused in the return's state say why; anything the actor may never do is 403.
    const member = can(actor, 'return.list_mine') && subject.operatorOrgId === actor.org.id && can(actor, action);
    if (!member) throw new AppError('FORBIDDEN');
    if (subject.missed) throw new AppError('NOT_EDITABLE', { zh: '该报表已逾期未报，不能再填报', en: 'This return was missed; it can no longer be filed' });
    if (subject.overdue && subject.status === 'draft') throw new AppError('WINDOW_CLOSED', { zh: `填报已于${shanghaiDate(facts.call.closesAt)}截止`, en: `Filing closed on ${shanghaiDate(facts.call.closesAt)}` });
    throw new AppError('NOT_EDITABLE', { zh: '报表已提交或已审定，不能修改', en: 'The return is submitted or accepted; it cannot be changed' });
  }
  const catalogue = await requirePublishedCatalogue(db, round.catalogueId);
  return { facts, row, round, catalogue, subject };
}

/** Values entered in the catalogue's units, as stored (money 千元 → 元); every bad entry named at once. */
export function parseValues(catalogue: CatalogueDefinition, input: Readonly<Record<string, unknown>>, prefix = 'body.values'): Record<string, ReturnValue> {
  const byCode = new Map(catalogue.indicators.map((i) => [i.code, i]));
  const errors: FieldError[] = [];
  const out: Record<string, ReturnValue> = {};
  const bad = (code: string, zh: string, en: string) => errors.push({ field: `${prefix}.${code}`, message: zh, messageEn: en });
  for (const [code, v] of Object.entries(input)) {
    const ind = byCode.get(code);
    if (!ind) {
      bad(code, '不是本年度统计指标', 'not an indicator of this catalogue');
      continue;
    }
    if (v === null) continue;
    if (NUMERIC_TYPES.includes(ind.type)) {
      if (typeof v !== 'number' || !Number.isFinite(v) || Math.abs(v) > 1e12) bad(code, `“${ind.label}”应为数字（${ind.unit}）`, `"${ind.labelEn}" must be a number (${ind.unit})`);
      else out[code] = toStored(ind, v);
    } else if (ind.type === 'text') {
      if (typeof v !== 'string' || v.length > 2000) bad(code, `“${ind.label}”应为不超过2000字的文本`, `"${ind.labelEn}" must be text of at most 2000 characters`);
      else if (v.trim()) out[code] = v.trim();
    } else {
      const allowed = new Set((ind.options ?? []).map((o) => o.value));
      const values = ind.type === 'select' ? [v] : v;
      if (!Array.isArray(values) || values.some((x) => typeof x !== 'string' || !allowed.has(x)) || (ind.type === 'multi_select' && new Set(values).size !== values.length))
        bad(code, `“${ind.label}”应从给定选项中选择`, `"${ind.labelEn}" must be one of its options`);
      else out[code] = ind.type === 'select' ? (v as string) : (values as string[]);
    }
  }
  if (errors.length)
    throw new AppError('VALIDATION_FAILED', { zh: errors.map((e) => `${e.field}：${e.message}`).join('；'), en: errors.map((e) => `${e.field}: ${e.messageEn}`).join('; '), fields: errors });
  return out;
}

/** Stored values shown in the catalogue's units (元 → 千元). */
export function displayValues(catalogue: CatalogueDefinition, values: ReturnValues): Record<string, ReturnValue> {
  const byCode = new Map<string, Indicator>(catalogue.indicators.map((i) => [i.code, i]));
  const out: Record<string, ReturnValue> = {};
  for (const [code, v] of Object.entries(values)) {
    const ind = byCode.get(code);
    if (ind && v !== undefined) out[code] = displayValue(ind, v);
  }
  return out;
}

/** One stored value in the indicator's unit (money: 元 → 千元); texts and choices as they are. */
export const displayValue = (ind: Pick<Indicator, 'type'>, v: ReturnValue): ReturnValue => (typeof v === 'number' ? toDisplay(ind, v) : v);

async function findingsFor(db: DbOrTx, r: Pick<LoadedReturn, 'facts' | 'round' | 'catalogue' | 'row'>, values: ReturnValues): Promise<Finding[]> {
  const [previous, levels] = await Promise.all([repo.previousAccepted(db, r.facts.space.id, r.round.cadence, r.round.periodEnd), repo.filingLevels(db, [r.facts.space.id])]);
  return evaluateReturn(r.catalogue.definition, { values, previous: previous ?? null, platform: r.row.platform, spaceLevel: levels.get(r.facts.space.id) ?? null });
}

/** One step of the return's history as its page shows it: the stage named, the per-field comments of a return for revision. */
function timelineEntry(facts: SubmissionFacts, e: TimelineRow) {
  const stageKey = (e.detail?.stage ?? null) as string | null;
  const stage = stageKey && facts.chain ? stageIn(facts.chain, stageKey) : undefined;
  return {
    at: e.at,
    action: e.action,
    fromStatus: e.fromStatus,
    toStatus: e.toStatus,
    note: e.note,
    stage: stage ? { key: stage.key, name: stage.name, nameEn: stage.nameEn } : null,
    itemComments: (e.detail?.itemComments ?? []) as { field: string; comment: string }[],
    actor: e.actorName ? { name: e.actorName, orgName: e.actorOrgName } : null,
  };
}

/** One return as its operator and its reviewers see it: values in the catalogue's units, the platform's figures beside them, the live findings. */
export async function getReturn(db: Db, actor: Actor, id: string) {
  const r = await loadReturn(db, actor, id, 'return.read');
  const [findings, history, events] = await Promise.all([findingsFor(db, r, r.row.values), roundsAndDiffs(db, id), submissionTimeline(db, id)]);
  const ability = (a: ReturnAction) => can(actor, a, r.subject);
  return {
    id,
    status: r.facts.app.status,
    stage: r.facts.stage ? { key: r.facts.stage.key, name: r.facts.stage.name, nameEn: r.facts.stage.nameEn } : null,
    round: r.facts.app.round,
    revision: r.row.revision,
    space: { id: r.facts.space.id, name: r.facts.space.name, regionName: r.facts.space.regionName },
    call: { id: r.facts.call.id, title: r.facts.call.title, dueAt: r.facts.call.closesAt, authorityName: r.facts.call.authorityName },
    cadence: r.round.cadence,
    period: r.round.period,
    catalogue: { id: r.catalogue.id, year: r.catalogue.year, version: r.catalogue.version, name: r.catalogue.name, definition: r.catalogue.definition },
    values: displayValues(r.catalogue.definition, r.row.values),
    platform: displayValues(r.catalogue.definition, r.row.platform) as Record<string, number>,
    notes: r.row.notes,
    findings,
    rounds: history.rounds,
    diffs: history.diffs,
    events: events.map((e) => timelineEntry(r.facts, e)),
    missedAt: r.row.missedAt,
    acceptedAt: r.row.acceptedAt,
    coverScan: r.row.coverFileId ? ((await linkedFileMeta(db, [r.row.coverFileId])).map((f) => ({ id: f.id, name: f.originalName, kind: f.kind }))[0] ?? null) : null,
    abilities: { edit: ability('return.edit'), submit: ability('return.submit'), resubmit: ability('return.resubmit'), reopen: ability('return.reopen') && r.subject.status === 'filed' },
  };
}

/** The findings of values not yet saved (the form's live check). */
export async function checkReturn(db: DbOrTx, actor: Actor, id: string, input: { values: Record<string, unknown> }) {
  const r = await loadReturn(db, actor, id, 'return.read');
  return { findings: await findingsFor(db, r, parseValues(r.catalogue.definition, input.values)) };
}

/** Saves the operator's values (replacing them) and notes while the return is editable; a stale revision is 409 and changes nothing. */
export async function saveReturn(db: Db, actor: Actor, ctx: AuditContext, id: string, input: { revision: number; values: Record<string, unknown>; notes: Record<string, string> }) {
  const r = await loadReturn(db, actor, id, 'return.edit');
  const values = parseValues(r.catalogue.definition, input.values);
  const notes = Object.fromEntries(Object.entries(input.notes).map(([k, v]) => [k, v.trim()]).filter(([, v]) => v));
  await db.transaction(async (tx) => {
    const saved = await repo.updateValues(tx, id, input.revision, { values, notes, updatedBy: actor.userId });
    if (!saved) throw staleRevision(r.row.revision, input.revision);
    await audit.recordInTx(tx, ctx, { action: 'annual_return.save', objectType: 'annual_return', objectId: id, detail: { revision: saved.revision, fields: Object.keys(values).length } });
  });
  return getReturn(db, actor, id);
}

function blocked(findings: Finding[], notes: Record<string, string>): AppError | undefined {
  const errors = findings.filter((f) => f.severity === 'error');
  const fields: FieldError[] = [
    ...errors.map((f) => ({ field: `values.${f.fields[0]}`, message: f.message, messageEn: f.messageEn })),
    ...unexplained(findings, notes).map((f) => ({ field: `notes.${f.key}`, message: `请说明：${f.message}`, messageEn: `Explain: ${f.messageEn}` })),
  ];
  if (!fields.length) return undefined;
  return new AppError('VALIDATION_FAILED', {
    zh: `报表未通过校验，不能提交：${fields.map((f) => f.message).join('；')}`,
    en: `The return does not pass its checks: ${fields.map((f) => f.messageEn).join('; ')}`,
    fields,
  });
}

/**
 * Hands the return in (or in again after a return for revision): hard errors block it naming the
 * fields, every warning needs a confirmation note; the findings are kept with it for the reviewers.
 * It then moves through the round's chain like any submission.
 */
export async function submitReturn(db: Db, actor: Actor, ctx: AuditContext, id: string, input: { revision: number }) {
  const probe = await loadReturn(db, actor, id, 'return.read');
  const action = probe.facts.app.status === 'returned' ? 'resubmit' : 'submit';
  const r = await loadReturn(db, actor, id, action === 'submit' ? 'return.submit' : 'return.resubmit');
  if (r.row.revision !== input.revision) throw staleRevision(r.row.revision, input.revision);
  const findings = await findingsFor(db, r, r.row.values);
  const refused = blocked(findings, r.row.notes);
  if (refused) throw refused;
  const chain = r.facts.chain!;
  const now = new Date();
  await db.transaction(async (tx) => {
    const stage = action === 'submit' ? chain.stages[0]! : stageIn(chain, r.facts.app.stageKey!)!;
    await transitionInTx(tx, ctx, actor, id, {
      action,
      enterStage: stage,
      patch: action === 'submit' ? { submittedAt: now, round: r.facts.app.round + 1 } : { round: r.facts.app.round + 1, resubmitDueAt: null },
      detail: { warnings: findings.filter((f) => f.severity === 'warning').length, round: r.facts.app.round + 1 },
      // In the catalogue's units, as the filer typed them: the next round is diffed against this.
      handedIn: { values: displayValues(r.catalogue.definition, r.row.values), notes: r.row.notes },
    });
    // Saved after the lock the transition took: a concurrent save waits and then finds the return submitted.
    if (!(await repo.updateValues(tx, id, input.revision, { values: r.row.values, notes: r.row.notes, updatedBy: actor.userId }))) throw staleRevision(r.row.revision, input.revision);
    await repo.setFindings(tx, id, findings);
    await notifyStageWorkers(tx, await requireSubmissionFacts(tx, id), stage, action === 'submit' ? 'stage.arrived' : 'stage.resubmitted');
  });
  return getReturn(db, actor, id);
}

/** The kind's effect of a released final approval: the return is accepted (and so locked) and ends a run of missed ones. */
export async function acceptReturnInTx(tx: Tx, submissionId: string, at: Date) {
  const accepted = await repo.markAccepted(tx, submissionId, at);
  if (!accepted) return;
  const round = await repo.findRound(tx, accepted.callId);
  if (round) await repo.resetMissed(tx, accepted.spaceId, round.cadence, accepted.callId);
}

export const revokeAcceptanceInTx = (tx: Tx, submissionId: string) => repo.clearAccepted(tx, submissionId);

/**
 * The accepting authority (or one above it) takes an accepted return back to its filer with a
 * reason: the kernel's `reopen` move (filed → returned) onto the chain's first stage, so the
 * resubmission climbs the whole chain again; the acceptance is withdrawn (the filings module
 * supersedes the released decision and strikes the list entry), the return is editable again and
 * its operator is told. Anything but an accepted return is 409, and nothing changes.
 */
export async function reopenReturn(db: Db, actor: Actor, ctx: AuditContext, id: string, input: { reason: string }) {
  const r = await loadReturn(db, actor, id, 'return.reopen');
  const reason = input.reason.trim();
  await db.transaction(async (tx) => {
    const locked = await lockSubmissionInTx(tx, id);
    if (locked.status !== 'filed')
      throw new AppError('STATE_CONFLICT', {
        zh: `只有已审定的统计报表才能重新开放，该报表当前为“${STATUS_NAMES[locked.status].zh}”`,
        en: `Only an accepted return can be reopened; this one is ${STATUS_NAMES[locked.status].en}`,
      });
    const withdrawn = await withdrawAcceptance(tx, id, reason);
    await revokeAcceptanceInTx(tx, id);
    const { to } = await transitionInTx(tx, ctx, actor, id, {
      action: 'reopen',
      enterStage: r.facts.chain!.stages[0]!,
      auditAction: 'annual_return.reopen',
      note: reason,
      detail: { withdrawnDecisions: withdrawn.decisions, removedEntries: withdrawn.entries },
    });
    await notifyApplicant(tx, { ...r.facts, app: to }, 'return.reopened', { note: reason });
  });
  return getReturn(db, actor, id);
}

/** Where a return stands for the progress counts: its kernel state, or `missed`. */
export const RETURN_STATES = ['draft', 'missed', 'submitted', 'in_review', 'returned', 'filed', 'rejected'] as const;
export type ReturnState = (typeof RETURN_STATES)[number];
const stateOf = (status: string, missed: boolean): ReturnState =>
  missed ? 'missed' : ((RETURN_STATES as readonly string[]).includes(status) ? status : 'in_review') as ReturnState;
const emptyCounts = (): Record<ReturnState, number> => Object.fromEntries(RETURN_STATES.map((s) => [s, 0])) as Record<ReturnState, number>;

/** The rounds in line with the actor's jurisdiction, each with its returns counted by state within that jurisdiction (kept counts). Three statements. */
export async function listRounds(db: DbOrTx, actor: Actor, page: number, pageSize: number) {
  if (!can(actor, 'return.read_rounds')) throw new AppError('FORBIDDEN');
  const { items, total } = await repo.roundsInLine(db, actor.jurisdictionPath!, page, pageSize);
  const counts = await repo.countsByRound(db, items.map((i) => i.call.id), actor.jurisdictionPath!);
  const byCall = new Map(items.map((i) => [i.call.id, emptyCounts()]));
  for (const c of counts) byCall.get(c.callId)![c.state as ReturnState] += c.n;
  return {
    items: items.map((i) => ({
      id: i.call.id,
      title: i.call.title,
      cadence: i.round.cadence,
      period: i.round.period,
      dueAt: i.call.closesAt,
      authorityName: i.authorityName,
      catalogueName: i.catalogueName,
      own: i.call.authorityOrgId === actor.org.id,
      counts: byCall.get(i.call.id)!,
    })),
    total,
  };
}

/** One round's returns within the actor's jurisdiction counted by the space's region and state. */
export async function roundProgress(db: DbOrTx, actor: Actor, callId: string) {
  if (!can(actor, 'return.read_rounds')) throw new AppError('FORBIDDEN');
  const jurisdiction = actor.jurisdictionPath!;
  if (!(await repo.findRoundInLine(db, callId, jurisdiction))) throw notFound({ zh: '填报轮次不存在', en: 'No such reporting round' });
  const rows = await repo.progressByRegion(db, callId, jurisdiction);
  const regions = new Map<string, { regionCode: string; regionName: string; counts: Record<ReturnState, number> }>();
  for (const r of rows) {
    const entry = regions.get(r.regionCode) ?? { regionCode: r.regionCode, regionName: r.regionName, counts: emptyCounts() };
    entry.counts[stateOf(r.status, r.missed)] += r.n;
    regions.set(r.regionCode, entry);
  }
  return { items: [...regions.values()] };
}

/** The operator's returns, every round, with the count of warnings they were checked with. */
export async function myReturns(db: DbOrTx, actor: Actor) {
  if (!can(actor, 'return.list_mine')) throw new AppError('FORBIDDEN');
  const rows = await repo.returnsOfOperator(db, actor.org.id);
  return {
    items: rows.map((r) => ({
      id: r.id,
      state: stateOf(r.status, !!r.missedAt),
      space: { id: r.spaceId, name: r.spaceName },
      call: { id: r.callId, title: r.title, dueAt: r.dueAt },
      cadence: r.cadence,
      period: r.period,
      warnings: (r.findings as Finding[]).filter((f) => f.severity === 'warning').length,
      acceptedAt: r.acceptedAt,
    })),
  };
}
