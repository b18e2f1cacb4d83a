import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';
import type { StorageConfig } from '../../config.ts';
import { EMPTY_SHA256, signedHeaders, uriEncode } from './sigv4.ts';

type S3Config = Extract<StorageConfig, { kind: 's3' }>;

/** A socket silent this long is given up on: a hung object store fails the request, not the process. */
const IDLE_TIMEOUT_MS = 30_000;

export class S3Error extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    what: string,
  ) {
    super(`对象存储请求失败 / object storage request failed: ${what} answered ${status} ${code}`);
  }
}

/**
 * The four object calls and the listing the attachment store needs (PutObject, GetObject,
 * HeadObject, DeleteObject, ListObjectsV2), signed with SigV4, over node:http(s) so bodies stream
 * both ways without buffering.
 */
export class S3Client {
  constructor(private readonly config: S3Config) {}

  /** The object's address, path style (`endpoint/bucket/key`) or virtual-host style (`bucket.endpoint/key`). */
  private url(key: string, query: ReadonlyArray<readonly [string, string]> = []): URL {
    const base = new URL(this.config.endpoint);
    const encodedKey = key.split('/').map(uriEncode).join('/');
    if (!this.config.forcePathStyle) base.hostname = `${this.config.bucket}.${base.hostname}`;
    const prefix = base.pathname.replace(/\/+$/, '');
    // The bucket itself (a listing) is `/bucket` path style, `/` by host name.
    const bucketPath = this.config.forcePathStyle ? `${prefix}/${this.config.bucket}` : prefix;
    base.pathname = key ? `${bucketPath}/${encodedKey}` : bucketPath || '/';
    base.search = query.map(([k, v]) => `${uriEncode(k)}=${uriEncode(v)}`).join('&');
    return base;
  }

  private send(method: string, url: URL, opts: { payloadHash?: string; headers?: Record<string, string>; body?: Readable } = {}): Promise<http.IncomingMessage> {
    const headers = signedHeaders({ method, url, payloadHash: opts.payloadHash ?? EMPTY_SHA256, headers: opts.headers }, this.config, this.config.region);
    return new Promise((resolve, reject) => {
      const req = (url.protocol === 'https:' ? https : http).request(url, { method, headers });
      req.setTimeout(IDLE_TIMEOUT_MS, () => req.destroy(new Error(`对象存储无响应 / object storage did not answer within ${IDLE_TIMEOUT_MS / 1000} s`)));
      req.once('response', resolve).once('error', reject);
      if (opts.body) opts.body.once('error', (err) => req.destroy(err)).pipe(req);
      else req.end();
    });
  }

  /** Reads a non-2xx answer's error code and throws it (the answer is small XML). */
  private async fail(res: http.IncomingMessage, what: string): Promise<never> {
    let text = '';
    for await (const chunk of res) if (text.length < 4096) text += String(chunk);
    throw new S3Error(res.statusCode ?? 0, /<Code>([^<]*)<\/Code>/.exec(text)?.[1] ?? 'unknown', what);
  }

  /**
   * Uploads a local file whose size and SHA-256 are known: the hash is signed as the payload's, so
   * the store itself refuses bytes that changed on the way.
   */
  async putFile(key: string, file: string, sizeBytes: number, sha256: string): Promise<void> {
    const res = await this.send('PUT', this.url(key), {
      payloadHash: sha256,
      headers: { 'content-length': String(sizeBytes), 'content-type': 'application/octet-stream' },
      body: fs.createReadStream(file),
    });
    if (res.statusCode !== 200) return this.fail(res, `PUT ${key}`);
    res.resume();
  }

  /** The object's bytes as they arrive. */
  async get(key: string): Promise<Readable> {
    const res = await this.send('GET', this.url(key));
    if (res.statusCode !== 200) return this.fail(res, `GET ${key}`);
    return res;
  }

  async exists(key: string): Promise<boolean> {
    const res = await this.send('HEAD', this.url(key));
    res.resume();
    if (res.statusCode === 200) return true;
    if (res.statusCode === 404) return false;
    throw new S3Error(res.statusCode ?? 0, 'unknown', `HEAD ${key}`);
  }

  /** Deletes the object; one already gone is no error (S3 answers 204 either way). */
  async delete(key: string): Promise<void> {
    const res = await this.send('DELETE', this.url(key));
    if (res.statusCode !== 204 && res.statusCode !== 200 && res.statusCode !== 404) return this.fail(res, `DELETE ${key}`);
    res.resume();
  }

  /** Every object under `prefix` with its last write time, a page (≤ 1,000) at a time. */
  async *list(prefix: string): AsyncGenerator<{ key: string; modifiedMs: number }> {
    for (let token: string | undefined; ; ) {
      const query: [string, string][] = [['list-type', '2'], ['prefix', prefix], ...(token ? [['continuation-token', token] as [string, string]] : [])];
      const res = await this.send('GET', this.url('', query));
      if (res.statusCode !== 200) return this.fail(res, `LIST ${prefix}`);
      let xml = '';
      for await (const chunk of res) xml += String(chunk);
      for (const [, body] of xml.matchAll(/<Contents>([\s\S]*?)<\/Contents>/g)) {
        const key = xmlText(/<Key>([\s\S]*?)<\/Key>/.exec(body!)?.[1]);
        const modified = /<LastModified>([^<]*)<\/LastModified>/.exec(body!)?.[1];
        if (key) yield { key, modifiedMs: modified ? Date.parse(modified) : 0 };
      }
      token = /<IsTruncated>true<\/IsTruncated>/.test(xml) ? xmlText(/<NextContinuationToken>([^<]*)<\/NextContinuationToken>/.exec(xml)?.[1]) : undefined;
      if (!token) return;
    }
  }
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function xmlText(raw: string | undefined): string | undefined {
  return raw?.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, e: string) =>
    e.startsWith('#x') ? String.fromCodePoint(parseInt(e.slice(2), 16)) : e.startsWith('#') ? String.fromCodePoint(Number(e.slice(1))) : ENTITIES[e]!,
  );
}
