/**
 * The documents module's public surface: other modules import from here only. Word, Excel, CSV and
 * ZIP building blocks and the Shanghai-time formatting every generated document uses.
 */
export { formTable, gridTable, heading, packDocx, paragraph, richText, title } from './docx.ts';
export { csvWithBom, shanghaiDate, shanghaiDateTime, shanghaiIso } from './format.ts';
export { addStreamedTable, addTable, workbook, xlsxBuffer, xlsxStream, type StreamedWorkbook } from './xlsx.ts';
export { entryPath, uniqueEntryNames, zipStream } from './zip.ts';
