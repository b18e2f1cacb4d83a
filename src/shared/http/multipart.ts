import fastifyMultipart from '@fastify/multipart';
import { finished, Transform, type Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, fieldError } from '../errors.ts';

/** How much one multipart route takes: form fields, files, and the bytes of one field. */
export interface MultipartLimits {
  fields: number;
  files: number;
  fieldBytes: number;
}

export type FormPart =
  | { kind: 'field'; name: string; value: string }
  /** `stream` fails with an AppError (never a parser error) when the body breaks off inside the file. */
  | { kind: 'file'; name: string; filename: string; stream: Readable };

const invalid = (zh: string, en: string) =>
  new AppError('MULTIPART_INVALID', { zh: `${zh}（multipart/form-data）`, en: `${en} (multipart/form-data)` });

const MULTIPART_LIMIT_CODES = new Set(['FST_PARTS_LIMIT', 'FST_FILES_LIMIT', 'FST_FIELDS_LIMIT']);
const MULTIPART_CODES = new Set([...MULTIPART_LIMIT_CODES, 'FST_REQ_FILE_TOO_LARGE', 'FST_PROTO_VIOLATION', 'FST_INVALID_JSON_FIELD_ERROR', 'FST_MP_PREMATURE_CLOSE']);

/** An error @fastify/multipart raised about the request body (for the error handler's safety net). */
export const isMultipartError = (err: unknown) => MULTIPART_CODES.has((err as { code?: string }).code ?? '');

/**
 * What a failure of the multipart parser means for the client. Everything the parser (busboy via
 * @fastify/multipart) raises is about the request body, so it is a 4xx naming the problem: a cut-off
 * or malformed body 400 MULTIPART_INVALID, too many parts 413 TOO_MANY_PARTS, an oversized file
 * 413 FILE_TOO_LARGE. `limits` lets the answer say what is allowed.
 */
export function multipartError(err: unknown, limits?: MultipartLimits): AppError {
  if (err instanceof AppError) return err;
  const code = (err as { code?: unknown }).code;
  const message = err instanceof Error ? err.message : String(err);
  if (typeof code === 'string' && MULTIPART_LIMIT_CODES.has(code))
    return new AppError('TOO_MANY_PARTS', {
      zh: limits ? `表单包含的部分过多：最多 ${limits.fields} 个字段、${limits.files} 个文件` : undefined,
      en: limits ? `Too many form parts: at most ${limits.fields} fields and ${limits.files} file(s)` : undefined,
    });
  if (code === 'FST_REQ_FILE_TOO_LARGE') return new AppError('FILE_TOO_LARGE');
  if (code === 'FST_PROTO_VIOLATION') return invalid('表单字段名不允许使用保留名称（如 __proto__）', 'a form field may not be named like an object prototype property (e.g. __proto__)');
  if (code === 'FST_INVALID_JSON_FIELD_ERROR') return invalid('声明为 JSON 的表单字段不是有效的 JSON', 'a form field declared as JSON is not valid JSON');
  if (code === 'FST_MP_PREMATURE_CLOSE') return invalid('请求在表单数据传完之前被中断', 'the request was closed before the form data was complete');
  if (/boundary/i.test(message)) return invalid('请求头 Content-Type 缺少 boundary 参数', 'the Content-Type header has no boundary parameter');
  if (/unexpected end|terminated early/i.test(message))
    return invalid('表单数据不完整：在某一部分中间中断，或缺少结束分隔符', 'the form data breaks off inside a part or lacks its closing boundary');
  return invalid(`表单数据无法解析：${message}`, `the form data cannot be parsed: ${message}`);
}

/**
 * Lets the routes of the calling plugin scope take multipart bodies within `limits`, and returns the
 * one reader of their parts. The file byte cap given to the parser only stops it reading far past
 * `maxFileBytes`; the limit itself is enforced while the bytes stream to the store.
 */
export async function acceptMultipart(app: FastifyInstance, limits: MultipartLimits, maxFileBytes: number) {
  await app.register(fastifyMultipart, {
    limits: { files: limits.files, fields: limits.fields, parts: limits.files + limits.fields, fieldSize: limits.fieldBytes, fileSize: maxFileBytes + 1 },
  });

  /**
   * The parts of the request's body in order; a file part must be the last one. A malformed body (no
   * boundary, cut off, a field name or value past the limits, anything after the file) throws
   * MULTIPART_INVALID, too many parts TOO_MANY_PARTS; never a 5xx. The file's stream ends only once
   * the rest of the body has arrived intact, so a consumer that stores it never keeps bytes of a
   * broken request.
   */
  async function* parts(req: FastifyRequest): AsyncGenerator<FormPart> {
    const iterator = req.parts();
    const next = async () => {
      try {
        return await iterator.next();
      } catch (err) {
        throw multipartError(err, limits);
      }
    };
    for (let step = await next(); !step.done; step = await next()) {
      const part = step.value;
      if (part.type === 'file') {
        yield { kind: 'file', name: part.fieldname, filename: part.filename, stream: lastFile(part.file, next) };
        return;
      }
      if (part.fieldnameTruncated) throw invalid('表单字段名过长', 'a form field name is too long');
      if (part.valueTruncated)
        throw fieldError(`body.${part.fieldname}`, `内容过长（最多 ${limits.fieldBytes} 字节）`, `too long (at most ${limits.fieldBytes} bytes)`);
      yield { kind: 'field', name: part.fieldname, value: String(part.value) };
    }
  }

  /**
   * The bytes of the body's last part, passed through; they end only when the body ended intact
   * after them. Parser errors arrive translated, and never unhandled when nobody reads the part.
   */
  function lastFile(source: Readable, next: () => Promise<IteratorResult<unknown>>): Readable {
    const out = new Transform({
      transform: (chunk: Buffer, _enc, done) => done(null, chunk),
      flush: (done) => {
        void restOfBody(next).then(() => done(), done);
      },
    });
    out.on('error', () => undefined);
    // `finished` also reports a part the parser already failed before anyone read it (a short body
    // cut off inside its only part arrives, and breaks, in one chunk): a listener attached now
    // would never hear that error and the upload would wait for ever.
    finished(source, (err) => {
      if (err) out.destroy(multipartError(source.errored ?? err, limits));
    });
    return source.pipe(out);
  }

  /** Reads what follows the file: nothing is allowed, and a parser error (too many parts, …) is named. */
  async function restOfBody(next: () => Promise<IteratorResult<unknown>>): Promise<void> {
    let extra = false;
    for (let step = await next(); !step.done; step = await next()) {
      extra = true;
      const part = step.value as { file?: Readable };
      part.file?.resume();
    }
    if (extra) throw invalid('文件应为表单的最后一部分', 'the file must be the last part of the form');
  }

  /** The first file part; form fields before it are skipped (the route takes none). */
  async function firstFile(req: FastifyRequest): Promise<Extract<FormPart, { kind: 'file' }> | undefined> {
    for await (const part of parts(req)) if (part.kind === 'file') return part;
    return undefined;
  }

  return { parts, firstFile };
}
