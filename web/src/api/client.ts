import { currentLanguage } from '../i18n';
import i18n from '../i18n';

/** One field-level validation problem; `field` is the server's dotted path, e.g. `body.newPassword`. */
export interface FieldProblem {
  field: string;
  message: string;
  messageEn: string;
}

/** The server's one error body (src/shared/http/error-handler.ts). */
interface ErrorBody {
  error: { code: string; message: string; messageEn: string; fields?: FieldProblem[]; requestId: string };
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messageZh: string,
    readonly messageEn: string,
    readonly fields: FieldProblem[] = [],
    readonly requestId?: string,
  ) {
    super(messageZh);
    this.name = 'ApiError';
  }

  /** The server's message in the language the user reads now. */
  get localized(): string {
    return currentLanguage() === 'en-US' ? this.messageEn : this.messageZh;
  }
}

/** No response at all (server down, network gone). */
export class NetworkError extends Error {
  constructor() {
    super('network');
    this.name = 'NetworkError';
  }
}

/** What to show the user for any error thrown by a request. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.localized;
  if (err instanceof NetworkError) return i18n.t('error.network');
  return err instanceof Error ? err.message : String(err);
}

// Production cookies carry the __Host- prefix (src/shared/http/auth-hook.ts).
const CSRF_COOKIES = ['__Host-hatchery_csrf', 'hatchery_csrf'];
const SAFE_METHODS = new Set(['GET', 'HEAD']);

function readCsrfCookie(): string | undefined {
  const cookies = new Map(
    document.cookie
      .split(';')
      .map((c) => c.trim().split('='))
      .map(([k = '', ...v]) => [k, decodeURIComponent(v.join('='))] as const),
  );
  return CSRF_COOKIES.map((n) => cookies.get(n)).find(Boolean);
}

/** Before sign-in there is no CSRF cookie yet; the server hands one out for the double-submit check. */
async function csrfToken(): Promise<string> {
  const existing = readCsrfCookie();
  if (existing) return existing;
  const { csrfToken: token } = await request<{ csrfToken: string }>('GET', '/api/auth/csrf');
  return token;
}

export type Query = Record<string, string | number | boolean | undefined | null>;

function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function request<T>(method: string, path: string, body?: unknown, query?: Query): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const multipart = body instanceof FormData;
  if (body !== undefined && !multipart) headers['content-type'] = 'application/json';
  if (!SAFE_METHODS.has(method)) headers['x-csrf-token'] = await csrfToken();
  let res: Response;
  try {
    res = await fetch(withQuery(path, query), {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : multipart ? body : JSON.stringify(body),
    });
  } catch {
    throw new NetworkError();
  }
  const text = await res.text();
  const json: unknown = text ? safeJson(text) : undefined;
  if (res.ok) return json as T;
  if (isErrorBody(json)) {
    const e = json.error;
    throw new ApiError(res.status, e.code, e.message, e.messageEn, e.fields, e.requestId);
  }
  const fallback = i18n.t('error.unexpected', { status: res.status });
  throw new ApiError(res.status, 'UNEXPECTED', fallback, fallback);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isErrorBody(v: unknown): v is ErrorBody {
  return typeof v === 'object' && v !== null && 'error' in v && typeof (v as ErrorBody).error?.code === 'string';
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', path, undefined, query),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, body),
  delete: <T>(path: string) => request<T>('DELETE', path),
  /** Multipart upload of one file in the field the server names (`file`). */
  upload: <T>(path: string, file: Blob, fileName: string) => {
    const form = new FormData();
    form.append('file', file, fileName);
    return request<T>('POST', path, form);
  },
};
