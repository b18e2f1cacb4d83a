import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { canonicalRequest, signatureOf } from '../../src/modules/files/sigv4.ts';

/**
 * TEST DOUBLE, not an object store: a tiny in-process S3-compatible server (node:http, objects in a
 * Map) for the attachment store's tests, because no MinIO binary or S3 package is available here.
 * It answers the five calls the server makes (PutObject, GetObject, HeadObject, DeleteObject,
 * ListObjectsV2, path style) and refuses, as S3 does, a request whose SigV4 signature or payload
 * hash does not hold: it verifies with the signer under test, so it proves requests are signed
 * consistently, while sigv4.test.ts pins the signer to AWS's documented example.
 */
export interface FakeS3 {
  endpoint: string;
  bucket: string;
  /** The S3_* variables that point the server at this double. */
  env: Record<string, string>;
  objects: Map<string, { body: Buffer; modifiedMs: number }>;
  /** `METHOD key` of every request that passed the signature check, in order. */
  log: string[];
  close(): Promise<void>;
}

const ACCESS_KEY_ID = 'HATCHERYTESTKEY';
const SECRET_ACCESS_KEY = 'hatchery-test-secret-key';
const REGION = 'us-east-1';

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function answerError(res: http.ServerResponse, status: number, code: string) {
  res.writeHead(status, { 'content-type': 'application/xml' }).end(`<?xml version="1.0"?><Error><Code>${code}</Code><Message>${code}</Message></Error>`);
}

/** Whether the request's Authorization is a valid SigV4 signature of it with the double's key. */
function signatureHolds(req: http.IncomingMessage, path: string, query: [string, string][]): boolean {
  const auth = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request,\s*SignedHeaders=([^,]+),\s*Signature=([0-9a-f]{64})$/.exec(req.headers.authorization ?? '');
  if (!auth || auth[1] !== ACCESS_KEY_ID || auth[3] !== REGION) return false;
  const date = String(req.headers['x-amz-date'] ?? '');
  if (!date.startsWith(auth[2]!)) return false;
  const names = auth[4]!.split(';');
  if (!names.includes('host') || !names.includes('x-amz-content-sha256') || !names.includes('x-amz-date')) return false;
  const headers = Object.fromEntries(names.map((n) => [n, String(req.headers[n] ?? '')]));
  const { text } = canonicalRequest({ method: req.method!, path, query, headers, payloadHash: headers['x-amz-content-sha256']! });
  return signatureOf(SECRET_ACCESS_KEY, date, REGION, 's3', text) === auth[5];
}

export async function startFakeS3(opts: { bucket?: string; pageSize?: number } = {}): Promise<FakeS3> {
  const bucket = opts.bucket ?? 'hatchery-test';
  const pageSize = opts.pageSize ?? 1000;
  const objects = new Map<string, { body: Buffer; modifiedMs: number }>();
  const log: string[] = [];

  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const [rawPath, rawQuery = ''] = (req.url ?? '/').split('?');
    const query = rawQuery
      .split('&')
      .filter(Boolean)
      .map((p) => p.split('=').map((s) => decodeURIComponent(s)) as [string, string]);
    const param = (name: string) => query.find(([k]) => k === name)?.[1];
    if (!signatureHolds(req, rawPath!, query.map(([k, v]) => [k, v ?? '']))) return answerError(res, 403, 'SignatureDoesNotMatch');
    const [, bucketName, ...keyParts] = rawPath!.split('/').map((s) => decodeURIComponent(s));
    if (bucketName !== bucket) return answerError(res, 404, 'NoSuchBucket');
    const key = keyParts.join('/');
    log.push(`${req.method} ${key}`);

    if (req.method === 'GET' && !key && param('list-type') === '2') {
      const prefix = param('prefix') ?? '';
      const keys = [...objects.keys()].filter((k) => k.startsWith(prefix)).sort();
      const from = Number(param('continuation-token') ?? 0);
      const page = keys.slice(from, from + pageSize);
      const truncated = from + pageSize < keys.length;
      const contents = page
        .map((k) => `<Contents><Key>${xmlEscape(k)}</Key><LastModified>${new Date(objects.get(k)!.modifiedMs).toISOString()}</LastModified><Size>${objects.get(k)!.body.length}</Size></Contents>`)
        .join('');
      res.writeHead(200, { 'content-type': 'application/xml' });
      return res.end(
        `<?xml version="1.0"?><ListBucketResult><Name>${bucket}</Name><Prefix>${xmlEscape(prefix)}</Prefix><KeyCount>${page.length}</KeyCount>` +
          `<IsTruncated>${truncated}</IsTruncated>${truncated ? `<NextContinuationToken>${from + pageSize}</NextContinuationToken>` : ''}${contents}</ListBucketResult>`,
      );
    }
    if (!key) return answerError(res, 400, 'InvalidRequest');
    const found = objects.get(key);
    switch (req.method) {
      case 'PUT': {
        if (createHash('sha256').update(body).digest('hex') !== req.headers['x-amz-content-sha256']) return answerError(res, 400, 'XAmzContentSHA256Mismatch');
        objects.set(key, { body, modifiedMs: Date.now() });
        return res.writeHead(200, { etag: `"${createHash('md5').update(body).digest('hex')}"` }).end();
      }
      case 'GET':
        if (!found) return answerError(res, 404, 'NoSuchKey');
        return res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': found.body.length }).end(found.body);
      case 'HEAD':
        return res.writeHead(found ? 200 : 404, found ? { 'content-length': found.body.length } : {}).end();
      case 'DELETE':
        objects.delete(key);
        return res.writeHead(204).end();
      default:
        return answerError(res, 405, 'MethodNotAllowed');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    endpoint,
    bucket,
    env: { S3_ENDPOINT: endpoint, S3_BUCKET: bucket, S3_ACCESS_KEY_ID: ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY: SECRET_ACCESS_KEY, S3_REGION: REGION, S3_FORCE_PATH_STYLE: 'true' },
    objects,
    log,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
