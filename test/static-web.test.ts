import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compressWebBuild } from '../scripts/compress-web.ts';
import { buildApp } from '../src/app.ts';
import { SECURITY_HEADERS } from './helpers/security-headers.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';

/**
 * The built web app as the server sends it, on a small build of its own (the real `dist/web` may be
 * absent or stale when unit tests run): precompressed copies, cache headers per kind of file, HEAD,
 * and the router's fallback.
 */
let t: TestApp;
let app: FastifyInstance;
let webDir: string;
const SCRIPT = `console.log(${JSON.stringify('众创空间'.repeat(2000))});\n`;
const INDEX = '<!doctype html><html><head><script type="module" src="/assets/index-Ab12Cd34.js"></script></head><body><div id="root"></div></body></html>';

beforeAll(async () => {
  webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hatchery-web-'));
  fs.mkdirSync(path.join(webDir, 'assets'));
  fs.writeFileSync(path.join(webDir, 'index.html'), INDEX);
  fs.writeFileSync(path.join(webDir, 'assets/index-Ab12Cd34.js'), SCRIPT);
  fs.writeFileSync(path.join(webDir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  await compressWebBuild(webDir);
  t = await createTestApp();
  app = await buildApp(t.ctx, { webDir, logger: false });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await t.close();
  fs.rmSync(webDir, { recursive: true, force: true });
});

const get = (url: string, encoding?: string, method: 'GET' | 'HEAD' = 'GET') =>
  app.inject({ method, url, headers: encoding ? { 'accept-encoding': encoding } : {} });

describe('the build step', () => {
  it('writes brotli and gzip copies of files worth compressing, and none of tiny ones', () => {
    const script = path.join(webDir, 'assets/index-Ab12Cd34.js');
    expect(zlib.brotliDecompressSync(fs.readFileSync(`${script}.br`)).toString()).toBe(SCRIPT);
    expect(zlib.gunzipSync(fs.readFileSync(`${script}.gz`)).toString()).toBe(SCRIPT);
    expect(fs.statSync(`${script}.br`).size).toBeLessThan(SCRIPT.length / 10);
    expect(fs.existsSync(path.join(webDir, 'favicon.svg.br'))).toBe(false);
  });
});

describe('serving the web app', () => {
  it('sends a hashed asset brotli- or gzip-compressed as accepted, cached for a year as immutable', async () => {
    const br = await get('/assets/index-Ab12Cd34.js', 'gzip, deflate, br, zstd');
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(zlib.brotliDecompressSync(br.rawPayload).toString()).toBe(SCRIPT);

    const gz = await get('/assets/index-Ab12Cd34.js', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.rawPayload).toString()).toBe(SCRIPT);

    const plain = await get('/assets/index-Ab12Cd34.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(SCRIPT);
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('never serves the compressed copies under their own names', async () => {
    expect((await get('/assets/index-Ab12Cd34.js.br')).statusCode).toBe(404);
    expect((await get('/assets/index-Ab12Cd34.js.gz')).statusCode).toBe(404);
  });

  it('sends index.html and other unhashed files to be revalidated on every use', async () => {
    for (const url of ['/', '/index.html']) {
      const res = await get(url, 'br, gzip');
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toMatch(/^text\/html/);
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(res.body, url).toBe(INDEX);
    }
    const icon = await get('/favicon.svg', 'br, gzip');
    expect(icon.headers['cache-control']).toBe('no-cache');
    expect(icon.headers['content-encoding']).toBeUndefined();
  });

  it('sends the page with the same security headers as the API (CSP, framing, referrer…)', async () => {
    for (const url of ['/', '/portal/calls', '/assets/index-Ab12Cd34.js']) {
      const res = await get(url);
      expect(res.statusCode).toBe(200);
      expect(res.headers).toMatchObject(SECURITY_HEADERS);
    }
  });

  it('answers HEAD like GET without a body', async () => {
    for (const url of ['/', '/assets/index-Ab12Cd34.js', '/portal/calls']) {
      const res = await get(url, 'br', 'HEAD');
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).toBe('');
    }
    expect((await get('/', undefined, 'HEAD')).headers['cache-control']).toBe('no-cache');
  });

  it('answers the router’s addresses with index.html, and missing assets and API paths with 404', async () => {
    for (const url of ['/portal/calls', '/portal/calls/xyz', '/app/review?stage=intake']) {
      const res = await get(url, 'gzip');
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toMatch(/^text\/html/);
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(res.body, url).toBe(INDEX);
    }
    const asset = await get('/assets/index-Old00000.js');
    expect(asset.statusCode).toBe(404);
    expect(asset.json().error.code).toBe('NOT_FOUND');
    const api = await get('/api/no-such-thing');
    expect(api.statusCode).toBe(404);
    expect(api.headers['cache-control']).toBe('no-store');
    expect((await app.inject({ method: 'POST', url: '/portal/calls' })).statusCode).toBe(404);
  });
});
