import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type FileChild,
  type IRunOptions,
} from 'docx';
import { xmlChars } from './format.ts';

/**
 * Word documents as government forms look: 宋体 body, 黑体 headings, A4. Built with `docx`, which
 * writes plain OOXML that WPS and Microsoft Office both open without repair.
 */
const BODY_FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '宋体' };
const HEADING_FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '黑体' };
const BODY_SIZE = 24; // half-points: 小四 (12 pt)

export const title = (text: string) =>
  new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [new TextRun({ text: xmlChars(text), bold: true, size: 36, font: HEADING_FONT })] });

export const heading = (text: string, level: 1 | 2 = 1) =>
  new Paragraph({
    heading: level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2,
    spacing: { before: 240, after: 120 },
    children: [new TextRun({ text: xmlChars(text), bold: true, size: level === 1 ? 30 : 26, font: HEADING_FONT })],
  });

export const paragraph = (text: string, opts: { align?: 'left' | 'right' | 'center'; indent?: boolean; bold?: boolean } = {}) =>
  new Paragraph({
    alignment: opts.align === 'right' ? AlignmentType.RIGHT : opts.align === 'center' ? AlignmentType.CENTER : AlignmentType.LEFT,
    indent: opts.indent ? { firstLine: 480 } : undefined,
    spacing: { line: 360 },
    children: [new TextRun({ text: xmlChars(text), bold: opts.bold, size: BODY_SIZE, font: BODY_FONT })],
  });

const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const borders = { top: border, bottom: border, left: border, right: border };

/** A two-column form table: label | value, labels bold, full width. */
export function formTable(rows: readonly (readonly [string, string])[]): Table {
  const cell = (text: string, bold: boolean, width: number) =>
    new TableCell({ borders, width: { size: width, type: WidthType.PERCENTAGE }, children: [paragraph(text, { bold })] });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: rows.map(([label, value]) => new TableRow({ children: [cell(label, true, 38), cell(value, false, 62)] })),
  });
}

/** A full-width table with a bold header row, one row per record (lists in letters and notices). */
export function gridTable(header: readonly string[], rows: readonly (readonly string[])[]): Table {
  const cell = (text: string, bold: boolean) => new TableCell({ borders, children: [paragraph(text, { bold, align: 'center' })] });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [header, ...rows].map((r, i) => new TableRow({ tableHeader: i === 0, children: r.map((text) => cell(text, i === 0)) })),
  });
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' };
const decode = (s: string) => s.replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, e: string) => ENTITIES[e]!);

/**
 * Paragraphs from rich text already sanitised to basic formatting (p, br, strong/b, em/i, u, s,
 * ul/ol/li, h3/h4, blockquote; no attributes). Lists are written with their bullet or number in
 * the text, which every word processor shows the same way.
 */
export function richText(html: string): Paragraph[] {
  const out: Paragraph[] = [];
  const style = { bold: 0, italics: 0, underline: 0, strike: 0 };
  const lists: { ordered: boolean; n: number }[] = [];
  let runs: TextRun[] = [];
  let kind: 'p' | 'h' | 'quote' = 'p';
  const flush = () => {
    if (runs.length === 0) return;
    out.push(
      new Paragraph({
        spacing: { line: 360 },
        indent: lists.length ? { left: 360 * lists.length } : kind === 'quote' ? { left: 480 } : kind === 'p' ? { firstLine: 480 } : undefined,
        children: runs,
      }),
    );
    runs = [];
  };
  const run = (text: string) => {
    const opts: IRunOptions = {
      text: xmlChars(text),
      size: BODY_SIZE,
      font: kind === 'h' ? HEADING_FONT : BODY_FONT,
      bold: style.bold > 0 || kind === 'h',
      italics: style.italics > 0,
      underline: style.underline > 0 ? {} : undefined,
      strike: style.strike > 0,
    };
    runs.push(new TextRun(opts));
  };
  const STYLE_TAGS: Record<string, keyof typeof style> = { strong: 'bold', b: 'bold', em: 'italics', i: 'italics', u: 'underline', s: 'strike' };
  for (const m of html.matchAll(/<(\/?)([a-z0-9]+)\s*\/?>|([^<]+)/gi)) {
    const [, closing, rawTag, textPart] = m;
    if (textPart !== undefined) {
      const text = decode(textPart);
      if (text.trim() || runs.length) run(text);
      continue;
    }
    const tag = rawTag!.toLowerCase();
    const open = !closing;
    if (tag in STYLE_TAGS) style[STYLE_TAGS[tag]!] += open ? 1 : -1;
    else if (tag === 'br') flush();
    else if (tag === 'p' || tag === 'h3' || tag === 'h4' || tag === 'blockquote') {
      flush();
      kind = open ? (tag === 'p' ? (kind === 'quote' ? 'quote' : 'p') : tag === 'blockquote' ? 'quote' : 'h') : 'p';
    } else if (tag === 'ul' || tag === 'ol') {
      flush();
      if (open) lists.push({ ordered: tag === 'ol', n: 0 });
      else lists.pop();
    } else if (tag === 'li') {
      flush();
      const list = lists.at(-1);
      if (open && list) {
        list.n += 1;
        run(list.ordered ? `${list.n}. ` : '• ');
      }
    }
  }
  flush();
  return out;
}

/** Packs the body into a .docx (A4, 2.54 cm margins). */
export function packDocx(docTitle: string, children: FileChild[]): Promise<Buffer> {
  const doc = new Document({
    title: docTitle,
    creator: 'Hatchery 众创空间备案与服务平台',
    styles: { default: { document: { run: { font: BODY_FONT, size: BODY_SIZE } } } },
    sections: [{ properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 1440, bottom: 1440, left: 1440, right: 1440 } } }, children }],
  });
  return Packer.toBuffer(doc);
}
