import type { Db } from '../../db/client.ts';
import type { Actor } from '../../shared/actor.ts';
import * as audit from '../audit/index.ts';
import type { AuditContext } from '../audit/index.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import { addTable, workbook, xlsxBuffer, xlsxStream } from '../documents/index.ts';
import { findCatalogue } from './catalogues.ts';
import { can } from './policy.ts';
import * as repo from './repository.ts';
import type { CatalogueDefinition } from './catalogue-types.ts';
import type { ReturnValues } from './rules.ts';
import { displayValue, getReturn } from './service.ts';

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
  const book = await workbook();
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

/** Rows fetched per statement while a round's workbook streams. */
const EXPORT_PAGE = 1000;

/** A row of the accepted workbook: the space's region and name, and its stored values. */
export interface AcceptedRow {
  regionName: string;
  spaceName: string;
  values: ReturnValues;
}

/**
 * The accepted workbook of `rows` (pages in their order): one row per space, one column per
 * indicator headed by its label and unit (the codes on the second sheet, in column order), values
 * in the catalogue's units. Streamed as written, each page released once its rows are in the sheet.
 */
export function acceptedWorkbook(definition: CatalogueDefinition, rows: AsyncIterable<readonly AcceptedRow[]>) {
  const indicators = definition.indicators;
  const heading = (i: (typeof indicators)[number]) => (i.unit ? `${i.label}（${i.unit}）` : i.label);
  const columns = [
    { header: '所在地区', key: 'region', width: 14 },
    { header: '众创空间', key: 'space', width: 32 },
    ...indicators.map((i) => ({ header: heading(i), key: i.code, width: 16 })),
  ];
  const sheets = [
    { name: '汇总', columns },
    { name: '指标说明', columns: TORCH_COLUMNS.slice(0, 3) },
  ];
  return xlsxStream(sheets, async (summary, codes) => {
    for await (const page of rows) {
      for (const r of page) {
        const cells: unknown[] = [r.regionName, r.spaceName];
        for (const i of indicators) {
          const v = r.values[i.code];
          cells.push(v === undefined ? null : Array.isArray(v) ? v.join(',') : displayValue(i, v));
        }
        await summary.add(cells);
      }
    }
    for (const i of indicators) await codes.add([i.code, i.label, i.unit ?? '']);
  });
}

/** A round's accepted returns in the jurisdiction, in keyset pages of `EXPORT_PAGE` (by region, then name). */
async function* acceptedPages(db: Db, callId: string, jurisdiction: string) {
  for (let after: repo.AcceptedKey | null = null; ; ) {
    const page = await repo.acceptedPage(db, callId, jurisdiction, after, EXPORT_PAGE);
    yield page;
    if (page.length < EXPORT_PAGE) return;
    const last = page.at(-1)!;
    after = { path: last.path, spaceName: last.spaceName, spaceId: last.spaceId };
  }
}

/**
 * A round's accepted returns within the actor's jurisdiction as one workbook for submission upward
 * (`acceptedWorkbook`), the returns read in keyset pages, so memory stays flat whatever the
 * jurisdiction's size (a national round holds thousands); audited before the first byte.
 */
export async function exportRound(db: Db, actor: Actor, ctx: AuditContext, callId: string) {
  if (!can(actor, 'return.read_rounds')) throw new AppError('FORBIDDEN');
  const jurisdiction = actor.jurisdictionPath!;
  const round = await repo.findRoundInLine(db, callId, jurisdiction);
  if (!round) throw notFound({ zh: '填报轮次不存在', en: 'No such reporting round' });
  const [catalogue, count] = await Promise.all([findCatalogue(db, round.catalogueId), repo.acceptedCount(db, callId, jurisdiction)]);
  await db.transaction((tx) => audit.recordInTx(tx, ctx, { action: 'return_round.export', objectType: 'call', objectId: callId, detail: { format: 'xlsx', returns: count } }));
  return { stream: acceptedWorkbook(catalogue!.definition, acceptedPages(db, callId, jurisdiction)), fileName: `${round.period}统计报表汇总-${count}家.xlsx` };
}
