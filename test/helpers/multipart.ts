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

/** A malformed multipart body and how a multipart route must answer it. */
export interface MalformedShape {
  name: string;
  /** `fields`: well-formed form fields the route takes; `file`: a well-formed file part (larger than a few chunks). */
  body: (fields: Part[], file: Part) => { payload: Buffer | string; headers: Record<string, string> };
  status: number;
  code: 'MULTIPART_INVALID' | 'TOO_MANY_PARTS';
  /** What the English message must say. */
  says: RegExp;
}

const boundaryOf = (headers: Record<string, string>) => /boundary=(.+)$/.exec(headers['content-type']!)![1]!;

/** The body up to the middle of the first occurrence of `marker`. */
function cutInside(payload: Buffer, marker: Buffer | string): Buffer {
  const at = payload.indexOf(marker);
  if (at < 0) throw new Error('marker not in the body');
  return payload.subarray(0, at + Math.floor(Buffer.from(marker).length / 2));
}

/** Every malformed shape a multipart route must refuse with a 4xx naming the problem (issue 9, breach 4). */
export const MALFORMED: MalformedShape[] = [
  {
    name: 'a Content-Type without a boundary',
    body: (fields, file) => ({ payload: multipart([...fields, file]).payload, headers: { 'content-type': 'multipart/form-data' } }),
    status: 400,
    code: 'MULTIPART_INVALID',
    says: /boundary/,
  },
  {
    name: 'a body cut off in the middle of the file',
    body: (fields, file) => {
      const { payload, headers } = multipart([...fields, file]);
      return { payload: cutInside(payload, file.data), headers };
    },
    status: 400,
    code: 'MULTIPART_INVALID',
    says: /breaks off/,
  },
  {
    name: 'a body cut off in the middle of a form field',
    body: (fields, file) => {
      const long = 'x'.repeat(600);
      const { payload, headers } = multipart([{ name: 'note', data: long }, ...fields, file]);
      return { payload: cutInside(payload, long), headers };
    },
    status: 400,
    code: 'MULTIPART_INVALID',
    says: /breaks off/,
  },
  {
    name: 'a body without its closing boundary',
    body: (fields, file) => {
      const { payload, headers } = multipart([...fields, file]);
      return { payload: payload.subarray(0, payload.length - `--${boundaryOf(headers)}--\r\n`.length), headers };
    },
    status: 400,
    code: 'MULTIPART_INVALID',
    says: /breaks off|closing boundary/,
  },
  {
    name: 'a body written with another boundary',
    body: (fields, file) => ({ payload: multipart([...fields, file]).payload, headers: { 'content-type': 'multipart/form-data; boundary=not-the-one' } }),
    status: 400,
    code: 'MULTIPART_INVALID',
    says: /multipart/,
  },
  {
    name: 'plain text declared as multipart',
    body: () => ({ payload: 'hello, this is not a form', headers: { 'content-type': 'multipart/form-data; boundary=abc' } }),
    status: 400,
    code: 'MULTIPART_INVALID',
    says: /multipart/,
  },
  {
    name: 'a field named __proto__',
    body: (fields, file) => multipart([{ name: '__proto__', data: 'x' }, ...fields, file]),
    status: 400,
    code: 'MULTIPART_INVALID',
    says: /__proto__/,
  },
  {
    name: 'a field after the file',
    body: (fields, file) => multipart([...fields, file, { name: 'note', data: 'late' }]),
    status: 400,
    code: 'MULTIPART_INVALID',
    says: /last part/,
  },
  {
    name: '50 form parts',
    body: (fields, file) => multipart([...Array.from({ length: 50 }, (_, i) => ({ name: `f${i}`, data: 'x' })), ...fields, file]),
    status: 413,
    code: 'TOO_MANY_PARTS',
    says: /Too many form parts/,
  },
  {
    name: 'two files',
    body: (fields, file) => multipart([...fields, file, file]),
    status: 413,
    code: 'TOO_MANY_PARTS',
    says: /Too many form parts/,
  },
];
