import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../shared/actor.ts';
import type { AuditContext } from '../../shared/audit-context.ts';
import { AppError } from '../../shared/errors.ts';
import { addTable, cellText, columnLetter, workbook, xlsxBuffer } from '../documents/index.ts';
import type { SupportCategory } from '../policies/index.ts';
import { can } from './policy.ts';
import * as repo from './repository.ts';
import { PAYMENT_STATES, type BeneficiaryRole, type PaymentState } from './schema.ts';
import { CATEGORY_NAMES, prepareInputs, recordImportedInTx, ROLE_NAMES, type SupportField, type SupportInput } from './service.ts';
import { beijingDay } from '../../shared/beijing-time.ts';

export const SHEET = '扶持记录';
const ITEMS_SHEET = '可用扶持事项';

export const PAYMENT_NAMES: Record<PaymentState, string> = { planned: '待支付', paid: '已支付', partly_paid: '部分支付', suspended: '暂停支付', recovered: '已追回' };

/** The import's columns, in order; `field` is the input field a problem of the column is reported on. */
const COLUMNS = [
  { key: 'space', header: '众创空间（名称或编号）', width: 30, fields: ['spaceId'] },
  { key: 'item', header: '政策扶持事项（名称或编号）', width: 40, fields: ['supportItemId', 'policyId'] },
  { key: 'category', header: '扶持类别', width: 12, fields: ['category'] },
  { key: 'uscc', header: '受扶持单位统一社会信用代码', width: 22, fields: ['beneficiaryUscc'] },
  { key: 'name', header: '受扶持单位名称', width: 30, fields: ['beneficiaryName'] },
  { key: 'role', header: '身份（运营主体/建设（依托）主体/在孵企业）', width: 18, fields: ['beneficiaryRole'] },
  { key: 'projectTitle', header: '项目名称', width: 30, fields: ['projectTitle'] },
  { key: 'projectCode', header: '项目编号', width: 16, fields: ['projectCode'] },
  { key: 'periodFrom', header: '扶持期间起（YYYY-MM-DD）', width: 14, fields: ['periodFrom'] },
  { key: 'periodTo', header: '扶持期间止（YYYY-MM-DD）', width: 14, fields: ['periodTo'] },
  { key: 'invoiceNos', header: '发票号（多个以、分隔）', width: 24, fields: ['invoiceNos'] },
  { key: 'contractNos', header: '合同号（多个以、分隔）', width: 24, fields: ['contractNos'] },
  { key: 'areaM2', header: '面积（m²）', width: 10, fields: ['areaM2'] },
  { key: 'months', header: '月数', width: 8, fields: ['months'] },
  { key: 'amountYuan', header: '金额（元）', width: 14, fields: ['amountYuan'] },
  { key: 'grantedOn', header: '授予日期（YYYY-MM-DD）', width: 14, fields: ['grantedOn'] },
  { key: 'paymentState', header: '支付状态', width: 10, fields: ['paymentState'] },
] as const satisfies readonly { key: string; header: string; width: number; fields: readonly SupportField[] }[];
type ColumnKey = (typeof COLUMNS)[number]['key'];

const MAX_IMPORT_ROWS = 2000;

/** A calendar date 'YYYY-MM-DD' that exists, from 1949-10-01 on. */
const isDate = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v) && v >= '1949-10-01' && v <= '2100-12-31' && new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) === v;

const byName = <K extends string>(names: Record<K, string>) => new Map(Object.entries(names).map(([k, v]) => [v as string, k as K]));

function requireGrantor(actor: Actor) {
  if (!can(actor, 'support.record')) throw new AppError('FORBIDDEN');
  return actor.jurisdictionPath!;
}

/** The import template: the headers, one example row, and a sheet of the support items the department may grant under (published policies in force of its branch of the region tree). */
export async function importTemplate(db: Db, actor: Actor) {
  const path = requireGrantor(actor);
  const items = await repo.validSupportItems(db, path);
  const example = items[0];
  const book = await workbook();
  const sheet = addTable(book, SHEET, COLUMNS.map(({ key, header, width }) => ({ key, header, width })), [
    {
      space: '示例：沈阳智能机器人专业化众创空间',
      item: example?.title ?? '（见“可用扶持事项”表）',
      category: example ? CATEGORY_NAMES[example.category] : CATEGORY_NAMES.rent,
      uscc: '91210112MA0XXXXXXX',
      name: '示例：沈阳新锐智造众创科技有限公司',
      role: ROLE_NAMES.operator,
      projectTitle: '2025年度众创空间房租补贴',
      projectCode: 'SYKJ-2025-001',
      periodFrom: '2025-01-01',
      periodTo: '2025-06-30',
      invoiceNos: '21012345、21012346',
      contractNos: 'HT-2025-018',
      areaM2: 1200,
      months: 6,
      amountYuan: 180000,
      grantedOn: '2025-07-15',
      paymentState: PAYMENT_NAMES.planned,
    },
  ]);
  sheet.getRow(2).font = { italic: true, color: { argb: 'FF888888' } };
  addTable(
    book,
    ITEMS_SHEET,
    [
      { key: 'id', header: '扶持事项编号', width: 38 },
      { key: 'title', header: '扶持事项', width: 50 },
      { key: 'category', header: '扶持类别', width: 12 },
      { key: 'capWan', header: '上限（万元）', width: 12 },
      { key: 'policyTitle', header: '政策依据', width: 50 },
      { key: 'docNo', header: '发文字号', width: 22 },
    ],
    items.map((i) => ({ id: i.id, title: i.title, category: CATEGORY_NAMES[i.category], capWan: i.capWan === null ? '' : Number(i.capWan), policyTitle: i.policyTitle, docNo: i.docNo ?? '' })),
  );
  return { buffer: await xlsxBuffer(book), fileName: `扶持记录导入模板-${beijingDay()}.xlsx` };
}

/** One bad cell of an import, named as a person finds it in the workbook. */
export interface ImportProblem {
  row: number;
  column: string;
  header: string;
  message: string;
  messageEn: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CATEGORIES = byName(CATEGORY_NAMES);
const ROLES = byName(ROLE_NAMES);
const PAYMENTS = byName(PAYMENT_NAMES);

/**
 * Imports a workbook of supports, all or nothing: every cell is checked (the layout, then each row's
 * cells, then the rows against the register's rules: space in the jurisdiction, support item and
 * policy in force, USCC), and any problem refuses the whole file naming row and column of each;
 * otherwise every row is recorded as a draft in one transaction under one import batch id.
 */
export async function importSupports(db: Db, actor: Actor, ctx: AuditContext, buffer: Buffer) {
  const path = requireGrantor(actor);
  const book = await workbook();
  try {
    await book.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw new AppError('VALIDATION_FAILED', { zh: 'file：无法读取该 Excel 文件（应为 .xlsx）', en: 'file: the Excel workbook cannot be read (.xlsx expected)', fields: [{ field: 'file', message: '无法读取该 Excel 文件', messageEn: 'unreadable workbook' }] });
  }
  const sheet = book.getWorksheet(SHEET) ?? book.worksheets[0];
  const problems: ImportProblem[] = [];
  const bad = (row: number, key: ColumnKey, zh: string, en: string) => {
    const i = COLUMNS.findIndex((c) => c.key === key);
    problems.push({ row, column: columnLetter(i), header: COLUMNS[i]!.header, message: zh, messageEn: en });
  };
  if (!sheet) refuseImport([{ row: 0, column: '', header: '', message: '工作簿中没有工作表', messageEn: 'the workbook has no sheet' }]);
  COLUMNS.forEach((c, i) => {
    const found = cellText(sheet.getRow(1).getCell(i + 1).value);
    if (found !== c.header) problems.push({ row: 1, column: columnLetter(i), header: c.header, message: `表头应为“${c.header}”，实为“${found}”（请使用导入模板）`, messageEn: `header should read "${c.header}" (use the template)` });
  });
  if (problems.length) refuseImport(problems);
  if (sheet.rowCount - 1 > MAX_IMPORT_ROWS) refuseImport([{ row: MAX_IMPORT_ROWS + 2, column: '', header: '', message: `一次最多导入 ${MAX_IMPORT_ROWS} 行`, messageEn: `at most ${MAX_IMPORT_ROWS} rows per import` }]);

  // Read every row's text first, then resolve the names the rows use in two statements.
  const raw: { row: number; text: (key: ColumnKey) => string }[] = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const cells = sheet.getRow(r);
    const text = (key: ColumnKey) => cellText(cells.getCell(COLUMNS.findIndex((c) => c.key === key) + 1).value);
    if (COLUMNS.every((c) => !text(c.key))) continue;
    // The template's example row is there to be overwritten, never imported.
    if (text('space').startsWith('示例')) continue;
    raw.push({ row: r, text });
  }
  if (!raw.length) refuseImport([{ row: 2, column: '', header: '', message: '没有可导入的数据行', messageEn: 'no rows to import' }]);
  const [items, named] = await Promise.all([repo.validSupportItems(db, path), repo.filedSpacesNamed(db, path, [...new Set(raw.map((x) => x.text('space')).filter((s) => s && !UUID.test(s)))])]);

  const inputs: SupportInput[] = [];
  const rowOf: number[] = [];
  for (const { row, text } of raw) {
    const required = (key: ColumnKey) => {
      const v = text(key);
      if (!v) bad(row, key, '必填', 'required');
      return v;
    };
    const date = (key: ColumnKey) => {
      const v = required(key);
      if (v && !isDate(v)) bad(row, key, '应为有效日期，格式 YYYY-MM-DD', 'must be a real date, YYYY-MM-DD');
      return v;
    };
    const number = (key: ColumnKey, opts: { integer?: boolean; positive?: boolean }) => {
      const v = text(key);
      if (!v) return null;
      const n = Number(v.replace(/,/g, ''));
      if (!Number.isFinite(n) || n < 0 || (opts.positive && n === 0) || (opts.integer && !Number.isInteger(n)) || n >= 1e12 || Math.round(n * 100) !== n * 100) {
        bad(row, key, opts.integer ? '应为非负整数' : opts.positive ? '应为大于 0 的数（至多两位小数）' : '应为非负数（至多两位小数）', opts.integer ? 'a non-negative integer' : 'a number with at most two decimals');
        return null;
      }
      return n;
    };
    const spaceText = required('space');
    const spaces = UUID.test(spaceText) ? [{ id: spaceText.toLowerCase() }] : named.filter((s) => s.name === spaceText);
    if (spaceText && !spaces.length) bad(row, 'space', '辖区内没有该名称的已备案众创空间', 'no filed space of that name in your jurisdiction');
    if (spaces.length > 1) bad(row, 'space', '辖区内有多个同名众创空间，请填写编号', 'several spaces have that name; enter its id');
    const itemText = required('item');
    const matching = items.filter((i) => i.id === itemText.toLowerCase() || i.title === itemText);
    if (itemText && !matching.length) bad(row, 'item', '不是可用的政策扶持事项（见“可用扶持事项”表）', 'not an available support item (see the items sheet)');
    if (matching.length > 1) bad(row, 'item', '多个政策有同名扶持事项，请填写扶持事项编号', 'several policies have an item of that name; enter its id');
    const categoryText = required('category');
    const category = CATEGORIES.get(categoryText) as SupportCategory | undefined;
    if (categoryText && !category) bad(row, 'category', `应为：${Object.values(CATEGORY_NAMES).join('、')}`, 'not a support category');
    const roleText = required('role');
    const role = ROLES.get(roleText) as BeneficiaryRole | undefined;
    if (roleText && !role) bad(row, 'role', `应为：${Object.values(ROLE_NAMES).join('、')}`, 'not a beneficiary role');
    const paymentText = text('paymentState');
    const paymentState = paymentText ? (PAYMENTS.get(paymentText) as PaymentState | undefined) : 'planned';
    if (!paymentState) bad(row, 'paymentState', `应为：${PAYMENT_STATES.map((p) => PAYMENT_NAMES[p]).join('、')}`, 'not a payment state');
    const name = required('name');
    if (name.length > 200) bad(row, 'name', '名称不超过 200 字', 'at most 200 characters');
    const projectTitle = required('projectTitle');
    if (projectTitle.length > 300) bad(row, 'projectTitle', '项目名称不超过 300 字', 'at most 300 characters');
    const amount = number('amountYuan', { positive: true });
    if (!text('amountYuan')) bad(row, 'amountYuan', '必填', 'required');
    const split = (key: ColumnKey) => text(key).split(/[、,，;；\s]+/).filter(Boolean);
    const input: SupportInput = {
      policyId: matching[0]?.policyId ?? '',
      supportItemId: matching[0]?.id ?? '',
      category: category ?? 'other',
      beneficiaryUscc: required('uscc'),
      beneficiaryName: name,
      beneficiaryRole: role ?? 'incubatee',
      spaceId: spaces[0]?.id ?? '',
      projectTitle,
      projectCode: text('projectCode') || null,
      periodFrom: date('periodFrom'),
      periodTo: date('periodTo'),
      invoiceNos: split('invoiceNos'),
      contractNos: split('contractNos'),
      areaM2: number('areaM2', {}),
      months: number('months', { integer: true }),
      amountYuan: amount ?? 0,
      grantedOn: date('grantedOn'),
      paymentState: paymentState ?? 'planned',
    };
    if (!problems.some((p) => p.row === row)) {
      inputs.push(input);
      rowOf.push(row);
    }
  }
  // The register's own rules, for the rows whose cells read well.
  const { rows, problems: ruled } = await prepareInputs(db, actor, inputs);
  for (const p of ruled) {
    const column = COLUMNS.find((c) => (c.fields as readonly string[]).includes(p.field)) ?? COLUMNS[0];
    bad(rowOf[p.index]!, column.key, p.zh, p.en);
  }
  if (problems.length) refuseImport(problems.sort((a, b) => a.row - b.row || a.column.localeCompare(b.column)));
  const batchId = randomUUID();
  const created = await db.transaction((tx) => recordImportedInTx(tx, ctx, rows, batchId));
  return { batchId, created: created.length, ids: created.map((c) => c.id) };
}

function refuseImport(problems: ImportProblem[]): never {
  const first = problems[0]!;
  throw new AppError('VALIDATION_FAILED', {
    zh: `导入失败，未保存任何记录：共 ${problems.length} 处错误，首个在第 ${first.row} 行${first.column ? ` ${first.column} 列（${first.header}）` : ''}：${first.message}`,
    en: `Import refused, nothing saved: ${problems.length} problem(s), first in row ${first.row}${first.column ? ` column ${first.column}` : ''}: ${first.messageEn}`,
    fields: problems.map((p) => ({ field: `${SHEET}!${p.column}${p.row}`, message: `第 ${p.row} 行${p.column ? ` ${p.column} 列（${p.header}）` : ''}：${p.message}`, messageEn: `row ${p.row}${p.column ? ` column ${p.column}` : ''}: ${p.messageEn}` })),
    details: { problems },
  });
}

