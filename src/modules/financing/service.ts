import type { Db, DbOrTx } from '../../db/client.ts';
import type { Actor } from '../../shared/actor.ts';
import type { KeyIndustry } from '../../shared/domain.ts';
import { AppError, fieldError, notFound } from '../../shared/errors.ts';
import { tally } from '../../shared/tally.ts';
import * as audit from '../audit/index.ts';
import type { AuditContext } from '../audit/index.ts';
import { recordFinancingInTx } from '../roster/index.ts';
import { findSpaceInScope } from '../spaces/index.ts';
import { can } from './policy.ts';
import * as repo from './repository.ts';
import { REQUEST_STATES, ROUNDS, type FundKind, type InvestmentType, type InvestorType, type RequestState, type Round } from './schema.ts';

const SPACE_NOT_FOUND = { zh: '众创空间不存在', en: 'No such maker space' };
const FUND_NOT_FOUND = { zh: '基金不存在', en: 'No such fund' };
const REQUEST_NOT_FOUND = { zh: '融资需求不存在', en: 'No such financing request' };

/** 万元 → 元 (two decimals of 万元 are whole 元). */
export const wanToYuan = (wan: number) => Math.round(wan * 10_000);
const yuanToWan = (yuan: number) => yuan / 10_000;

async function ownSpace(db: DbOrTx, actor: Actor, spaceId: string) {
  if (!can(actor, 'financing.manage')) throw new AppError('FORBIDDEN');
  const space = await findSpaceInScope(db, actor, spaceId).catch(() => {
    throw notFound(SPACE_NOT_FOUND);
  });
  if (!can(actor, 'financing.manage', { operatorOrgId: space.operator.id })) throw notFound(SPACE_NOT_FOUND);
  return space;
}

interface Paging<S> {
  sort?: S | undefined;
  order?: 'asc' | 'desc' | undefined;
  page: number;
  pageSize: number;
}

// ---- funds ----

export interface FundInput {
  name: string;
  kind: FundKind;
  sizeWan: number;
  manager: string;
  partner?: string | null | undefined;
  since: string;
  active: boolean;
}

const presentFund = (r: repo.FundWithSpace) => ({
  id: r.fund.id,
  spaceId: r.fund.spaceId,
  spaceName: r.spaceName,
  name: r.fund.name,
  kind: r.fund.kind,
  sizeWan: yuanToWan(r.fund.sizeYuan),
  manager: r.fund.manager,
  partner: r.fund.partner,
  since: r.fund.since,
  active: r.fund.active,
  revision: r.fund.revision,
});

function fundColumns(input: FundInput) {
  const partner = input.partner?.trim() || null;
  if (input.kind === 'partner' && !partner) throw fieldError('body.partner', '合作基金须填写合作方', 'a partner fund names its partner');
  return { name: input.name.trim(), kind: input.kind, sizeYuan: wanToYuan(input.sizeWan), manager: input.manager.trim(), partner, since: input.since, active: input.active };
}

/**
 * A filed space's active funds for its public page (000 §三.六 financing services): name, kind,
 * size in 万元, manager and partner, since when; no revision or inactive fund. One statement.
 */
export async function publicFundsOf(db: DbOrTx, spaceId: string) {
  return (await repo.activeFundsOf(db, spaceId)).map((f) => ({ id: f.id, name: f.name, kind: f.kind, sizeWan: yuanToWan(f.sizeYuan), manager: f.manager, partner: f.partner, since: f.since }));
}

export async function listFunds(db: Db, actor: Actor, q: repo.FundFilter & Paging<repo.FundSort>) {
  if (!can(actor, 'financing.manage')) throw new AppError('FORBIDDEN');
  const { rows, total } = await repo.funds(db, actor.org.id, q, q, q.pageSize, (q.page - 1) * q.pageSize);
  return { items: rows.map(presentFund), total, page: q.page, pageSize: q.pageSize };
}

async function loadFund(db: DbOrTx, actor: Actor, id: string) {
  if (!can(actor, 'financing.manage')) throw new AppError('FORBIDDEN');
  const row = await repo.findFund(db, id);
  if (!row || !can(actor, 'financing.manage', { operatorOrgId: row.operatorOrgId })) throw notFound(FUND_NOT_FOUND);
  return row;
}

export async function createFund(db: Db, actor: Actor, ctx: AuditContext, spaceId: string, input: FundInput) {
  await ownSpace(db, actor, spaceId);
  const columns = fundColumns(input);
  const id = await db.transaction(async (tx) => {
    const row = await repo.insertFund(tx, { spaceId, ...columns });
    await audit.recordInTx(tx, ctx, { action: 'fund.create', objectType: 'space_fund', objectId: row.id, detail: { spaceId, kind: row.kind, sizeYuan: row.sizeYuan } });
    return row.id;
  });
  return presentFund((await repo.findFund(db, id))!);
}

export async function editFund(db: Db, actor: Actor, ctx: AuditContext, id: string, input: FundInput & { revision: number }) {
  const before = await loadFund(db, actor, id);
  const columns = fundColumns(input);
  await db.transaction(async (tx) => {
    const row = await repo.updateFund(tx, id, input.revision, columns);
    if (!row) throw new AppError('STALE_REVISION');
    const changed = (Object.keys(columns) as (keyof typeof columns)[]).filter((k) => before.fund[k] !== row[k]);
    await audit.recordInTx(tx, ctx, { action: 'fund.edit', objectType: 'space_fund', objectId: id, detail: { changed } });
  });
  return presentFund((await repo.findFund(db, id))!);
}

/** Removes a fund entered by mistake; one that invested keeps its record (set it inactive instead). */
export async function deleteFund(db: Db, actor: Actor, ctx: AuditContext, id: string, revision: number) {
  await loadFund(db, actor, id);
  if (await repo.fundUsed(db, id)) throw new AppError('CONFLICT', { zh: '该基金已有投资记录，不能删除，可改为停用', en: 'The fund has recorded investments; set it inactive instead' });
  await db.transaction(async (tx) => {
    const gone = await repo.deleteFund(tx, id, revision);
    if (!gone) throw new AppError('STALE_REVISION');
    await audit.recordInTx(tx, ctx, { action: 'fund.delete', objectType: 'space_fund', objectId: id, detail: { spaceId: gone.spaceId, name: gone.name } });
  });
}

// ---- investors ----

export interface InvestorInput {
  name: string;
  type: InvestorType;
  fields: KeyIndustry[];
  intro?: string | null | undefined;
}

const presentInvestor = (r: repo.InvestorRow) => ({ id: r.id, name: r.name, type: r.type, fields: r.fields, intro: r.intro });

export async function listInvestors(db: Db, actor: Actor, q: repo.InvestorFilter & Paging<repo.InvestorSort>) {
  if (!can(actor, 'financing.manage')) throw new AppError('FORBIDDEN');
  const { rows, total } = await repo.investorPage(db, q, q, q.pageSize, (q.page - 1) * q.pageSize);
  return { items: rows.map(presentInvestor), total, page: q.page, pageSize: q.pageSize };
}

/** An operator registers an investor on the platform (public fields only); audited. */
export async function registerInvestor(db: Db, actor: Actor, ctx: AuditContext, input: InvestorInput) {
  if (!can(actor, 'financing.manage')) throw new AppError('FORBIDDEN');
  const row = await db.transaction(async (tx) => {
    const r = await repo.insertInvestor(tx, { name: input.name.trim(), type: input.type, fields: [...new Set(input.fields)], intro: input.intro?.trim() || null, registeredByOrgId: actor.org.id });
    await audit.recordInTx(tx, ctx, { action: 'investor.register', objectType: 'investor', objectId: r.id, detail: { type: r.type, fields: r.fields } });
    return r;
  });
  return presentInvestor(row);
}

// ---- requests ----

export interface RequestInput {
  incubateeId: string;
  amountWan: number;
  round: Round;
  purpose: string;
  field?: KeyIndustry | undefined;
}

function presentRequest(r: repo.RequestWithNames) {
  const q = r.request;
  return {
    id: q.id,
    spaceId: q.spaceId,
    spaceName: r.spaceName,
    incubateeId: q.incubateeId,
    incubateeName: r.incubateeName,
    amountWan: yuanToWan(q.amountYuan),
    round: q.round,
    purpose: q.purpose,
    field: q.field,
    state: q.state,
    investedWan: yuanToWan(Number(r.investedYuan)),
    createdAt: q.createdAt,
    revision: q.revision,
  };
}

async function loadRequest(db: DbOrTx, actor: Actor, id: string) {
  if (!can(actor, 'financing.manage')) throw new AppError('FORBIDDEN');
  const row = await repo.findRequest(db, id);
  if (!row || !can(actor, 'financing.manage', { operatorOrgId: row.operatorOrgId })) throw notFound(REQUEST_NOT_FOUND);
  return row;
}

export async function listRequests(db: Db, actor: Actor, q: repo.RequestFilter & Paging<repo.RequestSort>) {
  if (!can(actor, 'financing.manage')) throw new AppError('FORBIDDEN');
  const { rows, total } = await repo.requests(db, actor.org.id, q, q, q.pageSize, (q.page - 1) * q.pageSize);
  return { items: rows.map(presentRequest), total, page: q.page, pageSize: q.pageSize };
}

/** One request with its recorded investments. */
export async function readRequest(db: Db, actor: Actor, id: string) {
  const row = await loadRequest(db, actor, id);
  const investments = await repo.investmentsOf(db, id);
  return {
    ...presentRequest(row),
    investments: investments.map((i) => ({ id: i.id, investorId: i.investorId, fundId: i.fundId, investorName: i.investorName, investedOn: i.investedOn, amountWan: yuanToWan(i.amountYuan), type: i.type, rosterFinancingId: i.rosterFinancingId })),
  };
}

/** The space's operator raises a request for an incubatee of its roster; the field defaults to the incubatee's industry. Audited. */
export async function raiseRequest(db: Db, actor: Actor, ctx: AuditContext, spaceId: string, input: RequestInput) {
  await ownSpace(db, actor, spaceId);
  const incubatee = await repo.incubateeOf(db, spaceId, input.incubateeId);
  if (!incubatee) throw fieldError('body.incubateeId', '本空间在孵名单中没有这个团队或企业', 'not on the space’s roster');
  const field = input.field ?? incubatee.industry;
  if (!field) throw fieldError('body.field', '请选择所属领域（该在孵企业未登记行业领域）', 'choose the field (the incubatee has none recorded)');
  const id = await db.transaction(async (tx) => {
    const r = await repo.insertRequest(tx, { spaceId, incubateeId: incubatee.id, amountYuan: wanToYuan(input.amountWan), round: input.round, purpose: input.purpose.trim(), field, createdBy: actor.userId });
    await audit.recordInTx(tx, ctx, { action: 'financing.request.raise', objectType: 'financing_request', objectId: r.id, detail: { spaceId, incubateeId: incubatee.id, amountYuan: r.amountYuan, round: r.round } });
    return r.id;
  });
  return readRequest(db, actor, id);
}

/** The request is no longer pursued; audited. */
export async function withdrawRequest(db: Db, actor: Actor, ctx: AuditContext, id: string, input: { revision: number }) {
  await loadRequest(db, actor, id);
  await db.transaction(async (tx) => {
    const locked = (await repo.lockRequest(tx, id))!;
    if (locked.revision !== input.revision) throw new AppError('STALE_REVISION');
    if (locked.state !== 'open') throw new AppError('STATE_CONFLICT', { zh: '只有对接中的融资需求可以撤回', en: 'Only an open request can be withdrawn' });
    await repo.updateRequest(tx, id, { state: 'withdrawn' });
    await audit.recordInTx(tx, ctx, { action: 'financing.request.withdraw', objectType: 'financing_request', objectId: id, detail: {} });
  });
  return readRequest(db, actor, id);
}

/** Investors whose focus fields include the request's field. */
export async function matchInvestors(db: Db, actor: Actor, id: string, q: Paging<repo.InvestorSort>) {
  const row = await loadRequest(db, actor, id);
  const { rows, total } = await repo.investorPage(db, { field: row.request.field }, q, q.pageSize, (q.page - 1) * q.pageSize);
  return { items: rows.map(presentInvestor), total, page: q.page, pageSize: q.pageSize };
}

export interface InvestmentInput {
  investedOn: string;
  amountWan: number;
  type: InvestmentType;
  investorId?: string | undefined;
  fundId?: string | undefined;
}

/**
 * Records an investment against a request: from a registered investor (社会投资) or one of the
 * space's own funds (空间自身投资). In the same transaction it becomes a financing round of the
 * incubatee in the roster (`recordFinancingInTx`), the figures the statistics return reads, and the
 * request is funded. Audited.
 */
export async function recordInvestment(db: Db, actor: Actor, ctx: AuditContext, id: string, input: InvestmentInput) {
  const row = await loadRequest(db, actor, id);
  if (!input.investorId === !input.fundId) throw fieldError('body.investorId', '请选择一位投资方或本空间的一支基金（二选一）', 'name one investor or one of the space’s funds');
  let investorName: string;
  let kind: 'social' | 'own';
  if (input.investorId) {
    const investor = await repo.findInvestor(db, input.investorId);
    if (!investor) throw fieldError('body.investorId', '投资方不存在', 'no such investor');
    investorName = investor.name;
    kind = 'social';
  } else {
    const fund = await repo.findFund(db, input.fundId!);
    if (!fund || fund.fund.spaceId !== row.request.spaceId) throw fieldError('body.fundId', '本空间没有这支基金', 'no such fund of the space');
    investorName = fund.fund.name;
    kind = fund.fund.kind === 'own' ? 'own' : 'social';
  }
  const amountYuan = wanToYuan(input.amountWan);
  await db.transaction(async (tx) => {
    const locked = (await repo.lockRequest(tx, id))!;
    if (locked.state === 'withdrawn') throw new AppError('STATE_CONFLICT', { zh: '该融资需求已撤回', en: 'The request was withdrawn' });
    const rosterFinancingId = await recordFinancingInTx(tx, ctx, locked.incubateeId, { receivedOn: input.investedOn, amountYuan, investor: investorName, kind }, 'body.investedOn');
    const inv = await repo.insertInvestment(tx, {
      requestId: id,
      investorId: input.investorId ?? null,
      fundId: input.fundId ?? null,
      investorName,
      investedOn: input.investedOn,
      amountYuan,
      type: input.type,
      rosterFinancingId,
      recordedBy: actor.userId,
    });
    if (locked.state === 'open') await repo.updateRequest(tx, id, { state: 'funded' });
    await audit.recordInTx(tx, ctx, { action: 'financing.investment.record', objectType: 'financing_request', objectId: id, detail: { investmentId: inv.id, amountYuan, type: inv.type, kind, rosterFinancingId } });
  });
  return readRequest(db, actor, id);
}

// ---- figures ----

export interface FinancingFigures {
  funds: number;
  /** 元, active funds. */
  fundSizeYuan: number;
  ownFundSizeYuan: number;
  requests: number;
  requestedYuan: number;
  investments: number;
  /** Incubatees that received an investment in the year. */
  investedIncubatees: number;
  investedYuan: number;
  equityYuan: number;
  debtYuan: number;
  /** Of it, from the space's own funds. */
  ownFundInvestedYuan: number;
}

const ZERO: FinancingFigures = { funds: 0, fundSizeYuan: 0, ownFundSizeYuan: 0, requests: 0, requestedYuan: 0, investments: 0, investedIncubatees: 0, investedYuan: 0, equityYuan: 0, debtYuan: 0, ownFundInvestedYuan: 0 };

/**
 * The 投融资 figures of each space for one year: active funds and their size, requests raised,
 * investments recorded (dated in the year), by type and from own funds — one statement for every
 * space (or only `spaceIds`, which then all appear, with zeros where there is nothing).
 */
export async function financingFigures(db: DbOrTx, year: number, spaceIds?: readonly string[]): Promise<Map<string, FinancingFigures>> {
  const rows = await repo.yearFigures(db, year, spaceIds);
  const out = new Map<string, FinancingFigures>((spaceIds ?? []).map((id) => [id, { ...ZERO }]));
  const n = (v: unknown) => Number(v ?? 0);
  for (const r of rows)
    out.set(String(r.space_id), {
      funds: n(r.funds),
      fundSizeYuan: n(r.size),
      ownFundSizeYuan: n(r.own_size),
      requests: n(r.requests),
      requestedYuan: n(r.requested),
      investments: n(r.investments),
      investedIncubatees: n(r.invested),
      investedYuan: n(r.amount),
      equityYuan: n(r.equity),
      debtYuan: n(r.debt),
      ownFundInvestedYuan: n(r.own_fund),
    });
  return out;
}

// ---- the authority's view ----

export interface JurisdictionQuery extends Paging<repo.JurisdictionSort> {
  year: number;
  noServiceOnly?: boolean | undefined;
}

/** The requests' breakdown rows summed by state and by round, each in its declared order and only where there are requests. */
export function requestsBy(rows: readonly { state: RequestState; round: Round; requests: number; requestedWan: number }[]) {
  const measures = ['requests', 'requestedWan'] as const;
  return {
    byState: tally(REQUEST_STATES, rows.map((r) => ({ ...r, key: r.state })), measures).map(({ key, ...v }) => ({ state: key, ...v })),
    byRound: tally(ROUNDS, rows.map((r) => ({ ...r, key: r.round })), measures).map(({ key, ...v }) => ({ round: key, ...v })),
  };
}

/**
 * Funds and financing of an authority's jurisdiction in a year: per filed space (a page of them,
 * or only those offering no financing service) with the totals, and the year's requests by state
 * and by round over the whole jurisdiction.
 */
export async function jurisdictionFinancing(db: Db, actor: Actor, q: JurisdictionQuery) {
  if (!can(actor, 'financing.oversee')) throw new AppError('FORBIDDEN');
  const path = actor.jurisdictionPath!;
  const [{ rows, totals, filteredTotal }, requests] = await Promise.all([
    repo.jurisdictionFigures(db, path, q.year, q.noServiceOnly ?? false, q, q.pageSize, (q.page - 1) * q.pageSize),
    repo.jurisdictionRequests(db, path, q.year),
  ]);
  return { items: rows, total: filteredTotal, page: q.page, pageSize: q.pageSize, year: q.year, totals, ...requestsBy(requests) };
}
