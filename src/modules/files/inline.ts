import type { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { attachmentDisposition } from '../../shared/http/download.ts';

/** The stored kinds a browser shows by itself (Chromium's PDF viewer, <img>); the others are downloaded. */
export const PREVIEW_MIME_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const;

export const previewable = (mimeType: string) => (PREVIEW_MIME_TYPES as readonly string[]).includes(mimeType);

/**
 * Sends a stored file to be shown in the page that asked (`Content-Disposition: inline`) rather than
 * saved. The app's CSP forbids framing anything (`frame-ancestors 'none'`); a preview is framed by our
 * own review page, so this answer alone allows its own origin, and keeps nosniff (the type was decided
 * from the file's magic bytes at upload) and no caching, like a download.
 */
export function sendInline(reply: FastifyReply, file: { contentType: string; fileName: string; body: Readable; sizeBytes: number }) {
  return reply
    .header('content-length', file.sizeBytes)
    .header('content-type', file.contentType)
    .header('content-disposition', attachmentDisposition(file.fileName).replace(/^attachment/, 'inline'))
    .header('content-security-policy', "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; object-src 'self'; frame-ancestors 'self'")
    .header('x-frame-options', 'SAMEORIGIN')
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .send(file.body);
}
