import type { Db, DbOrTx, Tx } from '../../db/client.ts';
import { cappedTotal } from '../../shared/http/pagination.ts';
import { AppError, fieldError, notFound } from '../../shared/errors.ts';
import { REVEAL_AUDIT_ACTION } from '../../shared/http/reveal.ts';
import { maskPersonal } from '../../shared/validation/masking.ts';
import { normaliseUscc } from '../../shared/validation/uscc.ts';
import type { Actor } from '../../shared/actor.ts';
import * as audit from '../audit/index.ts';
import type { AuditContext } from '../audit/index.ts';
import { authoriseFiles } from '../files/index.ts';
import { findSpaceInScope, KEY_INDUSTRY_NAMES } from '../spaces/index.ts';
import { can, seesPersonalData, type RosterSubject } from './policy.ts';
import * as repo from './repository.ts';
import { asFieldErrors, incubateeProblems, STATUS_MOVES, type IncubateeInput } from './rules.ts';
import type { ChainPartner, ChainPlace, FinancingKind, IncubateeStatus } from './schema.ts';
import { beijingDay } from '../../shared/beijing-time.ts';

const NOT_FOUND = { zh: '在孵团队/企业不存在', en: 'No such incubatee' };

/** Whose rosters the actor reads: an operator its own spaces; an authority its jurisdiction. */
export function scopeOf(actor: Actor): repo.RosterScope {
  if (!can(actor, 'roster.read')) throw new AppError('FORBIDDEN');
  return actor.org.kind === 'operator' ? { operatorOrgId: actor.org.id } : { withinPath: actor.jurisdictionPath! };
}

const subjectOf = (r: { operatorOrgId: string; regionPath: string }): RosterSubject => ({ operatorOrgId: r.operatorOrgId, regionPath: r.regionPath });

/** The financing rounds as answers show them. */
const presentFinancing = (f: repo.FinancingRow) => ({ id: f.id, receivedOn: f.receivedOn, amountYuan: f.amountYuan, investor: f.investor, kind: f.kind });

/** An incubatee as the actor may see it: founders' contact masked unless it is the operator's own. */
function present(actor: Actor, row: repo.ListedRow, financings: repo.FinancingRow[]) {
  const i = row.incubatee;
  // The rounds come with the page (one query for all its rows): summed here, not by a subquery per
  // row, which the planner ran for every row of a jurisdiction before sorting out the page.
  const own = financings.filter((f) => f.incubateeId === i.id);
  const full = seesPersonalData(actor, subjectOf(row));
  const mask = (v: string | null) => (v && !full ? maskPersonal(v) : v);
  return {
    id: i.id,
    spaceId: i.spaceId,
    spaceName: row.spaceName,
    kind: i.kind,
    name: i.name,
    uscc: i.uscc,
    entryDate: i.entryDate,
    agreementFileId: i.agreementFileId,
    industry: i.industry,
    industryName: i.industry ? KEY_INDUSTRY_NAMES[i.industry] : null,
    subField: i.subField,
    founderTypes: i.founderTypes,
    jobs: i.jobs,
    graduatesHired: i.graduatesHired,
    validIp: i.validIp,
    inventionPatents: i.inventionPatents,
    newlyRegistered: i.newlyRegistered,
    registeredOn: i.registeredOn,
    hostIncubatee: i.hostIncubatee,
    contactName: mask(i.contactName),
    contactMobile: mask(i.contactMobile),
    personalDataMasked: !full,
    status: i.status,
    statusDate: i.statusDate,
    leftOn: i.leftOn,
    movedTo: i.movedTo,
    investmentYuan: own.reduce((sum, f) => sum + f.amountYuan, 0),
    financings: own.map(presentFinancing),
    revision: i.revision,
    canEdit: can(actor, 'roster.edit', subjectOf(row)),
  };
}
export type IncubateeView = ReturnType<typeof present>;

export interface ListQuery extends repo.RosterFilter {
  sort: repo.RosterSort;
  order: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

/** One page of the rosters the actor reads: three statements whatever the page's size. */
export async function listRoster(db: Db, actor: Actor, q: ListQuery) {
  const { items, counted } = await repo.list(db, scopeOf(actor), q, { by: q.sort, order: q.order }, q.pageSize, (q.page - 1) * q.pageSize);
  const financings = await repo.financingsOf(
    db,
    items.map((r) => r.incubatee.id),
  );
  return { items: items.map((r) => present(actor, r, financings)), ...cappedTotal(counted), page: q.page, pageSize: q.pageSize };
}

/** The incubatee when the actor may read it (404 otherwise), with what editing it needs. */
async function loadInScope(db: DbOrTx, actor: Actor, id: string) {
  const row = await repo.find(db, id);
  if (!row || !can(actor, 'roster.read', subjectOf(row))) throw notFound(NOT_FOUND);
  return row;
}

async function loadEditable(db: DbOrTx, actor: Actor, id: string) {
  const row = await loadInScope(db, actor, id);
  if (!can(actor, 'roster.edit', subjectOf(row))) throw new AppError('FORBIDDEN');
  return row;
}

/** One incubatee with its financing rounds and status history. */
export async function readIncubatee(db: Db, actor: Actor, id: string) {
  const row = await loadInScope(db, actor, id);
  const [financings, events] = await Promise.all([repo.financingsOf(db, [id]), repo.statusEventsOf(db, id)]);
  return {
    ...present(actor, row, financings),
    history: events.map((e) => ({ fromStatus: e.fromStatus, toStatus: e.toStatus, effectiveOn: e.effectiveOn, note: e.note, at: e.createdAt })),
  };
}

/** The founders' contact fields a reader may see in full, one at a time, for a stated reason. */
export const PERSONAL_FIELDS = ['contactName', 'contactMobile'] as const;

/**
 * One contact field of an incubatee in full for a reader of the roster (an authority verifying the
 * roster, SECURITY-CHECKLIST 18): the audit row names the field and the reason, never the value.
 */
export async function revealPersonal(db: Db, actor: Actor, ctx: AuditContext, id: string, input: { field: (typeof PERSONAL_FIELDS)[number]; reason: string }) {
  const row = await loadInScope(db, actor, id);
  await audit.record(db, ctx, { action: REVEAL_AUDIT_ACTION, objectType: 'incubatee', objectId: id, detail: { field: input.field, reason: input.reason } });
  return { field: input.field, value: row.incubatee[input.field] ?? null };
}

/** The space when the actor keeps its roster: 404 when it cannot see the space, 403 when it only reads it. */
export async function editableSpace(db: DbOrTx, actor: Actor, spaceId: string) {
  const space = await findSpaceInScope(db, actor, spaceId).catch(() => {
    throw notFound({ zh: '众创空间不存在', en: 'No such maker space' });
  });
  const subject = { operatorOrgId: space.operator.id, regionPath: space.regionPath };
  if (!can(actor, 'roster.read', subject)) throw notFound({ zh: '众创空间不存在', en: 'No such maker space' });
  if (!can(actor, 'roster.edit', subject)) throw new AppError('FORBIDDEN');
  return space;
}

/** The input as stored: USCC normalised, empty texts as null. */
function columnsOf(input: IncubateeInput) {
  const text = (v: string | null | undefined) => (v?.trim() ? v.trim() : null);
  return {
    kind: input.kind,
    name: input.name.trim(),
    uscc: input.uscc ? normaliseUscc(input.uscc) : null,
    entryDate: input.entryDate,
    agreementFileId: input.agreementFileId ?? null,
    industry: input.industry ?? null,
    subField: text(input.subField),
    founderTypes: [...new Set(input.founderTypes)],
    jobs: input.jobs,
    graduatesHired: input.graduatesHired,
    validIp: input.validIp,
    inventionPatents: input.inventionPatents,
    newlyRegistered: input.newlyRegistered,
    registeredOn: input.newlyRegistered ? (input.registeredOn ?? null) : null,
    contactName: text(input.contactName),
    contactMobile: text(input.contactMobile),
    // Omitted (an older client, the import) leaves the mark as it is; a new row starts unmarked.
    ...(input.hostIncubatee === undefined ? {} : { hostIncubatee: input.hostIncubatee }),
  };
}

function checked(input: IncubateeInput) {
  const cols = columnsOf(input);
  const problems = incubateeProblems({ ...input, uscc: cols.uscc });
  if (problems.length) {
    const first = problems[0]!;
    throw new AppError('VALIDATION_FAILED', { zh: `body.${first.field}：${first.zh}`, en: `body.${first.field}: ${first.en}`, fields: asFieldErrors(problems) });
  }
  return cols;
}

/** The agreement file must be one the actor's organisation uploaded. */
async function checkAgreement(db: Db, actor: Actor, fileId: string | null) {
  if (!fileId) return;
  await authoriseFiles(db, actor, 'file.attach', [fileId]).catch(() => {
    throw new AppError('NOT_FOUND', {
      zh: 'body.agreementFileId：入驻协议文件不存在（请先由本单位上传）',
      en: 'body.agreementFileId: no such agreement file (upload it from your organisation first)',
      fields: [{ field: 'body.agreementFileId', message: '入驻协议文件不存在', messageEn: 'no such file' }],
    });
  });
}

export async function createIncubatee(db: Db, actor: Actor, ctx: AuditContext, spaceId: string, input: IncubateeInput) {
  await editableSpace(db, actor, spaceId);
  const cols = checked(input);
  await checkAgreement(db, actor, cols.agreementFileId);
  const id = await db.transaction(async (tx) => {
    const [row] = await repo.insertMany(tx, [{ ...cols, spaceId, status: 'resident', statusDate: cols.entryDate }]);
    await repo.insertStatusEvents(tx, [{ incubateeId: row!.id, fromStatus: null, toStatus: 'resident', effectiveOn: cols.entryDate, actorUserId: actor.userId }]);
    await audit.recordInTx(tx, ctx, { action: 'roster.incubatee.create', objectType: 'incubatee', objectId: row!.id, detail: { spaceId, name: cols.name, uscc: cols.uscc } });
    return row!.id;
  });
  return readIncubatee(db, actor, id);
}

export async function editIncubatee(db: Db, actor: Actor, ctx: AuditContext, id: string, input: IncubateeInput & { revision: number }) {
  const row = await loadEditable(db, actor, id);
  const cols = checked(input);
  if (cols.entryDate > row.incubatee.statusDate && row.incubatee.status !== 'resident')
    throw fieldError('body.entryDate', '入驻日期不能晚于当前状态日期', 'the entry date cannot be after the current status date');
  if (cols.agreementFileId !== row.incubatee.agreementFileId) await checkAgreement(db, actor, cols.agreementFileId);
  await db.transaction(async (tx) => {
    const patch = row.incubatee.status === 'resident' ? { ...cols, statusDate: cols.entryDate } : cols;
    const saved = await repo.update(tx, id, input.revision, patch);
    if (!saved) throw new AppError('STALE_REVISION', { details: { currentRevision: row.incubatee.revision } });
    await audit.recordInTx(tx, ctx, { action: 'roster.incubatee.edit', objectType: 'incubatee', objectId: id, detail: { revision: saved.revision } });
  });
  return readIncubatee(db, actor, id);
}

export interface StatusInput {
  status: IncubateeStatus;
  effectiveOn: string;
  note?: string | undefined;
  /** Where a moved enterprise went (迁出). */
  movedTo?: string | undefined;
  revision: number;
}

/** 毕业 / 退出 / 迁出 / 注销吊销: the move must be in STATUS_MOVES, dated between the last status and today. */
export async function changeStatus(db: Db, actor: Actor, ctx: AuditContext, id: string, input: StatusInput) {
  const row = await loadEditable(db, actor, id);
  const from = row.incubatee.status;
  if (!STATUS_MOVES[from].includes(input.status)) throw new AppError('STATE_CONFLICT', { details: { from, to: input.status } });
  if (input.effectiveOn < row.incubatee.statusDate)
    throw fieldError('body.effectiveOn', `日期不能早于当前状态日期 ${row.incubatee.statusDate}`, `cannot be before the current status date ${row.incubatee.statusDate}`);
  if (input.effectiveOn > beijingDay()) throw fieldError('body.effectiveOn', '日期不能晚于今天', 'cannot be in the future');
  if (input.status === 'moved' && !input.movedTo?.trim()) throw fieldError('body.movedTo', '迁出须填写迁入的载体', 'a move needs the carrier it went to');
  await db.transaction(async (tx) => {
    const saved = await repo.update(tx, id, input.revision, {
      status: input.status,
      statusDate: input.effectiveOn,
      leftOn: from === 'resident' ? input.effectiveOn : row.incubatee.leftOn,
      ...(input.status === 'moved' ? { movedTo: input.movedTo!.trim() } : {}),
    });
    if (!saved) throw new AppError('STALE_REVISION', { details: { currentRevision: row.incubatee.revision } });
    await repo.insertStatusEvents(tx, [{ incubateeId: id, fromStatus: from, toStatus: input.status, effectiveOn: input.effectiveOn, note: input.note ?? null, actorUserId: actor.userId }]);
    await audit.recordInTx(tx, ctx, { action: 'roster.incubatee.status', objectType: 'incubatee', objectId: id, detail: { from, to: input.status, effectiveOn: input.effectiveOn, note: input.note ?? null } });
  });
  return readIncubatee(db, actor, id);
}

export interface FinancingInput {
  receivedOn: string;
  amountYuan: number;
  investor: string;
  kind: FinancingKind;
}

export async function addFinancing(db: Db, actor: Actor, ctx: AuditContext, id: string, input: FinancingInput) {
  const row = await loadEditable(db, actor, id);
  if (input.receivedOn < row.incubatee.entryDate) throw fieldError('body.receivedOn', '融资日期不能早于入驻日期', 'cannot be before the entry date');
  if (input.receivedOn > beijingDay()) throw fieldError('body.receivedOn', '融资日期不能晚于今天', 'cannot be in the future');
  await db.transaction(async (tx) => {
    const [f] = await repo.insertFinancings(tx, [{ incubateeId: id, ...input, investor: input.investor.trim() }]);
    await audit.recordInTx(tx, ctx, { action: 'roster.financing.add', objectType: 'incubatee', objectId: id, detail: { financingId: f!.id, amountYuan: f!.amountYuan, kind: f!.kind, receivedOn: f!.receivedOn } });
  });
  return readIncubatee(db, actor, id);
}

/**
 * A financing round recorded by another module inside its own transaction (a recorded investment of
 * the financing module): the same checks as `addFinancing` (not before the entry date, not in the
 * future; `field` names the caller's input in the error), the round and its audit row in `tx`.
 * Answers the round's id, or throws when the incubatee does not exist.
 */
export async function recordFinancingInTx(tx: Tx, ctx: AuditContext, incubateeId: string, input: FinancingInput, field = 'body.receivedOn'): Promise<string> {
  const row = await repo.find(tx, incubateeId);
  if (!row) throw notFound(NOT_FOUND);
  if (input.receivedOn < row.incubatee.entryDate) throw fieldError(field, '融资日期不能早于入驻日期', 'cannot be before the entry date');
  if (input.receivedOn > beijingDay()) throw fieldError(field, '融资日期不能晚于今天', 'cannot be in the future');
  const [f] = await repo.insertFinancings(tx, [{ incubateeId, ...input, investor: input.investor.trim() }]);
  await audit.recordInTx(tx, ctx, { action: 'roster.financing.add', objectType: 'incubatee', objectId: incubateeId, detail: { financingId: f!.id, amountYuan: f!.amountYuan, kind: f!.kind, receivedOn: f!.receivedOn } });
  return f!.id;
}

export async function removeFinancing(db: Db, actor: Actor, ctx: AuditContext, id: string, financingId: string) {
  await loadEditable(db, actor, id);
  await db.transaction(async (tx) => {
    const gone = await repo.deleteFinancing(tx, id, financingId);
    if (!gone) throw notFound({ zh: '融资记录不存在', en: 'No such financing round' });
    await audit.recordInTx(tx, ctx, { action: 'roster.financing.remove', objectType: 'incubatee', objectId: id, detail: { financingId, amountYuan: gone.amountYuan, kind: gone.kind, receivedOn: gone.receivedOn } });
  });
  return readIncubatee(db, actor, id);
}

/** Shown beside every survival figure (003 第十条 names the rate; no official formula exists). */
export const SURVIVAL_FORMULA = {
  zh: 'S(k) = Y 年入驻的团队和企业中，至 Y+k 年 12 月 31 日未注销/吊销的数量 ÷ Y 年入驻总数；毕业、迁出（进入孵化链条下一环节）和退出均计为存活；Y+k 年尚未结束的队列暂不可计算。',
  en: 'S(k) = entrants of year Y not deregistered or revoked by 31 December of Y+k ÷ all entrants of Y; graduation, moving up the chain and exit count as survival; cohorts whose year Y+k has not ended are not yet measurable.',
};

const rate = (alive: number, entrants: number, measurable: boolean) => ({
  measurable,
  survivors: measurable ? alive : null,
  rate: measurable && entrants > 0 ? Math.round((alive / entrants) * 1000) / 1000 : null,
});

/** An entry-year cohort's S(1) and S(3) as of the current Shanghai year: each measurable once 31 December of Y+k has passed. */
export const cohortSurvival = (r: { year: number; entrants: number; alive1: number; alive3: number }, currentYear: number) => ({
  year: r.year,
  entrants: r.entrants,
  s1: rate(r.alive1, r.entrants, r.year + 1 < currentYear),
  s3: rate(r.alive3, r.entrants, r.year + 3 < currentYear),
});

/**
 * Survival cohorts S(1) and S(3) per entry year, per space and for the actor's whole scope (or one
 * space), from one statement. A cohort is measurable once 31 December of Y+k has passed in Shanghai.
 */
export async function survival(db: Db, actor: Actor, query: { spaceId?: string | undefined; page: number; pageSize: number }, now = new Date()) {
  const scope = scopeOf(actor);
  const { rows, spacesTotal } = await repo.cohorts(db, scope, query, query.spaceId);
  const currentYear = Number(beijingDay(now).slice(0, 4));
  const cohort = (r: repo.CohortRow) => cohortSurvival(r, currentYear);
  // Rows come in the page's order of spaces, each space's years together.
  const spacesById = new Map<string, { spaceId: string; spaceName: string; cohorts: ReturnType<typeof cohort>[] }>();
  for (const r of rows.filter((r) => r.spaceId)) {
    const entry = spacesById.get(r.spaceId!) ?? { spaceId: r.spaceId!, spaceName: r.spaceName!, cohorts: [] };
    entry.cohorts.push(cohort(r));
    spacesById.set(r.spaceId!, entry);
  }
  return {
    formula: SURVIVAL_FORMULA,
    asOf: beijingDay(now),
    overall: rows.filter((r) => !r.spaceId).map(cohort),
    spaces: [...spacesById.values()],
    spacesTotal,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** The incubation path A → B → C of one USCC across the spaces of the actor's jurisdiction. */
export async function chainPath(db: Db, actor: Actor, uscc: string) {
  if (!can(actor, 'roster.chain')) throw new AppError('FORBIDDEN');
  const code = normaliseUscc(uscc);
  const steps = await repo.pathOf(db, scopeOf(actor), code);
  if (!steps.length) throw notFound({ zh: '辖区内没有该统一社会信用代码的在孵记录', en: 'No roster entry with this code in your jurisdiction' });
  return { uscc: code, steps };
}

/** A space's place in the incubation chain and its partner carriers (null until declared). */
export async function readChainPlace(db: Db, actor: Actor, spaceId: string) {
  const space = await findSpaceInScope(db, actor, spaceId);
  if (!can(actor, 'roster.read', { operatorOrgId: space.operator.id, regionPath: space.regionPath })) throw notFound({ zh: '众创空间不存在', en: 'No such maker space' });
  const row = await repo.chainPlace(db, spaceId);
  return { spaceId, place: row?.place ?? null, partners: row?.partners ?? [] };
}

export async function setChainPlace(db: Db, actor: Actor, ctx: AuditContext, spaceId: string, input: { place: ChainPlace; partners: ChainPartner[] }) {
  await editableSpace(db, actor, spaceId);
  await db.transaction(async (tx: Tx) => {
    await repo.upsertChainPlace(tx, { spaceId, place: input.place, partners: input.partners });
    await audit.recordInTx(tx, ctx, { action: 'roster.chain.set', objectType: 'space', objectId: spaceId, detail: { place: input.place, partners: input.partners.length } });
  });
  return readChainPlace(db, actor, spaceId);
}
