import type { FastifyInstance } from 'fastify';

/**
 * The content security policy of every page and answer. Helmet's defaults (base-uri, font-src,
 * form-action, script-src-attr) are kept as they were when helmet wrote this header.
 */
function contentSecurityPolicy(production: boolean): string {
  return [
    "default-src 'self'",
    "base-uri 'self'",
    "font-src 'self' https: data:",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "img-src 'self' data: blob:",
    "object-src 'none'",
    "script-src 'self'",
    "script-src-attr 'none'",
    // Ant Design injects component styles at run time.
    "style-src 'self' 'unsafe-inline'",
    ...(production ? ['upgrade-insecure-requests'] : []),
    "connect-src 'self'",
  ].join(';');
}

/** The security headers every response carries, with the values helmet gave them. */
export function securityHeaders(production: boolean): [name: string, value: string][] {
  return [
    ['content-security-policy', contentSecurityPolicy(production)],
    ['cross-origin-opener-policy', 'same-origin'],
    ['cross-origin-resource-policy', 'same-origin'],
    ['origin-agent-cluster', '?1'],
    ['referrer-policy', 'no-referrer'],
    ...(production ? [['strict-transport-security', 'max-age=31536000; includeSubDomains'] as [string, string]] : []),
    ['x-content-type-options', 'nosniff'],
    ['x-dns-prefetch-control', 'off'],
    ['x-download-options', 'noopen'],
    ['x-frame-options', 'SAMEORIGIN'],
    ['x-permitted-cross-domain-policies', 'none'],
    ['x-xss-protection', '0'],
  ];
}

/**
 * Sets the security headers on every response from one list computed at start. @fastify/helmet
 * rebuilt its middleware (parsing the CSP directives) on every request, a visible share of a hot
 * read's CPU. Set on the raw response as helmet did, so a route's own header (a file preview's CSP)
 * still replaces it.
 */
export function registerSecurityHeaders(app: FastifyInstance, production: boolean): void {
  const headers = securityHeaders(production);
  app.addHook('onRequest', (_req, reply, done) => {
    for (const [name, value] of headers) reply.raw.setHeader(name, value);
    done();
  });
}
