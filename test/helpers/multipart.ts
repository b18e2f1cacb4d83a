import { randomBytes } from 'node:crypto';

export interface Part {
  name: string;
  /** Present for a file part. */
  filename?: string;
  contentType?: string;
  data: Buffer | string;
}

/** A multipart/form-data body built by hand, for `app.inject` (which has no form support). */
export function multipart(parts: Part[]): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----hatchery${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition = p.filename === undefined ? `form-data; name="${p.name}"` : `form-data; name="${p.name}"; filename="${p.filename}"`;
    const head = [`--${boundary}`, `Content-Disposition: ${disposition}`];
    if (p.filename !== undefined) head.push(`Content-Type: ${p.contentType ?? 'application/octet-stream'}`);
    chunks.push(Buffer.from(`${head.join('\r\n')}\r\n\r\n`), Buffer.from(p.data), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** One file in the field `file`, the shape `POST /api/files` expects. */
export const fileUpload = (filename: string, data: Buffer | string, contentType?: string) =>
  multipart([{ name: 'file', filename, data, ...(contentType ? { contentType } : {}) }]);

/** Minimal bytes that pass each kind's signature check. */
export const SAMPLE = {
  pdf: Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'),
  png: Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(64)]),
  jpeg: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(64)]),
  zip: Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.from('\x14\x00\x00\x00readme.txt', 'latin1')]),
  docx: Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.from('\x14\x00[Content_Types].xml....PK\x03\x04word/document.xml', 'latin1')]),
  xlsx: Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.from('\x14\x00[Content_Types].xml....PK\x03\x04xl/workbook.xml', 'latin1')]),
};
