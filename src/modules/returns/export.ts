import type { Db } from '../../db/client.ts';
import type { Actor } from '../../shared/actor.ts';
import * as audit from '../audit/index.ts';
import type { AuditContext } from '../audit/index.ts';
import { addTable, workbook, xlsxBuffer } from '../documents/index.ts';
import { getReturn } from './service.ts';

/** The columns of a return in Torch layout: one row per indicator, the value in the catalogue's unit. */
export const TORCH_COLUMNS = [
  { header: '指标代码', key: 'code', width: 26 },
  { header: '指标名称', key: 'label', width: 36 },
  { header: '计量单位', key: 'unit', width: 10 },
  { header: '数值', key: 'value', width: 20 },
  { header: '平台数据', key: 'platform', width: 14 },
] as const;

/** One return as an Excel workbook in Torch layout (indicator code, label, unit, value in unit), for whoever may read it; audited. */
export async function exportReturn(db: Db, actor: Actor, ctx: AuditContext, id: string) {
  const r = await getReturn(db, actor, id);
  const book = workbook();
  const rows = r.catalogue.definition.indicators.map((i) => {
    const v = r.values[i.code];
    return {
      code: i.code,
      label: i.label,
      unit: i.unit ?? '',
      value: Array.isArray(v) ? v.join(',') : (v ?? ''),
      platform: r.platform[i.code] ?? '',
    };
  });
  addTable(book, '统计报表', TORCH_COLUMNS, rows);
  const info = book.addWorksheet('说明');
  info.addRows([
    ['众创空间', r.space.name],
    ['填报轮次', r.call.title],
    ['统计期间', r.period],
    ['指标目录', `${r.catalogue.name}（第${r.catalogue.version}版）`],
    ['金额单位', '千元'],
  ]);
  await db.transaction((tx) => audit.recordInTx(tx, ctx, { action: 'annual_return.export', objectType: 'annual_return', objectId: id, detail: { format: 'xlsx' } }));
  return { buffer: await xlsxBuffer(book), fileName: `${r.space.name}-${r.period}统计报表.xlsx` };
}
