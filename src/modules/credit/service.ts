import type { Db, DbOrTx } from '../../db/client.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import {
  nextStatus,
  notifyApplicant,
  requireSubmissionFacts,
  submissionFacts,
  transitionInTx,
} from '../workflow/index.ts';
import * as audit from '../audit/index.ts';
import type { AuditContext } from '../audit/index.ts';
import { addTable, shanghaiDate, workbook, xlsxBuffer } from '../documents/index.ts';
import { authoriseFiles } from '../files/index.ts';
import { cancelFilingsForFraud } from '../filings/index.ts';
import { proposeRevocationInTx } from '../revocation/index.ts';
import { inJurisdiction, type Actor } from '../../shared/actor.ts';
import { can } from './policy.ts';
import * as repo from './repository.ts';
import { BEIJING_OFFSET_MS } from '../../shared/beijing-time.ts';

export type { CreditRecord } from './repository.ts';

/**
 * The credit record banning `orgId` from applying at `at` (002 §四.(一).3: two years from the
 * finding), or undefined. Submission refuses while one runs.
 */
export function activeBan(db: DbOrTx, orgId: string, at: Date = new Date()): Promise<repo.CreditRecord | undefined> {
  return repo.activeBan(db, orgId, at);
}

/**
 * Where a ban found at `foundAt` ends: the start (00:00 Asia/Shanghai) of the same calendar date two
 * years later, so "在2028年11月22日前不能提交" reads as the record says. A finding on 29 February
 * runs to 1 March (the date does not exist two years later; the ban must not be shorter).
 */
export function banEndFor(foundAt: Date): Date {
  const local = new Date(foundAt.getTime() + BEIJING_OFFSET_MS);
  return new Date(Date.UTC(local.getUTCFullYear() + 2, local.getUTCMonth(), local.getUTCDate()) - BEIJING_OFFSET_MS);
}

const present = (r: repo.CreditRecord, org: { orgName: string; uscc: string | null }, now = new Date()) => ({
  id: r.id,
  orgId: r.orgId,
  orgName: org.orgName,
  uscc: org.uscc,
  reason: r.reason,
  subjectType: r.subjectType,
  subjectId: r.subjectId,
  evidenceFileId: r.evidenceFileId,
  foundAt: r.foundAt,
  banUntil: r.banUntil,
  /** The ban still runs. */
  active: r.banUntil > now && r.foundAt <= now,
});

export interface FindingInput {
  applicationId: string;
  reason: string;
  evidenceFileId: string;
}

/**
 * 弄虚作假认定 (002 §四.(一).3): in one transaction the application is cancelled for fraud, its
 * filings are cancelled and struck from published lists, the operator gets a credit record banning
 * it for two years, the audit row is written and the applicant is told.
 */
export async function recordFraudFinding(db: Db, actor: Actor, ctx: AuditContext, input: FindingInput) {
  const facts = await submissionFacts(db, input.applicationId);
  if (!facts || !inJurisdiction(actor, facts.space.regionPath)) throw notFound({ zh: '申请不存在', en: 'No such application' });
  if (!can(actor, 'credit.find', { spaceRegionPath: facts.space.regionPath, chain: facts.chain })) throw new AppError('FORBIDDEN');
  nextStatus(facts.app.status, 'cancel_for_fraud');
  const [evidence] = await authoriseFiles(db, actor, 'file.attach', [input.evidenceFileId]).catch(() => {
    throw new AppError('NOT_FOUND', {
      zh: 'body.evidenceFileId：证明材料文件不存在（请先由本单位上传）',
      en: 'body.evidenceFileId: no such evidence file (upload it from your organisation first)',
      fields: [{ field: 'body.evidenceFileId', message: '证明材料文件不存在', messageEn: 'no such file' }],
    });
  });
  const foundAt = new Date();
  const record = await db.transaction(async (tx) => {
    await transitionInTx(tx, ctx, actor, facts.app.id, { action: 'cancel_for_fraud', note: input.reason, detail: { evidenceFileId: evidence!.id } });
    await cancelFilingsForFraud(tx, facts.app.id, input.reason);
    const row = await repo.insert(tx, {
      orgId: facts.app.operatorOrgId,
      reason: input.reason,
      subjectType: 'application',
      subjectId: facts.app.id,
      evidenceFileId: evidence!.id,
      foundAt,
      banUntil: banEndFor(foundAt),
      createdBy: actor.userId,
    });
    await audit.recordInTx(tx, ctx, {
      action: 'credit.fraud_found',
      objectType: 'credit_record',
      objectId: row.id,
      detail: { applicationId: facts.app.id, orgId: row.orgId, banUntil: row.banUntil.toISOString(), evidenceSha256: evidence!.sha256 },
    });
    await notifyApplicant(tx, (await requireSubmissionFacts(tx, facts.app.id)), 'fraud.found', { note: input.reason });
    // The filings the application gave are cancelled above; a filing the space holds from an earlier
    // application goes the revocation's way (verified, published for objections, decided).
    await proposeRevocationInTx(tx, ctx, {
      spaceId: facts.space.id,
      ground: 'fraud',
      evidence: {
        summary: `认定弄虚作假：${input.reason}`,
        refs: [
          { type: 'credit_record', id: row.id, label: `不良科技信用记录（${shanghaiDate(foundAt)}）：${input.reason}`, year: null, link: '/app/credit' },
          { type: 'application', id: facts.app.id, label: `“${facts.call.title}”的申请`, year: null, link: `/app/applications/${facts.app.id}` },
        ],
      },
    });
    return row;
  });
  return present(record, { orgName: facts.space.operator.name, uscc: facts.space.operator.uscc });
}

/** An organisation's credit records, newest first (a space's timeline; the caller checked the reader's scope). */
export async function creditRecordsOf(db: DbOrTx, orgId: string) {
  const { items } = await repo.list(db, { orgId }, {}, 100);
  return items.map((i) => present(i.record, i));
}

/** Which records the actor reads: an operator its own; governing staff those of its jurisdiction. */
function scopeOf(actor: Actor): repo.RecordFilter {
  if (!can(actor, 'credit.read')) throw new AppError('FORBIDDEN');
  return actor.org.kind === 'operator' ? { orgId: actor.org.id } : { withinPath: actor.jurisdictionPath! };
}

/** The columns the credit records sort by. */
export const RECORD_SORTS = repo.RECORD_SORTS;

export async function listCreditRecords(db: Db, actor: Actor, query: repo.RecordSort & { q?: string | undefined; page: number; pageSize: number }) {
  const { page, pageSize } = query;
  const { items, total } = await repo.list(db, { ...scopeOf(actor), q: query.q }, query, pageSize, (page - 1) * pageSize);
  return { items: items.map((i) => present(i.record, i)), total, page, pageSize };
}

/** An export holds at most this many rows; narrow with `q` beyond. */
const EXPORT_MAX = 5000;

/** The records the actor reads as an Excel workbook (Chinese headers, Asia/Shanghai dates); audited. */
export async function exportCreditRecords(db: Db, actor: Actor, ctx: AuditContext, query: { q?: string | undefined }) {
  const { items } = await repo.list(db, { ...scopeOf(actor), q: query.q }, {}, EXPORT_MAX);
  const now = new Date();
  const rows = items.map((i, n) => {
    const r = present(i.record, i, now);
    return { n: n + 1, org: r.orgName, uscc: r.uscc ?? '', reason: r.reason, found: shanghaiDate(r.foundAt), until: shanghaiDate(r.banUntil), state: r.active ? '限制中' : '已到期' };
  });
  const book = await workbook();
  addTable(
    book,
    '不良科技信用记录',
    [
      { header: '序号', key: 'n', width: 8 },
      { header: '单位名称', key: 'org', width: 36 },
      { header: '统一社会信用代码', key: 'uscc', width: 22 },
      { header: '认定事由', key: 'reason', width: 50 },
      { header: '认定日期', key: 'found', width: 16 },
      { header: '限制申报截止日期', key: 'until', width: 18 },
      { header: '状态', key: 'state', width: 10 },
    ],
    rows,
  );
  const buffer = await xlsxBuffer(book);
  await audit.record(db, ctx, { action: 'credit.records.export', objectType: 'credit_record', detail: { q: query.q ?? null, rows: items.length } });
  return { buffer, fileName: `不良科技信用记录-${shanghaiDate(now)}.xlsx` };
}
