import type { Readable } from 'node:stream';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../shared/actor.ts';
import { AppError, type FieldError } from '../../shared/errors.ts';
import type { AuditContext } from '../audit/index.ts';
import { workbook } from '../documents/index.ts';
import { NUMERIC_TYPES } from './catalogue-types.ts';
import { TORCH_COLUMNS } from './export.ts';
import { getReturn, saveReturn } from './service.ts';

const MAX_BYTES = 2 * 1024 * 1024;
const SHEET = '统计报表';
const COLUMN = { code: 1, value: TORCH_COLUMNS.findIndex((c) => c.key === 'value') + 1 } as const;
const letter = (n: number) => String.fromCharCode(64 + n);

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > MAX_BYTES) throw new AppError('FILE_TOO_LARGE', { zh: '文件超过 2MB', en: 'The file is larger than 2 MB' });
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * A return's values from a workbook in the export's Torch layout (sheet 统计报表: indicator code in
 * column A, the value in the catalogue's unit in column D). Every bad cell is named by sheet, row and
 * column at once and nothing is saved; a good file replaces the values as one save (optimistic lock).
 */
export async function importReturn(db: Db, actor: Actor, ctx: AuditContext, id: string, input: { revision: number; file: Readable }) {
  const current = await getReturn(db, actor, id);
  const book = await workbook();
  try {
    await book.xlsx.load((await readAll(input.file)) as unknown as ArrayBuffer);
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('VALIDATION_FAILED', { zh: '文件不是有效的 Excel 工作簿（.xlsx）', en: 'The file is not an Excel workbook (.xlsx)', fields: [{ field: 'body.file', message: '不是有效的 .xlsx 文件', messageEn: 'not an .xlsx file' }] });
  }
  const sheet = book.getWorksheet(SHEET);
  if (!sheet) throw new AppError('VALIDATION_FAILED', { zh: `工作簿中没有“${SHEET}”工作表`, en: `The workbook has no sheet "${SHEET}"`, fields: [{ field: 'body.file', message: `缺少“${SHEET}”工作表`, messageEn: `no sheet "${SHEET}"` }] });
  const byCode = new Map(current.catalogue.definition.indicators.map((i) => [i.code, i]));
  const errors: FieldError[] = [];
  const values: Record<string, unknown> = {};
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    const code = String(row.getCell(COLUMN.code).value ?? '').trim();
    if (!code) return;
    const at = (col: number) => `${SHEET}!${letter(col)}${n}`;
    const ind = byCode.get(code);
    if (!ind) return void errors.push({ field: at(COLUMN.code), message: `“${code}”不是本年度统计指标`, messageEn: `"${code}" is not an indicator of this catalogue` });
    const raw = row.getCell(COLUMN.value).value;
    if (raw === null || raw === undefined || raw === '') return;
    if (NUMERIC_TYPES.includes(ind.type)) {
      const v = typeof raw === 'number' ? raw : Number(String(raw).trim());
      if (!Number.isFinite(v)) errors.push({ field: at(COLUMN.value), message: `“${ind.label}”应为数字（${ind.unit}）`, messageEn: `"${ind.labelEn}" must be a number (${ind.unit})` });
      else values[code] = v;
    } else if (ind.type === 'text') values[code] = String(raw);
    else {
      const options = ind.options ?? [];
      const picked = String(raw)
        .split(/[,，、]/)
        .map((s) => s.trim())
        .filter(Boolean)
        .map((s) => options.find((o) => o.value === s || o.label === s)?.value ?? null);
      if (picked.some((p) => p === null) || (ind.type === 'select' && picked.length !== 1))
        errors.push({ field: at(COLUMN.value), message: `“${ind.label}”应从给定选项中选择`, messageEn: `"${ind.labelEn}" must be one of its options` });
      else values[code] = ind.type === 'select' ? picked[0] : picked;
    }
  });
  if (errors.length)
    throw new AppError('VALIDATION_FAILED', {
      zh: `导入未执行，以下单元格有误：${errors.map((e) => `${e.field}：${e.message}`).join('；')}`,
      en: `Nothing was imported; these cells are wrong: ${errors.map((e) => `${e.field}: ${e.messageEn}`).join('; ')}`,
      fields: errors,
    });
  return saveReturn(db, actor, ctx, id, { revision: input.revision, values, notes: current.notes });
}
