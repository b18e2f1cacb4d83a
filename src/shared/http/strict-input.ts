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

const takesMultipart = (req: FastifyRequest) => (req.routeOptions.schema?.consumes ?? []).includes('multipart/form-data');

/**
 * What the route schemas cannot say themselves (SECURITY-CHECKLIST 14: unknown input is refused,
 * never ignored), for every API route alike so a route added later needs nothing:
 * - a query parameter given twice is refused by name (a schema would see an array, or coerce
 *   `?page=1&page=2` into something nobody sent);
 * - a route without a querystring schema takes no query parameters;
 * - a route without a body schema takes no body (an empty JSON object, which generic clients send
 *   with a bare POST, carries nothing and passes); multipart routes read their own body.
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

    if (!schema?.body && !takesMultipart(req) && req.body !== undefined && !isEmptyObject(req.body))
      throw refuse([{ field: 'body', message: '此请求不接受请求体', messageEn: 'this request takes no body' }]);
  });
}
