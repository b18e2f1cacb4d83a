import type { Config } from '../../config.ts';
import type { Db, DbOrTx } from '../../db/client.ts';
import type { Actor } from '../../shared/actor.ts';
import { AppError, fieldError, notFound } from '../../shared/errors.ts';
import * as audit from '../audit/index.ts';
import type { AuditContext } from '../audit/index.ts';
import { authoriseFiles, linkedFileMeta, openLinkedFile } from '../files/index.ts';
import { findSpaceInScope } from '../spaces/index.ts';
import { can, sideOf } from './policy.ts';
import * as repo from './repository.ts';
import type { KeyIndustry } from '../../shared/domain.ts';
import type { OrderState, PriceBasis, ServiceKind } from './schema.ts';
import { actionsOf, nextOrderState, type OrderAction } from './transitions.ts';
import { beijingDay } from '../../shared/beijing-time.ts';

const SERVICE_NOT_FOUND = { zh: '服务不存在', en: 'No such service' };
const ORDER_NOT_FOUND = { zh: '服务订单不存在', en: 'No such service order' };
const SPACE_NOT_FOUND = { zh: '众创空间不存在', en: 'No such maker space' };

export interface ServiceInput {
  name: string;
  kind: ServiceKind;
  description: string;
  priceBasis: PriceBasis;
  priceFen?: number | null | undefined;
  leadDays: number;
  active: boolean;
}

const presentService = (actor: Actor, r: repo.ServiceWithSpace) => ({
  id: r.service.id,
  spaceId: r.service.spaceId,
  spaceName: r.spaceName,
  regionName: r.regionName,
  name: r.service.name,
  kind: r.service.kind,
  description: r.service.description,
  priceBasis: r.service.priceBasis,
  priceFen: r.service.priceFen,
  leadDays: r.service.leadDays,
  active: r.service.active,
  openOrders: r.openOrders,
  deliveredOrders: r.deliveredOrders,
  averageRating: r.averageRating === null ? null : Number(r.averageRating),
  revision: r.service.revision,
  canEdit: can(actor, 'service.manage', { operatorOrgId: r.operatorOrgId }),
  canOrder: can(actor, 'service.order') && r.service.active,
});
export type ServiceView = ReturnType<typeof presentService>;

/** The space when the actor keeps its catalogue: 404 for anyone else (the space's existence is not told). */
async function ownSpace(db: DbOrTx, actor: Actor, spaceId: string) {
  if (!can(actor, 'service.manage')) throw new AppError('FORBIDDEN');
  const space = await findSpaceInScope(db, actor, spaceId).catch(() => {
    throw notFound(SPACE_NOT_FOUND);
  });
  if (!can(actor, 'service.manage', { operatorOrgId: space.operator.id })) throw notFound(SPACE_NOT_FOUND);
  return space;
}

/** The catalogue entry as stored; the price goes with its basis (a fixed price states an amount, the others none). */
function serviceColumns(input: ServiceInput) {
  if (input.priceBasis === 'fixed' && (input.priceFen === null || input.priceFen === undefined || input.priceFen <= 0))
    throw fieldError('body.priceFen', '固定价格的服务须填写价格（大于 0 的金额，单位：分）', 'a fixed-price service needs an amount above 0 (fen)');
  if (input.priceBasis !== 'fixed' && input.priceFen !== null && input.priceFen !== undefined)
    throw fieldError('body.priceFen', '只有固定价格的服务填写价格；面议或免费的服务不填', 'only a fixed-price service states an amount');
  return {
    name: input.name.trim(),
    kind: input.kind,
    description: input.description.trim(),
    priceBasis: input.priceBasis,
    priceFen: input.priceBasis === 'fixed' ? input.priceFen! : null,
    leadDays: input.leadDays,
    active: input.active,
  };
}

export interface CatalogueQuery extends repo.CatalogueFilter {
  sort?: repo.CatalogueSort | undefined;
  order?: 'asc' | 'desc' | undefined;
  page: number;
  pageSize: number;
}

/** One page of the catalogues of the operator's spaces. */
export async function listCatalogue(db: Db, actor: Actor, q: CatalogueQuery) {
  if (!can(actor, 'service.manage')) throw new AppError('FORBIDDEN');
  const { rows, total } = await repo.catalogue(db, actor.org.id, q, q, q.pageSize, (q.page - 1) * q.pageSize);
  return { items: rows.map((r) => presentService(actor, r)), total, page: q.page, pageSize: q.pageSize };
}

async function loadService(db: DbOrTx, actor: Actor, id: string) {
  const row = await repo.findService(db, id);
  if (!row || !can(actor, 'service.manage', { operatorOrgId: row.operatorOrgId })) throw notFound(SERVICE_NOT_FOUND);
  return row;
}

/** Adds a service to a space's catalogue (audited). */
export async function createService(db: Db, actor: Actor, ctx: AuditContext, spaceId: string, input: ServiceInput) {
  await ownSpace(db, actor, spaceId);
  const columns = serviceColumns(input);
  const id = await db.transaction(async (tx) => {
    const row = await repo.insertService(tx, { spaceId, ...columns });
    await audit.recordInTx(tx, ctx, { action: 'service.create', objectType: 'space_service', objectId: row.id, detail: { spaceId, kind: row.kind, name: row.name } });
    return row.id;
  });
  return presentService(actor, (await repo.findService(db, id))!);
}

/** Changes a service (its price, lead time, or takes it off the catalogue with `active: false`); audited. */
export async function editService(db: Db, actor: Actor, ctx: AuditContext, id: string, input: ServiceInput & { revision: number }) {
  const before = await loadService(db, actor, id);
  const columns = serviceColumns(input);
  await db.transaction(async (tx) => {
    const row = await repo.updateService(tx, id, input.revision, columns);
    if (!row) throw new AppError('STALE_REVISION');
    const changed = (Object.keys(columns) as (keyof typeof columns)[]).filter((k) => before.service[k] !== row[k]);
    await audit.recordInTx(tx, ctx, { action: 'service.edit', objectType: 'space_service', objectId: id, detail: { changed } });
  });
  return presentService(actor, (await repo.findService(db, id))!);
}

export interface SearchQuery {
  regionPath?: string | undefined;
  kind?: ServiceKind | undefined;
  industry?: KeyIndustry | undefined;
  q?: string | undefined;
  sort?: repo.SearchSort | undefined;
  order?: 'asc' | 'desc' | undefined;
  page: number;
  pageSize: number;
}

/** The platform's active services across every space, for makers (and operators looking at their peers). */
export async function searchServices(db: Db, actor: Actor, q: SearchQuery) {
  if (!can(actor, 'service.search')) throw new AppError('FORBIDDEN');
  const { rows, total } = await repo.search(db, q, q, q.pageSize, (q.page - 1) * q.pageSize);
  return { items: rows.map((r) => presentService(actor, r)), total, page: q.page, pageSize: q.pageSize };
}

// ---- orders ----

function presentOrder(actor: Actor, r: repo.OrderWithNames) {
  const side = sideOf(actor, { operatorOrgId: r.operatorOrgId, requesterOrgId: r.order.requesterOrgId })!;
  const o = r.order;
  return {
    id: o.id,
    service: { id: o.serviceId, name: r.serviceName, kind: r.serviceKind, priceBasis: r.priceBasis },
    space: { id: o.spaceId, name: r.spaceName },
    requester: { orgName: r.requesterOrgName, name: r.requesterName },
    state: o.state,
    requestNote: o.requestNote,
    quotedFen: o.quotedFen,
    dueOn: o.dueOn,
    quoteNote: o.quoteNote,
    deliveryNote: o.deliveryNote,
    deliveryFileCount: o.deliveryFileIds.length,
    rating: o.rating,
    ratingComment: o.ratingComment,
    closeReason: o.closeReason,
    requestedAt: o.requestedAt,
    quotedAt: o.quotedAt,
    acceptedAt: o.acceptedAt,
    deliveredAt: o.deliveredAt,
    ratedAt: o.ratedAt,
    closedAt: o.closedAt,
    revision: o.revision,
    side,
    actions: actionsOf(o.state, side),
  };
}
export type OrderView = ReturnType<typeof presentOrder>;

/** The order when the actor is on one of its sides; 404 otherwise. */
async function loadOrder(db: DbOrTx, actor: Actor, id: string) {
  const row = await repo.findOrder(db, id);
  if (!row || !sideOf(actor, { operatorOrgId: row.operatorOrgId, requesterOrgId: row.order.requesterOrgId })) throw notFound(ORDER_NOT_FOUND);
  return row;
}

/** One order with its timeline and delivered files. */
export async function readOrder(db: Db, actor: Actor, id: string) {
  const row = await loadOrder(db, actor, id);
  const [events, files] = await Promise.all([repo.eventsOf(db, id), linkedFileMeta(db, row.order.deliveryFileIds)]);
  return {
    ...presentOrder(actor, row),
    files: files.map((f) => ({ id: f.id, originalName: f.originalName, sizeBytes: f.sizeBytes, mimeType: f.mimeType })),
    timeline: events.map((e) => ({ action: e.event.action, fromState: e.event.fromState, toState: e.event.toState, note: e.event.note, actorName: e.actorName, at: e.event.createdAt })),
  };
}

export interface OrderQuery extends repo.OrderFilter {
  sort?: repo.OrderSort | undefined;
  order?: 'asc' | 'desc' | undefined;
  page: number;
  pageSize: number;
}

async function listOrders(db: Db, actor: Actor, scope: repo.OrderScope, q: OrderQuery) {
  const [{ rows, total }, counts] = await Promise.all([repo.orders(db, scope, q, q, q.pageSize, (q.page - 1) * q.pageSize), repo.stateCounts(db, scope, q.spaceId)]);
  return { items: rows.map((r) => presentOrder(actor, r)), total, page: q.page, pageSize: q.pageSize, stateCounts: counts };
}

/** The queue of the operator's spaces: paged, sorted, filtered by state, space, kind or keyword. */
export async function listQueue(db: Db, actor: Actor, q: OrderQuery) {
  if (!can(actor, 'service.manage')) throw new AppError('FORBIDDEN');
  return listOrders(db, actor, { operatorOrgId: actor.org.id }, q);
}

/** The maker team's own orders. */
export async function listMyOrders(db: Db, actor: Actor, q: OrderQuery) {
  if (!can(actor, 'service.order')) throw new AppError('FORBIDDEN');
  return listOrders(db, actor, { requesterOrgId: actor.org.id }, q);
}

/** A maker team orders an active service of any active space; the space's queue shows it as requested. */
export async function requestOrder(db: Db, actor: Actor, ctx: AuditContext, serviceId: string, input: { note: string }) {
  if (!can(actor, 'service.order')) throw new AppError('FORBIDDEN');
  const service = await repo.findService(db, serviceId);
  if (!service || !service.service.active) throw notFound(SERVICE_NOT_FOUND);
  const id = await db.transaction(async (tx) => {
    const row = await repo.insertOrder(tx, { serviceId, spaceId: service.service.spaceId, requesterOrgId: actor.org.id, requesterUserId: actor.userId, requestNote: input.note.trim() });
    await repo.insertEvent(tx, { orderId: row.id, action: 'request', fromState: null, toState: 'requested', note: row.requestNote, actorUserId: actor.userId });
    await audit.recordInTx(tx, ctx, { action: 'service_order.request', objectType: 'service_order', objectId: row.id, detail: { serviceId, spaceId: service.service.spaceId } });
    return row.id;
  });
  return readOrder(db, actor, id);
}

/**
 * One move of an order: the actor's side must be allowed `action` in the order's current state
 * (transitions.ts), read under a row lock at the revision the actor saw; the state, the move's
 * columns, the timeline row and the audit row are written in one transaction.
 */
async function moveOrder(
  db: Db,
  actor: Actor,
  ctx: AuditContext,
  id: string,
  action: OrderAction,
  revision: number,
  build: (order: repo.OrderRow, row: repo.OrderWithNames) => Promise<{ patch: Partial<repo.OrderRow>; note: string | null; detail?: Record<string, unknown> }>,
) {
  const row = await loadOrder(db, actor, id);
  const side = sideOf(actor, { operatorOrgId: row.operatorOrgId, requesterOrgId: row.order.requesterOrgId })!;
  const allowed = (state: OrderState) => nextOrderState(state, action, side);
  if (!allowed(row.order.state)) throw new AppError('STATE_CONFLICT', { zh: '该订单当前状态下不能执行此操作', en: 'The order cannot be moved this way in its current state' });
  const built = await build(row.order, row);
  await db.transaction(async (tx) => {
    const locked = (await repo.lockOrder(tx, id))!;
    if (locked.revision !== revision) throw new AppError('STALE_REVISION');
    const to = allowed(locked.state);
    if (!to) throw new AppError('MOVED_ON');
    const now = new Date();
    await repo.updateOrder(tx, id, { ...built.patch, state: to, ...(to === 'declined' || to === 'cancelled' ? { closedAt: now } : {}) });
    await repo.insertEvent(tx, { orderId: id, action, fromState: locked.state, toState: to, note: built.note, actorUserId: actor.userId });
    // Spelled out, so the audit catalogue (src/modules/audit/actions.ts) knows every code recorded.
    const code = { quote: 'service_order.quote', accept: 'service_order.accept', deliver: 'service_order.deliver', rate: 'service_order.rate', decline: 'service_order.decline', cancel: 'service_order.cancel' }[action];
    await audit.recordInTx(tx, ctx, { action: code, objectType: 'service_order', objectId: id, detail: { from: locked.state, to, ...built.detail } });
  });
  return readOrder(db, actor, id);
}

/** The operator quotes: the amount (分; 0 for a free service) and the date it promises delivery by. */
export async function quoteOrder(db: Db, actor: Actor, ctx: AuditContext, id: string, input: { amountFen: number; dueOn: string; note?: string | undefined; revision: number }) {
  return moveOrder(db, actor, ctx, id, 'quote', input.revision, async (_o, row) => {
    if (row.priceBasis === 'free' && input.amountFen !== 0) throw fieldError('body.amountFen', '免费服务的报价应为 0', 'a free service is quoted at 0');
    if (input.dueOn < beijingDay()) throw fieldError('body.dueOn', '交付日期不能早于今天', 'the delivery date cannot be in the past');
    return { patch: { quotedFen: input.amountFen, dueOn: input.dueOn, quoteNote: input.note?.trim() || null, quotedAt: new Date() }, note: input.note?.trim() || null, detail: { amountFen: input.amountFen, dueOn: input.dueOn } };
  });
}

/** The requester accepts the quote: the work is then owed. */
export async function acceptOrder(db: Db, actor: Actor, ctx: AuditContext, id: string, input: { revision: number }) {
  return moveOrder(db, actor, ctx, id, 'accept', input.revision, async () => ({ patch: { acceptedAt: new Date() }, note: null }));
}

/**
 * The operator delivers: files uploaded first through POST /api/files by its own organisation
 * (checked with the files module's `file.attach`) and/or a delivery note — a note alone where
 * the results are too large or physical (a model, a pilot batch) and handed over in person.
 */
export async function deliverOrder(db: Db, actor: Actor, ctx: AuditContext, id: string, input: { note?: string | undefined; fileIds: string[]; revision: number }) {
  return moveOrder(db, actor, ctx, id, 'deliver', input.revision, async () => {
    const note = input.note?.trim() || null;
    if (!note && !input.fileIds.length) throw fieldError('body.fileIds', '请上传交付文件或填写交付说明', 'attach the delivered files or write a delivery note');
    await authoriseFiles(db, actor, 'file.attach', input.fileIds).catch(() => {
      throw new AppError('NOT_FOUND', {
        zh: 'body.fileIds：交付文件不存在（请先由本单位上传）',
        en: 'body.fileIds: no such file (upload it from your organisation first)',
        fields: [{ field: 'body.fileIds', message: '交付文件不存在', messageEn: 'no such file' }],
      });
    });
    return { patch: { deliveryNote: note, deliveryFileIds: [...new Set(input.fileIds)], deliveredAt: new Date() }, note, detail: { files: input.fileIds.length } };
  });
}

/** The requester rates the delivered work, 1–5 with a comment. */
export async function rateOrder(db: Db, actor: Actor, ctx: AuditContext, id: string, input: { rating: number; comment?: string | undefined; revision: number }) {
  return moveOrder(db, actor, ctx, id, 'rate', input.revision, async () => ({
    patch: { rating: input.rating, ratingComment: input.comment?.trim() || null, ratedAt: new Date() },
    note: input.comment?.trim() || null,
    detail: { rating: input.rating },
  }));
}

/** The operator declines an order it has not been accepted on, saying why. */
export async function declineOrder(db: Db, actor: Actor, ctx: AuditContext, id: string, input: { reason: string; revision: number }) {
  return moveOrder(db, actor, ctx, id, 'decline', input.revision, async () => ({ patch: { closeReason: input.reason.trim() }, note: input.reason.trim() }));
}

/** The requester withdraws its order before accepting a quote, saying why. */
export async function cancelOrder(db: Db, actor: Actor, ctx: AuditContext, id: string, input: { reason: string; revision: number }) {
  return moveOrder(db, actor, ctx, id, 'cancel', input.revision, async () => ({ patch: { closeReason: input.reason.trim() }, note: input.reason.trim() }));
}

/** A delivered file, for either side of the order; the opening is audited with the order. */
export async function openDeliveryFile(db: Db, config: Config, ctx: AuditContext, actor: Actor, id: string, fileId: string) {
  const row = await loadOrder(db, actor, id);
  if (!row.order.deliveryFileIds.includes(fileId)) throw notFound({ zh: '该订单没有这个交付文件', en: 'The order has no such file' });
  return openLinkedFile(db, config, ctx, fileId, { objectType: 'service_order', objectId: id });
}

// ---- figures for the statistics return ----

/** What the orders say of one space in one year: orders received, delivered, income (分) and ratings. */
export interface ServiceFigures {
  ordersRequested: number;
  ordersDelivered: number;
  /** 服务收入: the quoted amounts of the orders delivered in the year (分). */
  incomeFen: number;
  ratedOrders: number;
  averageRating: number | null;
}

/**
 * Service orders and income per space in one calendar year (Beijing time), in one SQL statement
 * for all the given spaces; a space without orders has zeros.
 */
export async function serviceFigures(db: DbOrTx, spaceIds: readonly string[], year: number): Promise<Map<string, ServiceFigures>> {
  const rows = await repo.yearFigures(db, spaceIds, year);
  const out = new Map<string, ServiceFigures>(spaceIds.map((s) => [s, { ordersRequested: 0, ordersDelivered: 0, incomeFen: 0, ratedOrders: 0, averageRating: null }]));
  for (const r of rows)
    out.set(r.spaceId, { ordersRequested: r.requested, ordersDelivered: r.delivered, incomeFen: Number(r.incomeFen), ratedOrders: r.rated, averageRating: r.averageRating === null ? null : Number(r.averageRating) });
  return out;
}
