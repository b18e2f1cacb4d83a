import { createHash, createHmac } from 'node:crypto';

/**
 * AWS Signature Version 4 for S3-compatible object storage (AWS, MinIO, Alibaba OSS, Tencent COS,
 * Huawei OBS all accept it), written out because the server carries no cloud SDK. Tested against
 * the documented AWS example (sigv4.test.ts); the test double in test/helpers/s3-fake.ts verifies
 * requests with the same functions.
 */

export const EMPTY_SHA256 = createHash('sha256').digest('hex');

/** RFC 3986 percent-encoding, as SigV4 wants it (encodeURIComponent leaves `!'()*` alone). */
export const uriEncode = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** `20130524T000000Z`: the request time to the second, as x-amz-date carries it. */
export const amzDate = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

export interface CanonicalInput {
  method: string;
  /** The path as sent (segments percent-encoded or not: each is decoded and encoded once again). */
  path: string;
  /** Query parameters; an empty value is a parameter without one (`?uploads`). */
  query: ReadonlyArray<readonly [string, string]>;
  /** The signed headers, names in any case. */
  headers: Readonly<Record<string, string>>;
  payloadHash: string;
}

/** The canonical request and the list of signed header names (lower case, sorted). */
export function canonicalRequest(input: CanonicalInput): { text: string; signedHeaders: string } {
  const path = input.path.split('/').map((segment) => uriEncode(decodeURIComponent(segment))).join('/');
  const query = input.query
    .map(([k, v]) => [uriEncode(k), uriEncode(v)] as const)
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const headers = Object.entries(input.headers)
    .map(([name, value]) => [name.toLowerCase(), value.trim().replace(/\s+/g, ' ')] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const signedHeaders = headers.map(([name]) => name).join(';');
  const text = [input.method, path, query, headers.map(([n, v]) => `${n}:${v}\n`).join(''), signedHeaders, input.payloadHash].join('\n');
  return { text, signedHeaders };
}

const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();

/** The hex signature of a canonical request made at `date` (x-amz-date) for `region` and `service`. */
export function signatureOf(secretAccessKey: string, date: string, region: string, service: string, canonical: string): string {
  const day = date.slice(0, 8);
  const scope = `${day}/${region}/${service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', date, scope, createHash('sha256').update(canonical, 'utf8').digest('hex')].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, day), region), service), 'aws4_request');
  return createHmac('sha256', key).update(stringToSign, 'utf8').digest('hex');
}

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
}

/**
 * The headers to send with a request: the given ones plus host, x-amz-date, x-amz-content-sha256
 * and the Authorization that signs them all.
 */
export function signedHeaders(
  request: { method: string; url: URL; headers?: Record<string, string>; payloadHash: string },
  credentials: Credentials,
  region: string,
  now = new Date(),
  service = 's3',
): Record<string, string> {
  const date = amzDate(now);
  const headers: Record<string, string> = {
    ...request.headers,
    host: request.url.host,
    'x-amz-content-sha256': request.payloadHash,
    'x-amz-date': date,
  };
  const { text, signedHeaders: names } = canonicalRequest({
    method: request.method,
    path: request.url.pathname,
    query: [...request.url.searchParams],
    headers,
    payloadHash: request.payloadHash,
  });
  const scope = `${date.slice(0, 8)}/${region}/${service}/aws4_request`;
  const signature = signatureOf(credentials.secretAccessKey, date, region, service, text);
  return { ...headers, authorization: `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope},SignedHeaders=${names},Signature=${signature}` };
}
