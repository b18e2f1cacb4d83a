import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { DEMO_PASSWORD } from '../../src/seed/demo.ts';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * A browser stand-in over `app.inject`: keeps cookies, sends the CSRF header on state-changing
 * requests, and fails loudly when a response is not what a test expected.
 */
export class Agent {
  readonly cookies = new Map<string, string>();
  constructor(
    readonly app: FastifyInstance,
    readonly ip = '127.0.0.1',
  ) {}

  get csrf(): string | undefined {
    return this.cookies.get('hatchery_csrf');
  }

  async request(method: Method, url: string, body?: unknown, extra: Partial<InjectOptions> = {}): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = { ...(extra.headers as Record<string, string> | undefined) };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (method !== 'GET' && this.csrf && !('x-csrf-token' in headers)) headers['x-csrf-token'] = this.csrf;
    const res = await this.app.inject({
      method,
      url,
      remoteAddress: this.ip,
      ...(body !== undefined ? { payload: body as InjectOptions['payload'] } : {}),
      ...extra,
      headers,
    });
    for (const c of res.cookies) {
      if (c.value === '' || (c.expires && new Date(c.expires).getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return res;
  }

  get = (url: string, extra?: Partial<InjectOptions>) => this.request('GET', url, undefined, extra);
  post = (url: string, body?: unknown, extra?: Partial<InjectOptions>) => this.request('POST', url, body ?? {}, extra);
  put = (url: string, body?: unknown, extra?: Partial<InjectOptions>) => this.request('PUT', url, body ?? {}, extra);
  patch = (url: string, body?: unknown, extra?: Partial<InjectOptions>) => this.request('PATCH', url, body ?? {}, extra);
  delete = (url: string, extra?: Partial<InjectOptions>) => this.request('DELETE', url, undefined, extra);

  /** Signs in (fetching the pre-login CSRF token first); throws with the server's message on failure. */
  async login(username: string, password = DEMO_PASSWORD): Promise<this> {
    if (!this.csrf) await this.get('/api/auth/csrf');
    const res = await this.post('/api/auth/login', { username, password });
    if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
    return this;
  }
}

/** A signed-in agent for a demo account. */
export const signIn = (app: FastifyInstance, username: string, password?: string) => new Agent(app).login(username, password);
