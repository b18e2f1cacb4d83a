import type { AppContext } from '../../app-context.ts';
import type { Config } from '../../config.ts';
import { afterCommit, type Db, type DbOrTx, type Tx } from '../../db/client.ts';
import { cappedTotal } from '../../shared/http/pagination.ts';
import { AppError } from '../../shared/errors.ts';
import { CHAIN_START, sealRows, verifyChain, verifyLinks, type ChainLink, type Checkpoint, type VerifyResult } from './chain.ts';
import { advanceCheckpoint, appendCheckpointHistory, dropCheckpoint, dropVerifiedMark, flushCheckpoint, readCheckpoint, readVerifiedMark, writeVerifiedMark } from './checkpoint.ts';
import { shanghaiDate, shanghaiDateTime, shanghaiIso, workbook, xlsxBuffer } from '../documents/index.ts';
import { actionName, AUDIT_ACTIONS, OBJECT_TYPES } from './actions.ts';
import * as repo from './repository.ts';
import { announceAppended } from './wake.ts';
import type { AuditContext } from '../../shared/audit-context.ts';

export { SYSTEM_CONTEXT, type AuditContext } from '../../shared/audit-context.ts';

export interface AuditEntry {
  action: string;
  objectType?: string;
  objectId?: string;
  result?: 'success' | 'failure' | 'denied';
  detail?: Record<string, unknown>;
}

/** The row an entry becomes: unsealed, stamped now with the context's actor, address and request. */
function rowOf(ctx: AuditContext, entry: AuditEntry): repo.NewAuditRow {
  return {
    // Millisecond precision: what timestamptz(3) stores is what the MAC covers.
    at: new Date(),
    actorUserId: ctx.actorUserId,
    actorUsername: ctx.actorUsername,
    actorOrgId: ctx.actorOrgId,
    action: entry.action,
    objectType: entry.objectType ?? null,
    objectId: entry.objectId ?? null,
    result: entry.result ?? 'success',
    ip: ctx.ip,
    requestId: ctx.requestId,
    detail: entry.detail ?? null,
  };
}

/**
 * Appends one row inside the caller's transaction, so the record and the change it describes commit
 * or roll back together. The row is unsealed: it takes no lock, and the sealer chains it after
 * commit (`sealPending`, woken in this process once the transaction has committed).
 */
export async function recordInTx(tx: Tx, ctx: AuditContext, entry: AuditEntry): Promise<void> {
  await repo.insertRow(tx, rowOf(ctx, entry));
  afterCommit(announceAppended);
}

/**
 * For events with no other change to commit (sign-in failures, downloads, views): one INSERT, atomic
 * on its own, so no BEGIN/COMMIT round trips and no lock.
 */
export async function record(db: Db, ctx: AuditContext, entry: AuditEntry): Promise<void> {
  await repo.insertRow(db, rowOf(ctx, entry));
  announceAppended();
}

/** What sealing and verifying need: the database, the MAC key and the data dir holding the checkpoint. */
export type ChainContext = Pick<AppContext, 'db' | 'config'>;

function macKey(config: Config): Buffer {
  // openContext fills the key in (from the environment, or generated outside production).
  if (!config.keys.auditMac) throw new AppError('INTERNAL', { zh: '缺少审计日志密钥 AUDIT_MAC_KEY', en: 'the audit MAC key (AUDIT_MAC_KEY) is missing' });
  return config.keys.auditMac;
}

/** Rows sealed per transaction: bounds the sealer's lock time and memory under a burst. */
const SEAL_BATCH = 500;

/**
 * Seals every committed unsealed row into the chain, in the order the sealer finds them committed,
 * and moves the checkpoint to the new head. Safe to call from any process at any time: the advisory
 * lock is taken only here, for one short transaction per batch. Refuses (AUDIT_CHAIN_BROKEN) while
 * the chain does not reach the checkpoint, so rows sealed onto a truncated chain cannot paper over
 * the deletion.
 */
export async function sealPending(ctx: ChainContext): Promise<{ sealed: number; head: Checkpoint | undefined }> {
  const key = macKey(ctx.config);
  let sealed = 0;
  let head: Checkpoint | undefined;
  for (;;) {
    const batch = await ctx.db.transaction(async (tx) => {
      await repo.lockSealer(tx);
      const current = await repo.head(tx);
      await assertReachesCheckpoint(tx, current, readCheckpoint(ctx.config.dataDir));
      const rows = await repo.unsealed(tx, SEAL_BATCH);
      const seals = sealRows(key, current, rows);
      await repo.setSeals(tx, seals);
      const last = seals.at(-1);
      return { count: rows.length, head: last ? { seq: last.seq, hash: last.hash } : current };
    });
    sealed += batch.count;
    if (batch.head) head = { rows: batch.head.seq, hash: batch.head.hash, at: new Date().toISOString() };
    // Only after commit: a checkpoint ahead of the table would read as a truncated chain. Also when
    // nothing was sealed, so a store whose checkpoint was dropped (restore, reset) gets one at once.
    // Taken now, written to its file within a second (`advanceCheckpoint`).
    if (head) advanceCheckpoint(ctx.config.dataDir, head);
    if (batch.count < SEAL_BATCH) return { sealed, head };
  }
}

async function assertReachesCheckpoint(tx: Tx, current: { seq: number } | undefined, checkpoint: Checkpoint | undefined): Promise<void> {
  if (!checkpoint) return;
  if ((current?.seq ?? 0) >= checkpoint.rows && (await repo.rowAt(tx, checkpoint.rows))?.hash === checkpoint.hash) return;
  throw new AppError('AUDIT_CHAIN_BROKEN', { details: { checkpointRows: checkpoint.rows, chainRows: current?.seq ?? 0 } });
}

/** Rows read and checked per statement: bounded memory, and a place to report progress and keep the mark. */
export const VERIFY_CHUNK = 10_000;

/** Checks the sealed chain's MACs only (a restore checks the chain it loaded; the checkpoint belongs to the store it replaced). */
export async function verifySealed(db: DbOrTx, config: Config): Promise<VerifyResult> {
  return withPending(db, await verifyChain(macKey(config), repo.iterateSealed(db, VERIFY_CHUNK)));
}

async function withPending(db: DbOrTx, result: VerifyResult): Promise<VerifyResult> {
  const pending = await repo.countUnsealed(db);
  return pending ? { ...result, pending } : result;
}

export interface VerifyOptions {
  /** Go on from the last pass's mark (the chain verified up to it) instead of from the first row. */
  resume?: boolean;
  /** Stop after this many rows; the answer's `progress` says how far it got. */
  maxRows?: number;
  /** After each chunk: the chain verified through `through` of `head` rows. */
  onProgress?: (through: number, head: number) => void;
}

/**
 * Seals what has committed, then walks the chain in chunks of `VERIFY_CHUNK` rows by `seq` (keyset),
 * checking every MAC and link, and that it still reaches the checkpoint outside the table. After each
 * chunk the place reached is kept outside the database (`verified.json`), so a pass that stopped (its
 * row budget, an interrupted CLI run) resumes there; resuming first checks the row there still holds
 * the MAC it was verified with. Rows still unsealed afterwards (committed meanwhile) are reported as
 * pending.
 */
export async function verify(ctx: ChainContext, options: VerifyOptions = {}): Promise<VerifyResult> {
  try {
    await sealPending(ctx);
  } catch (err) {
    // The walk below says where and how the chain is broken.
    if (!(err instanceof AppError && err.code === 'AUDIT_CHAIN_BROKEN')) throw err;
  }
  const { dataDir } = ctx.config;
  const key = macKey(ctx.config);
  const checkpoint = readCheckpoint(dataDir);
  const head = (await repo.head(ctx.db))?.seq ?? 0;
  const mark = options.resume ? readVerifiedMark(dataDir) : undefined;
  const from = mark?.seq ? { from: mark.seq } : {};
  if (mark?.seq) {
    const row = await repo.rowAt(ctx.db, mark.seq);
    if (!row) return withPending(ctx.db, { ok: false, checked: 0, ...from, truncated: { checkpointRows: Math.max(checkpoint?.rows ?? 0, mark.seq), chainRows: head } });
    if (row.hash !== mark.hash) return withPending(ctx.db, { ok: false, checked: 0, ...from, brokenAt: { id: row.id, reason: 'checkpoint_mismatch' } });
  }
  let last: ChainLink = mark ?? CHAIN_START;
  let checked = 0;
  for (;;) {
    if (options.maxRows !== undefined && checked >= options.maxRows && last.seq < head) return { ok: true, checked, ...from, progress: { through: last.seq, head } };
    const budget = options.maxRows === undefined ? VERIFY_CHUNK : Math.min(VERIFY_CHUNK, options.maxRows - checked);
    // At the budget and at the head seen when the check began: rows sealed since are the next check's.
    if (budget <= 0) break;
    const rows = await repo.sealedAfter(ctx.db, last.seq, budget);
    if (!rows.length) break;
    const chunk = await verifyLinks(key, rows, last, checkpoint);
    checked += chunk.checked;
    if (!chunk.ok) return withPending(ctx.db, { ok: false, checked, ...from, brokenAt: chunk.brokenAt! });
    last = chunk.last;
    writeVerifiedMark(dataDir, { ...last, at: new Date().toISOString() });
    options.onProgress?.(last.seq, Math.max(head, last.seq));
  }
  if (checkpoint && last.seq < checkpoint.rows) return withPending(ctx.db, { ok: false, checked, ...from, truncated: { checkpointRows: checkpoint.rows, chainRows: last.seq } });
  return withPending(ctx.db, { ok: true, checked, ...from });
}

/**
 * Takes the chain as it now stands as the new baseline: after a restore (the restored chain replaced
 * the one the checkpoint described), or after an operator examined a broken chain. The old
 * checkpoint is kept in the history file.
 */
export async function adoptChain(ctx: ChainContext, reason: string): Promise<Checkpoint | undefined> {
  const previous = readCheckpoint(ctx.config.dataDir);
  if (previous) appendCheckpointHistory(ctx.config.dataDir, { ...previous, event: `replaced: ${reason}` });
  await dropCheckpoint(ctx.config.dataDir);
  dropVerifiedMark(ctx.config.dataDir);
  const { head } = await sealPending(ctx);
  // A deliberate new baseline goes to disk at once, not with the next periodic write.
  await flushCheckpoint(ctx.config.dataDir);
  if (head) appendCheckpointHistory(ctx.config.dataDir, { ...head, event: reason });
  return head;
}

/** The CLI's deliberate reset: on record in the log first, with the checkpoint it replaces. */
export async function resetCheckpoint(ctx: ChainContext, actor: AuditContext, reason: string): Promise<Checkpoint | undefined> {
  await record(ctx.db, actor, { action: 'audit.checkpoint_reset', detail: { reason, previous: readCheckpoint(ctx.config.dataDir) ?? null } });
  return adoptChain(ctx, `reset: ${reason}`);
}

/** The columns the log sorts by. */
export const AUDIT_SORTS = repo.AUDIT_SORTS;

export interface AuditQuery extends repo.AuditFilter, repo.AuditSort {
  page: number;
  pageSize: number;
}

type ListedRow = Awaited<ReturnType<typeof repo.listRows>>['items'][number];

/** A row as the audit admin reads it: the action's and the object's names beside the codes. */
function present({ row, objectName, actorName }: ListedRow) {
  const { actorUserId: _u, prevHash: _p, hash: _h, seq: _s, ...rest } = row;
  return {
    ...rest,
    actorName,
    actionName: actionName(row.action) ?? null,
    objectTypeName: row.objectType ? (OBJECT_TYPES[row.objectType as keyof typeof OBJECT_TYPES] ?? null) : null,
    objectName,
  };
}

/** The filter as the log's own row records it (instants as ISO text). */
const filterDetail = (filter: repo.AuditFilter) => ({ ...filter, from: filter.from?.toISOString(), to: filter.to?.toISOString() });

/**
 * One page of the log for the audit admin. Reading the log is itself recorded (one insert, no lock)
 * before the page is answered, so no page leaves the server without a trace.
 */
export async function readLog(db: Db, ctx: AuditContext, query: AuditQuery) {
  const { page, pageSize, sort, order, ...filter } = query;
  const { items, counted } = await repo.listRows(db, filter, { sort, order }, page, pageSize);
  const totals = cappedTotal(counted);
  await record(db, ctx, { action: 'audit.read', detail: { ...filterDetail(filter), page, pageSize, ...totals } });
  return { items: items.map(present), ...totals, page, pageSize };
}

/** At most this many rows go into one export, newest first; the sheet says so when the filter matched more. */
export const EXPORT_MAX_ROWS = 5000;

const RESULT_NAMES = { success: '成功', failure: '失败', denied: '拒绝' } as const;

/** Characters XML 1.0 cannot hold: one in a cell (a typed filter, a name) and WPS or Excel call the file corrupt. */
// eslint-disable-next-line no-control-regex -- matching those characters is the point
const cellText = (s: string) => s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');

/**
 * The rows of the current filter as an Excel workbook a civil servant hands on: the filter written
 * above a frozen header row, A4 landscape, Beijing times, names beside codes. Recorded like a read.
 */
export async function exportLog(db: Db, ctx: AuditContext, filter: repo.AuditFilter) {
  const { items, counted } = await repo.listRows(db, filter, {}, 1, EXPORT_MAX_ROWS);
  const { total, totalCapped } = cappedTotal(counted);
  const rows = items.map(present);
  const book = await workbook();
  const sheet = book.addWorksheet('审计日志', {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    views: [{ state: 'frozen', ySplit: 4 }],
  });
  const now = new Date();
  const said = [
    filter.action && `操作：${actionName(filter.action)?.zh ?? filter.action}`,
    filter.actorUsername && `操作人：${filter.actorUsername}`,
    filter.result && `结果：${RESULT_NAMES[filter.result]}`,
    filter.objectType && `对象：${OBJECT_TYPES[filter.objectType as keyof typeof OBJECT_TYPES]?.zh ?? filter.objectType}${filter.objectId ? ` ${filter.objectId}` : ''}`,
    filter.from && `起：${shanghaiDateTime(filter.from)}`,
    filter.to && `止：${shanghaiDateTime(filter.to)}`,
  ].filter(Boolean);
  sheet.addRow([`审计日志（导出于 ${shanghaiDateTime(now)}）`]).font = { bold: true, size: 14 };
  sheet.addRow([cellText(`筛选条件：${said.length ? said.join('；') : '全部'}`)]);
  const matched = totalCapped ? `超过 ${total} 条` : `共 ${total} 条`;
  sheet.addRow([total > rows.length ? `${matched}，仅导出最新 ${rows.length} 条，请缩小筛选范围后分批导出` : matched]);
  const columns = [
    { header: '时间（北京时间）', width: 20, value: (r: (typeof rows)[number]) => shanghaiIso(r.at).slice(0, 16) },
    { header: '操作人', width: 16, value: (r: (typeof rows)[number]) => r.actorUsername ?? '' },
    { header: '姓名', width: 12, value: (r: (typeof rows)[number]) => r.actorName ?? '' },
    { header: '操作', width: 22, value: (r: (typeof rows)[number]) => r.actionName?.zh ?? r.action },
    { header: '操作代码', width: 26, value: (r: (typeof rows)[number]) => r.action },
    { header: '对象类型', width: 12, value: (r: (typeof rows)[number]) => r.objectTypeName?.zh ?? r.objectType ?? '' },
    { header: '对象', width: 40, value: (r: (typeof rows)[number]) => r.objectName ?? r.objectId ?? '' },
    { header: '结果', width: 8, value: (r: (typeof rows)[number]) => RESULT_NAMES[r.result] },
    { header: 'IP 地址', width: 16, value: (r: (typeof rows)[number]) => r.ip ?? '' },
  ];
  columns.forEach((c, i) => (sheet.getColumn(i + 1).width = c.width));
  sheet.addRow(columns.map((c) => c.header)).font = { bold: true };
  for (const r of rows) sheet.addRow(columns.map((c) => cellText(c.value(r))));
  const buffer = await xlsxBuffer(book);
  await record(db, ctx, { action: 'audit.export', detail: { ...filterDetail(filter), total, ...(totalCapped ? { totalCapped } : {}), rows: rows.length } });
  return { buffer, fileName: `审计日志-${shanghaiDate(now)}.xlsx` };
}

/** The catalogue as the filter's choices: every code with its names, in catalogue order. */
export function actionChoices() {
  return Object.entries(AUDIT_ACTIONS).map(([code, name]) => ({ code, ...name }));
}

/** Checks the chain (all of it, or as `options` say), then records who checked it and what they saw. */
export async function verifyAndRecord(chain: ChainContext, ctx: AuditContext, options: VerifyOptions = {}): Promise<VerifyResult> {
  const result = await verify(chain, options);
  await record(chain.db, ctx, { action: 'audit.verify', result: result.ok ? 'success' : 'failure', detail: { ...result } });
  return result;
}
