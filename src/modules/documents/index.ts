/**
 * The documents module's public surface: other modules import from here only. Word, Excel, CSV and
 * ZIP building blocks and the Shanghai-time formatting every generated document uses.
 */
export { formTable, gridTable, heading, packDocx, paragraph, richText, title } from './docx.ts';
export { csvWithBom, shanghaiDate, shanghaiDateTime, shanghaiIso } from './format.ts';
export { addTable, cellText, columnLetter, DATE_TIME_FORMAT, excelDateTime, workbook, xlsxBuffer, type XlsxColumn } from './xlsx.ts';
export { xlsxStream, type SheetRows, type StreamedSheet } from './xlsx-stream.ts';
export { entryPath, uniqueEntryNames, zipStream } from './zip.ts';
