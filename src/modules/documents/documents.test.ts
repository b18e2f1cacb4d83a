import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { formTable, packDocx, paragraph, richText, title } from './docx.ts';
import { csvWithBom, shanghaiDate, shanghaiDateTime } from './format.ts';
import { readZip } from './read-zip.test-helper.ts';
import { xlsxStream } from './xlsx-stream.ts';
import { entryPath, uniqueEntryNames, zipStream } from './zip.ts';

describe('zip', () => {
  it('writes Chinese names as UTF-8 with the language-encoding flag, streamed and buffered entries alike', async () => {
    const zip = await buffer(zipStream([
      { name: 'manifest.csv', data: Buffer.from('a,b') },
      { name: '营业执照/营业执照副本.pdf', data: Readable.from([Buffer.from('%PDF-1.7')]) },
    ]));
    const entries = readZip(zip);
    expect(entries.map((e) => e.name)).toEqual(['manifest.csv', '营业执照/营业执照副本.pdf']);
    expect(entries.every((e) => e.utf8)).toBe(true);
    expect(entries[1]!.data.toString()).toBe('%PDF-1.7');
  });

  it('cleans path segments and keeps repeated names apart', () => {
    expect(entryPath('场地证明/租赁合同', '../合同.pdf')).toBe('场地证明_租赁合同/__合同.pdf');
    expect(entryPath('a', 'x\u0001y.pdf')).toBe('a/x_y.pdf');
    expect(uniqueEntryNames(['a/合同.pdf', 'a/合同.pdf', 'b/合同.pdf', 'a/合同.pdf', 'a/README'])).toEqual([
      'a/合同.pdf',
      'a/合同(2).pdf',
      'b/合同.pdf',
      'a/合同(3).pdf',
      'a/README',
    ]);
  });
});

describe('format', () => {
  it('prints instants in Asia/Shanghai whatever the server zone', () => {
    const at = new Date('2026-07-15T16:30:00Z'); // 00:30 on the 16th in Beijing
    expect(shanghaiDate(at)).toBe('2026年7月16日');
    expect(shanghaiDateTime(at)).toBe('2026年7月16日 00:30（北京时间）');
  });

  it('writes CSV with a BOM, quoted fields and CRLF', () => {
    const csv = csvWithBom([['材料', 'a "b"'], [1, 'x,y']]);
    expect(csv.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.toString('utf8').slice(1)).toBe('"材料","a ""b"""\r\n"1","x,y"\r\n');
  });
});

describe('docx', () => {
  it('packs a valid Word document with the text, a table and converted rich text', async () => {
    const doc = await packDocx('测试', [
      title('标题'),
      paragraph('正文'),
      formTable([['众创空间名称', '沈阳智能制造专业化众创空间']]),
      ...richText('<p>第一段<strong>加粗</strong> &amp; 更多</p><ul><li>甲</li><li>乙</li></ul><ol><li>一</li></ol>'),
    ]);
    const entries = readZip(doc);
    expect(entries.map((e) => e.name)).toEqual(expect.arrayContaining(['[Content_Types].xml', 'word/document.xml']));
    const xml = entries.find((e) => e.name === 'word/document.xml')!.data.toString('utf8');
    for (const text of ['标题', '正文', '沈阳智能制造专业化众创空间', '第一段', '加粗', ' &amp; 更多', '• ', '甲', '1. ', '<w:tbl>', '<w:b/>'])
      expect(xml).toContain(text);
  });

  it('drops characters XML cannot carry, so Word never calls the file corrupt', async () => {
    const doc = await packDocx('t', [paragraph('甲\u0001乙\u000b丙'), ...richText('<p>丁\u0002戊</p>')]);
    const xml = readZip(doc).find((e) => e.name === 'word/document.xml')!.data.toString('utf8');
    expect(xml).toContain('甲乙丙');
    expect(xml).toContain('丁戊');
  });

  it('turns empty rich text into no paragraphs', () => {
    expect(richText('')).toEqual([]);
    expect(richText('<p></p>')).toEqual([]);
  });
});

describe('streamed xlsx', () => {
  const columns = [
    { header: '名称', key: 'name', width: 20 },
    { header: '数值（千元）', key: 'value', width: 12 },
    { header: '是否', key: 'flag', width: 6 },
  ];

  it('reads back in ExcelJS sheet by sheet: bold headers, widths, numbers, booleans, escaped and cleaned text, empty cells, the creator', async () => {
    const rows = 30_000; // ≈ 3 MB of XML, past the megabyte in flight: the writer waits for the reader
    const file = await buffer(
      xlsxStream([{ name: '汇总', columns }, { name: '说明 & 代码', columns: columns.slice(0, 1) }], async (summary, notes) => {
        await summary.add(['A&B <公司> "甲"', 1234.5, true]);
        await summary.add([' 前后空格 ', null, false]);
        await summary.add(['控制\u0001字符', 0]);
        for (let i = 4; i <= rows; i++) await summary.add([`第${i}行`, i]);
        await notes.add(['代码']);
        await expect(summary.add(['late'])).rejects.toThrow(/in order/);
      }),
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file as unknown as ArrayBuffer);
    expect(book.creator).toBe('Hatchery 众创空间备案与服务平台');
    const sheet = book.getWorksheet('汇总')!;
    expect(sheet.getRow(1).values).toEqual([undefined, '名称', '数值（千元）', '是否']);
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.getColumn(1).width).toBe(20);
    expect(sheet.getRow(2).values).toEqual([undefined, 'A&B <公司> "甲"', 1234.5, true]);
    expect(sheet.getRow(3).values).toEqual([undefined, ' 前后空格 ', undefined, false]);
    expect(sheet.getRow(4).values).toEqual([undefined, '控制字符', 0]);
    expect(sheet.rowCount).toBe(rows + 1);
    expect(sheet.getRow(rows + 1).getCell(2).value).toBe(rows);
    expect(book.getWorksheet('说明 & 代码')!.getRow(2).getCell(1).value).toBe('代码');
  });

  it('breaks the stream off when writing fails, rather than ending a truncated file', async () => {
    const out = xlsxStream([{ name: '汇总', columns }], async (summary) => {
      await summary.add(['a', 1]);
      throw new Error('database gone');
    });
    await expect(buffer(out)).rejects.toThrow('database gone');
  });
});
