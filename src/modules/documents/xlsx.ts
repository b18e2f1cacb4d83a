import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';

const CREATOR = 'Hatchery 众创空间备案与服务平台';

export interface XlsxColumn {
  header: string;
  key: string;
  width: number;
}

/** A workbook as every export writes it: the platform as its creator, opened cleanly by WPS and Office. */
export function workbook(): ExcelJS.Workbook {
  const book = new ExcelJS.Workbook();
  book.creator = CREATOR;
  return book;
}

/** A sheet of `rows` under bold Chinese headers. */
export function addTable(book: ExcelJS.Workbook, name: string, columns: readonly XlsxColumn[], rows: readonly Record<string, unknown>[]): ExcelJS.Worksheet {
  const sheet = book.addWorksheet(name);
  sheet.columns = [...columns];
  sheet.getRow(1).font = { bold: true };
  sheet.addRows([...rows]);
  return sheet;
}

export async function xlsxBuffer(book: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await book.xlsx.writeBuffer());
}

export type StreamedWorkbook = ExcelJS.stream.xlsx.WorkbookWriter;

/**
 * A workbook streamed as it is written, for exports that grow with the data: `write` adds sheets
 * (`addStreamedTable`) and commits their rows as it goes, so only the row being written is held in
 * memory. The stream ends when `write` is done; an error in it aborts the stream (the download
 * breaks off rather than ending in a truncated file).
 */
export function xlsxStream(write: (book: StreamedWorkbook) => Promise<void>): Readable {
  const out = new PassThrough();
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  book.creator = CREATOR;
  write(book)
    .then(() => book.commit())
    .catch((e: unknown) => out.destroy(e instanceof Error ? e : new Error(String(e))));
  return out;
}

/** A streamed sheet under bold Chinese headers: add rows with `sheet.addRow(row).commit()`, then `sheet.commit()`. */
export function addStreamedTable(book: StreamedWorkbook, name: string, columns: readonly XlsxColumn[]): ExcelJS.Worksheet {
  const sheet = book.addWorksheet(name);
  sheet.columns = [...columns];
  sheet.getRow(1).font = { bold: true };
  return sheet;
}
