import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, ERROR_CODES, type FieldError } from '../shared/errors.ts';
import * as audit from '../modules/audit/index.ts';
import { issueToFieldError } from '../shared/i18n-errors.ts';
import { auditContext } from '../shared/http/context.ts';
import { isMultipartError, multipartError } from '../shared/http/multipart.ts';

export interface ErrorBody {
  error: {
    code: string;
    message: string;
    messageEn: string;
    fields?: FieldError[];
    details?: Record<string, unknown>;
    requestId: string;
  };
}

function send(reply: FastifyReply, req: FastifyRequest, err: AppError) {
  const body: ErrorBody = {
    error: {
      code: err.code,
      message: err.message,
      messageEn: err.messageEn,
      ...(err.fields ? { fields: err.fields } : {}),
      ...(err.details ? { details: err.details } : {}),
      requestId: String(req.id),
    },
  };
  return reply.status(err.status).send(body);
}

/**
 * A signed-in user refused an action (SECURITY-CHECKLIST 11): one audit row naming the route. Out of
 * scope answers 404 and is not recorded here: those requests never learn the record exists.
 */
async function recordDenial(req: FastifyRequest) {
  if (!req.actor) return;
  try {
    await audit.record(req.server.ctx.db, auditContext(req), {
      action: 'access.denied',
      objectType: 'route',
      objectId: `${req.method} ${req.routeOptions.url ?? req.url}`,
      result: 'denied',
    });
  } catch (err) {
    req.log.error({ err }, 'could not audit a refused request');
  }
}

const bodyError = (zh: string, en: string) => () =>
  new AppError('VALIDATION_FAILED', { zh: `body：${zh}`, en: `body: ${en}`, fields: [{ field: 'body', message: zh, messageEn: en }] });

/** Fastify's own refusals of a malformed request (body parsing, URL decoding), in our codes and both languages. */
const fastifyErrors = new Map<string | undefined, () => AppError>([
  ['FST_ERR_CTP_INVALID_JSON_BODY', bodyError('不是有效的 JSON', 'is not valid JSON')],
  ['FST_ERR_CTP_EMPTY_JSON_BODY', bodyError('声明为 JSON 但内容为空', 'is empty although the content type says JSON')],
  ['FST_ERR_CTP_INVALID_CONTENT_LENGTH', bodyError('长度与 Content-Length 不符', 'does not match its Content-Length')],
  ['FST_ERR_CTP_BODY_TOO_LARGE', () => new AppError('REQUEST_TOO_LARGE')],
  ['FST_ERR_CTP_INVALID_MEDIA_TYPE', () => new AppError('UNSUPPORTED_MEDIA_TYPE')],
  ['FST_ERR_BAD_URL', () => new AppError('BAD_REQUEST', { zh: '请求地址中含有无效的编码', en: 'The URL contains an invalid encoding' })],
]);

/** The one mapping from thrown errors to responses; 5xx details go to the log, never to the client. */
export async function errorHandler(error: FastifyError | Error, req: FastifyRequest, reply: FastifyReply) {
  if (error instanceof AppError) {
    if (error.code === 'FORBIDDEN') await recordDenial(req);
    return send(reply, req, error);
  }

  if (hasZodFastifySchemaValidationErrors(error)) {
    const prefix = (error as FastifyError).validationContext ?? 'body';
    const root = (req as unknown as Record<string, unknown>)[prefix === 'querystring' ? 'query' : prefix];
    const fields = error.validation.map((v) =>
      issueToFieldError(
        { code: v.keyword, message: v.message, path: v.instancePath.split('/').filter(Boolean), ...v.params },
        prefix,
        root,
      ),
    );
    const zh = fields.map((f) => `${f.field}：${f.message}`).join('；');
    const en = fields.map((f) => `${f.field}: ${f.messageEn}`).join('; ');
    return send(reply, req, new AppError('VALIDATION_FAILED', { zh, en, fields }));
  }

  // A multipart route that let a parser error through: too many parts is not a file too large.
  if (isMultipartError(error)) return send(reply, req, multipartError(error));
  const fe = error as FastifyError;
  const mapped = fastifyErrors.get(fe.code);
  if (mapped) return send(reply, req, mapped());
  if (fe.code === 'FST_REQ_FILE_TOO_LARGE' || fe.statusCode === 413) return send(reply, req, new AppError('FILE_TOO_LARGE'));
  if (fe.statusCode === 429) return send(reply, req, new AppError('RATE_LIMITED'));
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    // Any other client error a plugin raises: the client's fault, said plainly.
    const code = fe.statusCode === 404 ? 'NOT_FOUND' : 'BAD_REQUEST';
    const err = new AppError(code, {
      zh: `${ERROR_CODES[code].zh}：${fe.message}`,
      en: `${ERROR_CODES[code].en}: ${fe.message}`,
    });
    return reply.status(fe.statusCode).send({
      error: { code, message: err.message, messageEn: err.messageEn, requestId: String(req.id) },
    } satisfies ErrorBody);
  }
  req.log.error({ err: error }, 'unhandled error');
  return send(reply, req, new AppError('INTERNAL'));
}
