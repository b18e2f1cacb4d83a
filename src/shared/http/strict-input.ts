import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, type FieldError } from '../errors.ts';

function refuse(fields: FieldError[]): AppError {
  return new AppError('VALIDATION_FAILED', {
    zh: fields.map((f) => `${f.field}：${f.message}`).join('；'),
    en: fields.map((f) => `${f.field}: ${f.messageEn}`).join('; '),
    fields,
  });
}

const isEmptyObject = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0;

const LONE_SURROGATE = /[\ud800-\udfff]/u;
/** PostgreSQL stores neither NUL (text refuses it) nor half a surrogate pair (jsonb refuses it). */
const unstorable = (s: string) => s.includes('\u0000') || LONE_SURROGATE.test(s);

/**
 * The dotted path of the first key or string value that cannot be stored, or undefined. Iterative:
 * a body may nest as deep as its size allows.
 */
function firstUnstorable(root: unknown, prefix: string): string | undefined {
  const stack: [unknown, string][] = [[root, prefix]];
  while (stack.length) {
    const [value, path] = stack.pop()!;
    if (typeof value === 'string') {
      if (unstorable(value)) return path;
    } else if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        if (unstorable(key)) return `${path}.${key}`;
        stack.push([child, `${path}.${key}`]);
      }
    }
  }
  return undefined;
}

const takesMultipart = (req: FastifyRequest) => (req.routeOptions.schema?.consumes ?? []).includes('multipart/form-data');

/**
 * What the route schemas cannot say themselves (SECURITY-CHECKLIST 14: unknown input is refused,
 * never ignored), for every API route alike so a route added later needs nothing:
 * - a query parameter given twice is refused by name (a schema would see an array, or coerce
 *   `?page=1&page=2` into something nobody sent);
 * - a route without a querystring schema takes no query parameters;
 * - a route without a body schema takes no body (an empty JSON object, which generic clients send
 *   with a bare POST, carries nothing and passes); multipart routes read their own body.
 * - no parameter, key or string may hold NUL or an unpaired surrogate: the database cannot store
 *   them, and a query would fail deep in a handler instead of being refused here.
 * Only `application/json` bodies are parsed (plus multipart where a route registers it): Fastify's
 * text/plain parser is removed, so any other content type answers 415 before reaching a handler.
 * Runs after the auth hook, so anonymous callers still learn nothing about a route's input.
 */
export function registerStrictInput(app: FastifyInstance) {
  app.removeContentTypeParser('text/plain');

  app.addHook('preValidation', async (req: FastifyRequest) => {
    if (!req.routeOptions.config?.policy) return;
    const schema = req.routeOptions.schema;

    const query = (req.query ?? {}) as Record<string, unknown>;
    const repeated = Object.keys(query).filter((k) => Array.isArray(query[k]));
    if (repeated.length)
      throw refuse(repeated.map((k) => ({ field: `querystring.${k}`, message: '参数只能出现一次', messageEn: 'give this parameter only once' })));
    if (!schema?.querystring) {
      const unknown = Object.keys(query);
      if (unknown.length)
        throw refuse(unknown.map((k) => ({ field: `querystring.${k}`, message: `不允许的参数：${k}`, messageEn: `unknown parameter: ${k}` })));
    }

    for (const [part, value] of [['params', req.params], ['querystring', query], ['body', req.body]] as const) {
      const field = firstUnstorable(value, part);
      if (field)
        throw refuse([{ field, message: '含有无法保存的字符（空字符或不成对的代理项）', messageEn: 'contains a character that cannot be stored (NUL or an unpaired surrogate)' }]);
    }

    if (!schema?.body && !takesMultipart(req) && req.body !== undefined && !isEmptyObject(req.body))
      throw refuse([{ field: 'body', message: '此请求不接受请求体', messageEn: 'this request takes no body' }]);
  });
}
