import type { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';

export const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Exports are rate-limited (SECURITY-CHECKLIST 17): generating them costs, and bulk scraping should stand out. */
export const EXPORT_RATE = { max: 30, timeWindow: '1 minute' };

/**
 * `Content-Disposition: attachment` for a stored name: a plain-ASCII `filename` for old clients and
 * the exact name as RFC 5987 `filename*` (Chinese names survive). Quotes, backslashes, separators
 * and control characters never reach the header.
 */
export function attachmentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/**
 * Sends a file to download: its type, a safe Content-Disposition, nosniff, and no caching (the
 * contents are personal or official data). `body` may be a buffer or a stream.
 */
export function sendDownload(
  reply: FastifyReply,
  file: { contentType: string; fileName: string; body: Buffer | Readable; sizeBytes?: number },
) {
  if (file.sizeBytes !== undefined) reply.header('content-length', file.sizeBytes);
  return reply
    .header('content-type', file.contentType)
    .header('content-disposition', attachmentDisposition(file.fileName))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .send(file.body);
}

/** Sends a document generated in memory (Word, Excel) under its file name. */
export function sendGenerated(reply: FastifyReply, contentType: typeof DOCX | typeof XLSX, doc: { buffer: Buffer; fileName: string }) {
  return sendDownload(reply, { contentType, fileName: doc.fileName, body: doc.buffer });
}
