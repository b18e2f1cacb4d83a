import { once } from 'node:events';
import { PassThrough, type Readable } from 'node:stream';
import { xmlChars } from './format.ts';
import { CREATOR, type XlsxColumn } from './xlsx.ts';
import { zipStream } from './zip.ts';

/**
 * Exports that grow with the data (a national round: 12,000 rows of 50 columns) write the
 * spreadsheet XML themselves: a row is one string appended to the sheet's part as it comes, with no
 * cell objects, and the parts are deflated as they stream into the ZIP. ExcelJS's own streaming
 * writer spent ≈ 0.8 ms a row building cells (BENCHMARKS.md, statistics returns). The parts are the
 * fewest Excel, WPS and ExcelJS open cleanly: content types, package and workbook relationships,
 * core properties (the creator), one style sheet (plain and bold), the sheets with inline strings.
 */

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
/**
 * Sheets deflate at level 1: a national workbook's 20 MB of XML in a quarter of the time of the
 * default level 6, for a file a fifth bigger (3.0 MB instead of 2.5 MB for 12,000 rows).
 */
const SHEET_DEFLATE_LEVEL = 1;
/** Bytes of XML gathered before a write into the sheet's stream. */
const CHUNK = 64 * 1024;

/** A sheet of a streamed workbook: its tab name and columns (headers bold on the first row). */
export interface StreamedSheet {
  name: string;
  columns: readonly XlsxColumn[];
}

/**
 * Adds one row to a sheet, its values in the order of the sheet's columns (an array, not an object
 * by key: building a keyed object of 50 values per row cost as much as writing the row's XML);
 * awaiting it is what keeps memory bounded.
 */
export interface SheetRows {
  add(values: readonly unknown[]): Promise<void>;
}

/** XML text: the characters XML 1.0 forbids dropped, the markup characters escaped. */
function xmlText(s: string): string {
  return xmlChars(s)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** A, B, …, Z, AA, …: the column's letters in a cell reference. */
function columnLetters(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const d = (n - 1) % 26;
    out = String.fromCharCode(65 + d) + out;
    n = Math.floor((n - d) / 26);
  }
  return out;
}

/** One cell, or nothing for an empty value: numbers as numbers, true/false as booleans, the rest inline text. */
function cell(ref: string, value: unknown, style: string): string {
  if (value === null || value === undefined || value === '') return '';
  if (typeof value === 'number' && Number.isFinite(value)) return `<c r="${ref}"${style}><v>${value}</v></c>`;
  if (typeof value === 'boolean') return `<c r="${ref}"${style} t="b"><v>${value ? 1 : 0}</v></c>`;
  const text = xmlText(String(value));
  const space = /^\s|\s$/.test(text) ? ' xml:space="preserve"' : '';
  return `<c r="${ref}"${style} t="inlineStr"><is><t${space}>${text}</t></is></c>`;
}

/** One sheet's part, written as rows are added: header on row 1, bold (style 1). */
class SheetPart implements SheetRows {
  // A megabyte in flight lets the row writing go on while the deflate (on the thread pool) works.
  readonly stream = new PassThrough({ highWaterMark: 1024 * 1024 });
  private readonly letters: string[];
  private pending: string;
  private next = 2;
  ended = false;

  constructor(sheet: StreamedSheet) {
    this.letters = sheet.columns.map((_, i) => columnLetters(i));
    const cols = sheet.columns.map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width}" customWidth="1"/>`).join('');
    const header = sheet.columns.map((c, i) => cell(`${this.letters[i]}1`, c.header, ' s="1"')).join('');
    this.pending = `${HEAD}<worksheet xmlns="${MAIN}" xmlns:r="${REL}"><cols>${cols}</cols><sheetData><row r="1">${header}</row>`;
  }

  async add(values: readonly unknown[]): Promise<void> {
    if (this.ended) throw new Error('rows added to a sheet already written: sheets are filled in order');
    const r = this.next++;
    let xml = `<row r="${r}">`;
    for (let i = 0; i < this.letters.length; i++) xml += cell(`${this.letters[i]}${r}`, values[i], '');
    this.pending += `${xml}</row>`;
    if (this.pending.length >= CHUNK) await this.flush();
  }

  async flush(): Promise<void> {
    const ok = this.stream.write(this.pending);
    this.pending = '';
    if (!ok) await once(this.stream, 'drain');
  }

  async end(): Promise<void> {
    if (this.ended) return;
    this.pending += '</sheetData></worksheet>';
    await this.flush();
    this.ended = true;
    this.stream.end();
  }
}

/** The package's fixed parts for `sheets`. */
function packageParts(sheets: readonly StreamedSheet[], created: Date): { name: string; data: Buffer }[] {
  const sheetType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';
  const parts = {
    '[Content_Types].xml': `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>${sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="${sheetType}"/>`).join('')}</Types>`,
    '_rels/.rels': `<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="${PKG_REL}/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`,
    'docProps/core.xml': `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>${xmlText(CREATOR)}</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">${created.toISOString().replace(/\.\d+Z$/, 'Z')}</dcterms:created></cp:coreProperties>`,
    'xl/workbook.xml': `<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets>${sheets.map((s, i) => `<sheet name="${xmlText(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `<Relationships xmlns="${PKG_REL}">${sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}<Relationship Id="rId${sheets.length + 1}" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
    'xl/styles.xml': `<styleSheet xmlns="${MAIN}"><fonts count="2"><font><sz val="11"/><name val="宋体"/></font><font><b/><sz val="11"/><name val="宋体"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`,
  };
  return Object.entries(parts).map(([name, xml]) => ({ name, data: Buffer.from(HEAD + xml) }));
}

/**
 * A workbook of `sheets` streamed as it is written: `write` gets one `SheetRows` per sheet and fills
 * them in order (adding to a sheet ends the ones before it, as the ZIP takes its parts one after the
 * other); awaiting each `add` holds the writer back while the reader is slow, so memory stays at a
 * chunk of XML whatever the size. An error in `write` aborts the stream (the download breaks off
 * rather than ending in a truncated file).
 */
export function xlsxStream(sheets: readonly StreamedSheet[], write: (...rows: SheetRows[]) => Promise<void>, created = new Date()): Readable {
  const parts = sheets.map((s) => new SheetPart(s));
  const out = zipStream([...packageParts(sheets, created), ...parts.map((p, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, data: p.stream, compressionLevel: SHEET_DEFLATE_LEVEL }))], created);
  const ordered = parts.map(
    (part, i): SheetRows => ({
      add: async (row) => {
        for (const before of parts.slice(0, i)) await before.end();
        await part.add(row);
      },
    }),
  );
  write(...ordered)
    .then(async () => {
      for (const p of parts) await p.end();
    })
    .catch((e: unknown) => {
      for (const p of parts) p.stream.destroy();
      out.destroy(e instanceof Error ? e : new Error(String(e)));
    });
  return out;
}
