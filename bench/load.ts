import http from 'node:http';

export interface LoadResult {
  requests: number;
  errors: number;
  /** Wall time of the whole round. */
  ms: number;
  /** Completed requests per second. */
  rps: number;
  /** Each request's time, milliseconds. */
  latencies: number[];
  /** Bytes of the last answer body (to compare the shapes two servers return). */
  bytes: number;
}

export interface Target {
  port: number;
  path: string;
  cookie?: string;
}

/** One GET on a kept-alive connection; resolves to the status and body size. */
function get(agent: http.Agent, t: Target): Promise<{ status: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: t.port, path: t.path, method: 'GET', agent, headers: t.cookie ? { cookie: t.cookie } : {} },
      (res) => {
        let bytes = 0;
        res.on('data', (chunk: Buffer) => (bytes += chunk.length));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/**
 * A fixed number of GETs, `concurrency` in flight at a time over as many kept-alive connections
 * (a closed loop: each connection sends its next request when the last one is answered). Any
 * status other than 200 counts as an error.
 */
export async function load(t: Target, requests: number, concurrency: number): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies: number[] = [];
  let errors = 0;
  let bytes = 0;
  let next = 0;
  const worker = async () => {
    while (next < requests) {
      next++;
      const start = performance.now();
      try {
        const res = await get(agent, t);
        if (res.status !== 200) errors++;
        bytes = res.bytes;
      } catch {
        errors++;
      }
      latencies.push(performance.now() - start);
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const ms = performance.now() - start;
  agent.destroy();
  return { requests, errors, ms, rps: (requests * 1000) / ms, latencies, bytes };
}

/** One GET, failing with the answer's status and start of body unless it is 200; returns the parsed JSON. */
export async function getJson<T = unknown>(t: Target): Promise<T> {
  const res = await fetch(`http://127.0.0.1:${t.port}${t.path}`, { headers: t.cookie ? { cookie: t.cookie } : {} });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`GET ${t.path} → ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

export interface Sent {
  status: number;
  body: string;
}

/**
 * One request of any method on a kept-alive connection of `agent`, with a body (JSON or a prepared
 * multipart buffer); resolves to the status and the body text.
 */
export function send(agent: http.Agent, port: number, method: string, path: string, headers: Record<string, string>, body?: Buffer | string): Promise<Sent> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, method, agent, headers: body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}
