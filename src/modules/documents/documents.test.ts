import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { formTable, packDocx, paragraph, richText, title } from './docx.ts';
import { csvWithBom, shanghaiDate, shanghaiDateTime } from './format.ts';
import { readZip } from './read-zip.test-helper.ts';
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
