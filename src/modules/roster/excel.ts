import type { Db } from '../../db/client.ts';
import { AppError } from '../../shared/errors.ts';
import { KEY_INDUSTRIES, type KeyIndustry } from '../../shared/domain.ts';
import { normaliseUscc } from '../../shared/validation/uscc.ts';
import type { Actor } from '../../shared/actor.ts';
import * as audit from '../audit/index.ts';
import type { AuditContext } from '../audit/index.ts';
import { addTable, cellText, columnLetter, workbook, xlsxBuffer } from '../documents/index.ts';
import { KEY_INDUSTRY_NAMES } from '../spaces/index.ts';
import * as repo from './repository.ts';
import { incubateeProblems, type IncubateeInput } from './rules.ts';
import { FOUNDER_TYPES, INCUBATEE_STATUSES, type FounderType, type IncubateeKind, type IncubateeStatus } from './schema.ts';
import { editableSpace, listRoster, scopeOf, type ListQuery } from './service.ts';
import { beijingDay } from '../../shared/beijing-time.ts';

export const SHEET = '在孵企业名册';

export const KIND_NAMES: Record<IncubateeKind, string> = { team: '团队', enterprise: '企业' };
export const STATUS_NAMES: Record<IncubateeStatus, string> = { resident: '在孵', graduated: '毕业', exited: '退出', moved: '迁出', deregistered: '注销/吊销' };
export const FOUNDER_NAMES: Record<FounderType, string> = { student: '大学生', researcher: '科技人员', returnee: '留学归国', executive: '大企业高管离职', foreign: '外籍', serial: '连续创业' };

/**
 * The one column layout of export and import. Columns marked `derived` are written by the export
 * for the reader and not read back (the space is the one imported into; financing rounds are
 * entered one by one).
 */
const COLUMNS = [
  { key: 'space', header: '所属众创空间', width: 30, derived: true },
  { key: 'kind', header: '类型（团队/企业）', width: 12 },
  { key: 'name', header: '名称', width: 30 },
  { key: 'uscc', header: '统一社会信用代码', width: 22 },
  { key: 'entryDate', header: '入驻日期', width: 13 },
  { key: 'industry', header: '领域', width: 14 },
  { key: 'subField', header: '细分领域', width: 18 },
  { key: 'founderTypes', header: '创业者类型（可多选，以、分隔）', width: 26 },
  { key: 'jobs', header: '吸纳就业（人）', width: 12 },
  { key: 'graduatesHired', header: '其中应届毕业生（人）', width: 14 },
  { key: 'validIp', header: '有效知识产权（件）', width: 14 },
  { key: 'inventionPatents', header: '其中发明专利（件）', width: 14 },
  { key: 'newlyRegistered', header: '新注册企业（是/否）', width: 12 },
  { key: 'registeredOn', header: '注册日期', width: 13 },
  { key: 'status', header: '状态', width: 11 },
  { key: 'statusDate', header: '状态日期', width: 13 },
  { key: 'movedTo', header: '迁入载体', width: 24 },
  { key: 'contactName', header: '联系人', width: 10 },
  { key: 'contactMobile', header: '联系电话', width: 15 },
  { key: 'investmentYuan', header: '累计获得投资（元）', width: 16, derived: true },
] as const;
type ColumnKey = (typeof COLUMNS)[number]['key'];

/** An export holds at most this many rows; filter beyond. */
const EXPORT_MAX = 5000;

/** The roster the actor reads, filtered as the list is, as one sheet in the import's layout; audited. */
export async function exportRoster(db: Db, actor: Actor, ctx: AuditContext, q: Omit<ListQuery, 'page' | 'pageSize'>) {
  scopeOf(actor);
  const { items } = await listRoster(db, actor, { ...q, page: 1, pageSize: EXPORT_MAX });
  const rows = items.map((i): Record<ColumnKey, unknown> => ({
    space: i.spaceName,
    kind: KIND_NAMES[i.kind],
    name: i.name,
    uscc: i.uscc ?? '',
    entryDate: i.entryDate,
    industry: i.industryName ?? '',
    subField: i.subField ?? '',
    founderTypes: i.founderTypes.map((t) => FOUNDER_NAMES[t]).join('、'),
    jobs: i.jobs,
    graduatesHired: i.graduatesHired,
    validIp: i.validIp,
    inventionPatents: i.inventionPatents,
    newlyRegistered: i.newlyRegistered ? '是' : '否',
    registeredOn: i.registeredOn ?? '',
    status: STATUS_NAMES[i.status],
    statusDate: i.statusDate,
    movedTo: i.movedTo ?? '',
    contactName: i.contactName ?? '',
    contactMobile: i.contactMobile ?? '',
    investmentYuan: i.investmentYuan,
  }));
  const book = await workbook();
  const sheet = addTable(book, SHEET, COLUMNS.map(({ key, header, width }) => ({ key, header, width })), rows);
  sheet.pageSetup = { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
  const buffer = await xlsxBuffer(book);
  await audit.record(db, ctx, { action: 'roster.export', objectType: 'incubatee', detail: { filter: { spaceId: q.spaceId ?? null, status: q.status ?? null, entryYear: q.entryYear ?? null, q: q.q ?? null }, rows: items.length } });
  return { buffer, fileName: `在孵企业名册-${beijingDay()}.xlsx` };
}

/** One bad cell of an import, named as a person finds it in the workbook. */
export interface ImportProblem {
  sheet: string;
  row: number;
  column: string;
  header: string;
  message: string;
  messageEn: string;
}

const MAX_IMPORT_ROWS = 2000;
/** A calendar date 'YYYY-MM-DD' that exists (no 2025-02-30), from 1900 on. */
const isDate = (v: string) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m || v < '1900-01-01') return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === v;
};

const byName = <K extends string>(names: Record<K, string>) => new Map(Object.entries(names).map(([k, v]) => [v as string, k as K]));
const KINDS = byName(KIND_NAMES);
const STATUSES = byName(STATUS_NAMES);
const FOUNDERS = byName(FOUNDER_NAMES);
const INDUSTRIES = byName(KEY_INDUSTRY_NAMES as Record<KeyIndustry, string>);

interface ParsedRow {
  input: IncubateeInput;
  status: IncubateeStatus;
  statusDate: string;
  movedTo: string | null;
}

/**
 * Reads the workbook's first sheet in the export's layout and checks every cell; the first problem
 * does not stop the reading, so the answer lists them all.
 */
export async function parseRoster(buffer: Buffer, today = beijingDay()): Promise<{ rows: ParsedRow[]; problems: ImportProblem[] }> {
  const book = await workbook();
  try {
    await book.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw new AppError('VALIDATION_FAILED', { zh: 'file：无法读取该 Excel 文件（应为 .xlsx）', en: 'file: the Excel workbook cannot be read (.xlsx expected)', fields: [{ field: 'file', message: '无法读取该 Excel 文件', messageEn: 'unreadable workbook' }] });
  }
  const sheet = book.worksheets[0];
  const problems: ImportProblem[] = [];
  const rows: ParsedRow[] = [];
  if (!sheet) return { rows, problems: [{ sheet: '', row: 0, column: '', header: '', message: '工作簿中没有工作表', messageEn: 'the workbook has no sheet' }] };
  const header = sheet.getRow(1);
  COLUMNS.forEach((c, i) => {
    const found = cellText(header.getCell(i + 1).value);
    if (found !== c.header)
      problems.push({ sheet: sheet.name, row: 1, column: letter(i), header: c.header, message: `表头应为“${c.header}”，实为“${found}”（请使用导出的模板）`, messageEn: `header should read "${c.header}" (use the exported layout)` });
  });
  if (problems.length) return { rows, problems };
  if (sheet.rowCount - 1 > MAX_IMPORT_ROWS)
    return { rows, problems: [{ sheet: sheet.name, row: MAX_IMPORT_ROWS + 2, column: '', header: '', message: `一次最多导入 ${MAX_IMPORT_ROWS} 行`, messageEn: `at most ${MAX_IMPORT_ROWS} rows per import` }] };
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const text = (key: ColumnKey) => cellText(row.getCell(COLUMNS.findIndex((c) => c.key === key) + 1).value);
    if (COLUMNS.every((c) => !text(c.key))) continue;
    const bad = (key: ColumnKey, zh: string, en: string) => {
      const i = COLUMNS.findIndex((c) => c.key === key);
      problems.push({ sheet: sheet.name, row: r, column: letter(i), header: COLUMNS[i]!.header, message: zh, messageEn: en });
    };
    const required = (key: ColumnKey) => {
      const v = text(key);
      if (!v) bad(key, '必填', 'required');
      return v;
    };
    const date = (key: ColumnKey, need: boolean) => {
      const v = need ? required(key) : text(key);
      if (v && !isDate(v)) bad(key, '应为 1900 年以后的有效日期，格式 YYYY-MM-DD', 'must be a real date from 1900 on, YYYY-MM-DD');
      return v && isDate(v) ? v : null;
    };
    const count = (key: ColumnKey) => {
      const v = text(key);
      if (!v) return 0;
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0 || n > 1_000_000) {
        bad(key, '应为非负整数', 'must be a non-negative integer');
        return 0;
      }
      return n;
    };
    const kindText = required('kind');
    const kind = KINDS.get(kindText);
    if (kindText && !kind) bad('kind', '应为“团队”或“企业”', 'must be 团队 or 企业');
    const name = required('name');
    if (name.length > 200) bad('name', '名称不超过 200 字', 'at most 200 characters');
    const entryDate = date('entryDate', true);
    const industryText = text('industry');
    const industry = industryText ? INDUSTRIES.get(industryText) : undefined;
    if (industryText && !industry) bad('industry', `应为：${KEY_INDUSTRIES.map((k) => KEY_INDUSTRY_NAMES[k]).join('、')}`, 'not one of the key industries');
    const founderTypes: FounderType[] = [];
    for (const part of text('founderTypes').split(/[、,，;；]/).map((s) => s.trim()).filter(Boolean)) {
      const t = FOUNDERS.get(part);
      if (t) founderTypes.push(t);
      else bad('founderTypes', `“${part}”不是创业者类型（${FOUNDER_TYPES.map((t) => FOUNDER_NAMES[t]).join('、')}）`, `"${part}" is not a founder type`);
    }
    const flag = text('newlyRegistered');
    if (flag && flag !== '是' && flag !== '否') bad('newlyRegistered', '应为“是”或“否”', 'must be 是 or 否');
    const statusText = text('status') || STATUS_NAMES.resident;
    const status = STATUSES.get(statusText);
    if (!status) bad('status', `应为：${INCUBATEE_STATUSES.map((s) => STATUS_NAMES[s]).join('、')}`, 'not a roster status');
    const statusDate = date('statusDate', status !== undefined && status !== 'resident');
    if (status === 'moved' && !text('movedTo')) bad('movedTo', '迁出须填写迁入载体', 'a move needs the carrier it went to');
    if (statusDate && entryDate && statusDate < entryDate) bad('statusDate', '状态日期不能早于入驻日期', 'cannot be before the entry date');
    for (const key of ['contactName', 'contactMobile'] as const)
      if (text(key).includes('*')) bad(key, '为遮蔽后的值，请填写完整内容', 'a masked value; enter it in full');
    if (statusDate && statusDate > today) bad('statusDate', '状态日期不能晚于今天', 'cannot be in the future');
    const input: IncubateeInput = {
      kind: kind ?? 'team',
      name,
      uscc: text('uscc') ? normaliseUscc(text('uscc')) : null,
      entryDate: entryDate ?? today,
      industry: industry ?? null,
      subField: text('subField') || null,
      founderTypes,
      jobs: count('jobs'),
      graduatesHired: count('graduatesHired'),
      validIp: count('validIp'),
      inventionPatents: count('inventionPatents'),
      newlyRegistered: flag === '是',
      registeredOn: date('registeredOn', false),
      contactName: text('contactName') || null,
      contactMobile: text('contactMobile') || null,
    };
    // The rules across fields, for the cells not already found bad (one message per cell).
    const badCells = new Set(problems.filter((p) => p.row === r).map((p) => p.column));
    for (const p of incubateeProblems(input, today)) if (!badCells.has(letter(COLUMNS.findIndex((c) => c.key === p.field)))) bad(p.field as ColumnKey, p.zh, p.en);
    rows.push({ input, status: status ?? 'resident', statusDate: status === 'resident' ? input.entryDate : (statusDate ?? input.entryDate), movedTo: text('movedTo') || null });
  }
  if (!rows.length && !problems.length) problems.push({ sheet: sheet.name, row: 2, column: '', header: '', message: '没有可导入的数据行', messageEn: 'no rows to import' });
  return { rows, problems };
}

const letter = columnLetter;

/**
 * Imports a workbook into one space's roster, all or nothing: any bad cell refuses the whole file
 * (naming sheet, row and column of each) and nothing is saved.
 */
export async function importRoster(db: Db, actor: Actor, ctx: AuditContext, spaceId: string, buffer: Buffer) {
  await editableSpace(db, actor, spaceId);
  const { rows, problems } = await parseRoster(buffer);
  if (problems.length) {
    const first = problems[0]!;
    throw new AppError('VALIDATION_FAILED', {
      zh: `导入失败，未保存任何数据：共 ${problems.length} 处错误，首个在工作表“${first.sheet}”第 ${first.row} 行 ${first.column} 列（${first.header}）：${first.message}`,
      en: `Import refused, nothing saved: ${problems.length} problem(s), first in sheet "${first.sheet}" row ${first.row} column ${first.column}: ${first.messageEn}`,
      fields: problems.map((p) => ({ field: `${p.sheet}!${p.column}${p.row}`, message: `第 ${p.row} 行 ${p.column} 列（${p.header}）：${p.message}`, messageEn: `row ${p.row} column ${p.column}: ${p.messageEn}` })),
      details: { problems },
    });
  }
  const created = await db.transaction(async (tx) => {
    const inserted = await repo.insertMany(
      tx,
      rows.map((r) => ({
        ...r.input,
        uscc: r.input.uscc ?? null,
        spaceId,
        founderTypes: [...new Set(r.input.founderTypes)],
        registeredOn: r.input.newlyRegistered ? (r.input.registeredOn ?? null) : null,
        status: r.status,
        statusDate: r.statusDate,
        leftOn: r.status === 'resident' ? null : r.statusDate,
        movedTo: r.status === 'moved' ? r.movedTo : null,
      })),
    );
    await repo.insertStatusEvents(
      tx,
      inserted.flatMap((i) => [
        { incubateeId: i.id, fromStatus: null, toStatus: 'resident' as const, effectiveOn: i.entryDate, note: '批量导入', actorUserId: actor.userId },
        ...(i.status === 'resident' ? [] : [{ incubateeId: i.id, fromStatus: 'resident' as const, toStatus: i.status, effectiveOn: i.statusDate, note: '批量导入', actorUserId: actor.userId }]),
      ]),
    );
    await audit.recordInTx(tx, ctx, { action: 'roster.import', objectType: 'space', objectId: spaceId, detail: { rows: inserted.length } });
    return inserted.length;
  });
  return { created };
}
