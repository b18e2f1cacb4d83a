import type ExcelJS from 'exceljs';
import { BEIJING_OFFSET_MS } from '../../shared/beijing-time.ts';

/** Every workbook's creator (its core properties). */
export const CREATOR = 'Hatchery 众创空间备案与服务平台';

export interface XlsxColumn {
  header: string;
  key: string;
  width: number;
  /** The column's number format, e.g. DATE_TIME_FORMAT for a column of `excelDateTime` values. */
  numFmt?: string;
}

/** How a date-and-time column shows its cells (the spreadsheet's own date type, sortable and filterable). */
export const DATE_TIME_FORMAT = 'yyyy-mm-dd hh:mm';

/**
 * An instant as a spreadsheet date cell shows it in Beijing time: spreadsheet dates carry no zone,
 * and ExcelJS writes a Date's UTC fields, so the instant is moved by Shanghai's fixed +8 h (no DST).
 */
export const excelDateTime = (at: Date): Date => new Date(at.getTime() + BEIJING_OFFSET_MS);

/**
 * ExcelJS, loaded the first time a workbook is made: it is about 26 MiB of the server's resident
 * memory, and most processes (an idle server, a worker) never export or import a spreadsheet
 * (BENCHMARKS.md, idle memory).
 */
let excel: Promise<typeof ExcelJS> | undefined;
const loadExcel = (): Promise<typeof ExcelJS> => (excel ??= import('exceljs').then((m) => m.default));

/**
 * A workbook as every export writes it and every import reads into: the platform as its creator,
 * opened cleanly by WPS and Office.
 */
export async function workbook(): Promise<ExcelJS.Workbook> {
  const book = new (await loadExcel()).Workbook();
  book.creator = CREATOR;
  return book;
}

/** A sheet of `rows` under bold Chinese headers, the header row frozen so it stays in view while scrolling. */
export function addTable(book: ExcelJS.Workbook, name: string, columns: readonly XlsxColumn[], rows: readonly Record<string, unknown>[]): ExcelJS.Worksheet {
  const sheet = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map(({ numFmt, ...c }) => (numFmt ? { ...c, style: { numFmt } } : c));
  sheet.getRow(1).font = { bold: true };
  sheet.addRows([...rows]);
  return sheet;
}

export async function xlsxBuffer(book: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** A cell's value as the text a person typed: dates as YYYY-MM-DD, rich text and formula results unwrapped, trimmed (every import reads cells through it). */
export function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('').trim();
    if ('text' in v) return String(v.text).trim();
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
  }
  return String(v).trim();
}

/** The letter of a sheet's column by its 0-based index (A–Z: the import layouts are narrower). */
export const columnLetter = (i: number) => String.fromCharCode(65 + i);
