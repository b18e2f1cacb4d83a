import type { FastifyRequest, FastifyServerOptions } from 'fastify';
import { maskPersonal, maskPersonalIn } from '../validation/masking.ts';

/*
 * The server log never holds a session secret or personal data in full (SECURITY-CHECKLIST 13, 18):
 * secret headers are removed, known personal fields are logged masked wherever they sit in a
 * logged object, and the free text most likely to carry them — request URLs (search queries) and
 * error messages (a database error quotes the row it refused) — is scrubbed of mobiles and ID numbers.
 */

const SECRET_PATHS = ['req.headers.cookie', 'req.headers["x-csrf-token"]'];
const PERSONAL_FIELDS = ['mobile', 'phone', 'contact', 'contactMobile', 'principalMobile', 'legalRepresentativePhone', 'idNumber'];
/** Redaction paths do not recurse: a field is matched at the top and two levels down. */
const PERSONAL_PATHS = PERSONAL_FIELDS.flatMap((f) => [f, `*.${f}`, `*.*.${f}`]);

const censor = (value: unknown, path: string[]) => (path.includes('headers') ? '[Redacted]' : typeof value === 'string' ? maskPersonal(value) : value);

type LoggedError = {
  type: string;
  message: string;
  stack: string;
  code?: unknown;
  detail?: string;
  cause?: LoggedError;
};

/** An error as logged: its message, stack, database detail and cause, each scrubbed. */
function serialiseError(err: unknown, depth = 0): LoggedError {
  if (!(err instanceof Error)) return { type: typeof err, message: maskPersonalIn(String(err)), stack: '' };
  const e = err as Error & { code?: unknown; detail?: unknown };
  return {
    type: e.constructor.name,
    message: maskPersonalIn(e.message),
    stack: maskPersonalIn(e.stack ?? ''),
    ...(e.code !== undefined ? { code: e.code } : {}),
    ...(typeof e.detail === 'string' ? { detail: maskPersonalIn(e.detail) } : {}),
    ...(e.cause !== undefined && depth < 3 ? { cause: serialiseError(e.cause, depth + 1) } : {}),
  };
}

/** Fastify's logger options: level, redaction and the serializers above. */
export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  return {
    level,
    redact: { paths: [...SECRET_PATHS, ...PERSONAL_PATHS], censor },
    serializers: {
      err: (err: unknown) => serialiseError(err),
      req: (req: FastifyRequest) => ({ method: req.method, url: maskPersonalIn(req.url), host: req.host, remoteAddress: req.ip }),
    },
    hooks: {
      // Messages are free text too ("duplicate key … 13812341234" as a log line's msg).
      logMethod(this: unknown, args: unknown[], method: (...a: unknown[]) => void) {
        method.apply(this, args.map((a) => (typeof a === 'string' ? maskPersonalIn(a) : a)));
      },
    },
  };
}
