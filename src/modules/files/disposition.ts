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
