import { currentLanguage } from '../i18n';
import i18n from '../i18n';
import type { paths } from './contract.gen';

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

/** One request to `url` (path and query string already built); `signal` aborts it (a query TanStack cancels). */
async function request<T>(method: string, url: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const multipart = body instanceof FormData;
  if (body !== undefined && !multipart) headers['content-type'] = 'application/json';
  if (!SAFE_METHODS.has(method)) headers['x-csrf-token'] = await csrfToken();
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : multipart ? body : JSON.stringify(body),
      signal,
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

// ————— The typed client: every route, method, parameter, body and answer from contract.gen.ts —————

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
/** Every API route, as the server spells it (`/api/applications/{id}`). */
export type Route = keyof paths;
/** The routes that answer a method. */
export type RouteFor<M extends Method> = { [P in Route]: M extends keyof paths[P] ? P : never }[Route];
type OperationOf<P extends Route, M extends Method> = paths[P] extends { [K in M]: infer O } ? O : never;
type PartOf<O, K extends 'path' | 'query' | 'body' | 'response'> = O extends { [k in K]: infer T } ? T : never;

/** The success answer of an operation, e.g. `ResponseOf<'/api/review/queue', 'get'>`. */
export type ResponseOf<P extends Route, M extends Method> = PartOf<OperationOf<P, M>, 'response'>;
/** The JSON body an operation takes. */
export type BodyOf<P extends Route, M extends Method> = PartOf<OperationOf<P, M>, 'body'>;
/** The query parameters an operation takes. */
export type QueryOf<P extends Route, M extends Method> = PartOf<OperationOf<P, M>, 'query'>;
/** The path parameters an operation takes (`{ id }` for `/api/applications/{id}`). */
export type ParamsOf<P extends Route, M extends Method> = PartOf<OperationOf<P, M>, 'path'>;

/** A part the operation has is required unless every field of it is optional; one it lacks cannot be given. */
type Part<K extends string, T> = [T] extends [never] ? unknown : Record<string, never> extends T ? { [k in K]?: T } : { [k in K]: T };
type InputOf<O> = Part<'path', PartOf<O, 'path'>> & Part<'query', PartOf<O, 'query'>> & Part<'body', PartOf<O, 'body'>>;
/** `{ path, query, body }` as the operation needs them, and the `signal` that aborts the request; omitted when it needs none. */
export type Input<P extends Route, M extends Method> = InputOf<OperationOf<P, M>> & { signal?: AbortSignal };
type Rest<P extends Route, M extends Method> = Record<string, never> extends Input<P, M> ? [input?: Input<P, M>] : [input: Input<P, M>];

interface LooseInput {
  path?: Record<string, string | number>;
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
}

/** `/api/applications/{id}` with `{ id }` → `/api/applications/…`, each value URL-encoded. */
function urlOf(route: string, input: unknown): string {
  const { path: params = {}, query } = (input ?? {}) as LooseInput;
  const path = route.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${route}: path parameter ${name} missing`);
    return encodeURIComponent(String(value));
  });
  return withQuery(path, query);
}

function send<T>(method: string, route: string, input: unknown, form?: FormData): Promise<T> {
  const { body, signal } = (input ?? {}) as LooseInput;
  return request<T>(method, urlOf(route, input), form ?? body, signal);
}

/**
 * Typed requests: the route is a key of the generated `paths`, and its path parameters, query, body
 * and answer are the server's (`http.get('/api/applications/{id}', { path: { id } })`).
 */
export const http = {
  get: <P extends RouteFor<'get'>>(route: P, ...[input]: Rest<P, 'get'>) => send<ResponseOf<P, 'get'>>('GET', route, input),
  post: <P extends RouteFor<'post'>>(route: P, ...[input]: Rest<P, 'post'>) => send<ResponseOf<P, 'post'>>('POST', route, input),
  put: <P extends RouteFor<'put'>>(route: P, ...[input]: Rest<P, 'put'>) => send<ResponseOf<P, 'put'>>('PUT', route, input),
  patch: <P extends RouteFor<'patch'>>(route: P, ...[input]: Rest<P, 'patch'>) => send<ResponseOf<P, 'patch'>>('PATCH', route, input),
  delete: <P extends RouteFor<'delete'>>(route: P, ...[input]: Rest<P, 'delete'>) => send<ResponseOf<P, 'delete'>>('DELETE', route, input),
  /** A multipart POST (the routes that read one through acceptMultipart; their body is not in the contract). */
  postForm: <P extends RouteFor<'post'>>(route: P, form: FormData, ...[input]: Rest<P, 'post'>) => send<ResponseOf<P, 'post'>>('POST', route, input, form),
};

/** The URL of a GET route, for a link (`<a href>`, a download button) rather than a request. */
export function hrefOf<P extends RouteFor<'get'>>(route: P, ...[input]: Rest<P, 'get'>): string {
  return urlOf(route, input);
}
