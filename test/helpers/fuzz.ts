import { SAMPLE } from './multipart.ts';

/**
 * Input generation for the API fuzzer (test/fuzz.test.ts): a seeded PRNG, values that fit an OpenAPI
 * (JSON Schema) description, and the malformed values and bodies sent instead.
 */

/** mulberry32: small, fast and reproducible from one 32-bit seed. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    chance: (p: number) => next() < p,
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
  };
}
export type Rng = ReturnType<typeof prng>;

/** `count` items of `items` in random order (all of them when there are fewer). */
export function sample<T>(rng: Rng, items: readonly T[], count: number): T[] {
  const pool = [...items];
  const out: T[] = [];
  while (pool.length && out.length < count) out.push(pool.splice(rng.int(0, pool.length - 1), 1)[0]!);
  return out;
}

/** The subset of JSON Schema that fastify-type-provider-zod emits for our routes. */
export interface JsonSchema {
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean' | 'null';
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  multipleOf?: number;
  minItems?: number;
  maxItems?: number;
  nullable?: boolean;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
}

export const MEGABYTE_STRING = 'x'.repeat(1024 * 1024);
const LONE_SURROGATES = '\ud800a\udc00';

/** Strings that satisfy the patterns our schemas use; a pattern none fits gets plain text. */
const PATTERNED = [
  '210112',
  '13800138000',
  '91110000MA01ABCD1X',
  'fuzz_key',
  'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
  '辽科发〔2026〕7号',
  '024-12345678',
  'fuzz@example.com',
  '2026-03-01',
  '2026-03-01T08:00:00.000Z',
];

const uuid = (rng: Rng) => {
  const hex = (n: number) => Array.from({ length: n }, () => rng.int(0, 15).toString(16)).join('');
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${rng.pick(['8', '9', 'a', 'b'])}${hex(3)}-${hex(12)}`;
};

/**
 * `max`: every string at its longest, number at its largest (or beyond any column type when the
 * schema sets no bound), array at its fullest, every optional field present; `min` the other way.
 * Such values pass validation and test what lies behind it: column widths and integer ranges.
 */
export type Edge = 'max' | 'min' | undefined;

function stringFor(schema: JsonSchema, rng: Rng, edge?: Edge): string {
  switch (schema.format) {
    case 'uuid':
      return uuid(rng);
    case 'date-time':
      return new Date(Date.UTC(2026, rng.int(0, 11), rng.int(1, 28), rng.int(0, 23))).toISOString();
    case 'date':
      return `2026-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
    case 'email':
      return `fuzz${rng.int(0, 999)}@example.com`;
    case 'uri':
      return 'https://example.com/fuzz';
  }
  if (schema.pattern) {
    const re = new RegExp(schema.pattern, 'u');
    const fit = PATTERNED.filter((s) => re.test(s));
    if (fit.length) return rng.pick(fit);
  }
  const min = schema.minLength ?? 0;
  const max = Math.min(schema.maxLength ?? 40, Math.max(min, 40));
  const length = edge === 'max' ? Math.min(schema.maxLength ?? 10_000, 100_000) : edge === 'min' ? min : rng.int(min, max);
  const alphabet = 'abcXYZ019 众创空间备案-_.';
  return Array.from({ length }, () => rng.pick([...alphabet])).join('');
}

function numberFor(schema: JsonSchema, rng: Rng, edge?: Edge): number {
  const unbounded = schema.type === 'integer' ? rng.pick([2 ** 31, Number.MAX_SAFE_INTEGER]) : rng.pick([2 ** 31, 1e308]);
  if (edge === 'max') return schema.maximum ?? unbounded;
  if (edge === 'min') return schema.minimum ?? (typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum + 1 : -unbounded);
  const lo = schema.minimum ?? (typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum + 1 : -1000);
  const hi = Math.min(schema.maximum ?? 1000, lo + 1000);
  const n = rng.int(Math.ceil(lo), Math.floor(hi));
  return schema.type === 'number' && !schema.multipleOf && rng.chance(0.3) ? n + 0.5 : n;
}

/** A value the schema accepts (as far as a JSON Schema can say: refinements may still refuse it). */
export function valueFor(schema: JsonSchema, rng: Rng, depth = 0, edge?: Edge): unknown {
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives?.length) return valueFor(rng.pick(alternatives), rng, depth, edge);
  if (schema.allOf?.length) return valueFor(Object.assign({}, ...schema.allOf), rng, depth, edge);
  if (schema.enum?.length) return rng.pick(schema.enum);
  if (schema.nullable && !edge && rng.chance(0.1)) return null;
  switch (schema.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, prop] of Object.entries(schema.properties ?? {})) {
        const wanted = edge === 'max' || (edge !== 'min' && depth < 4 && rng.chance(0.6));
        if (schema.required?.includes(key) || wanted) out[key] = valueFor(prop, rng, depth + 1, edge);
      }
      if (typeof schema.additionalProperties === 'object' && depth < 4 && (edge === 'max' || rng.chance(0.5)))
        out[stringFor({ pattern: '^[a-z][a-z0-9_]{1,47}$' }, rng)] = valueFor(schema.additionalProperties, rng, depth + 1, edge);
      return out;
    }
    case 'array': {
      const least = schema.minItems ?? 0;
      const count = edge === 'max' ? Math.min(schema.maxItems ?? 5, 50) : edge === 'min' ? least : rng.int(least, Math.min(schema.maxItems ?? 3, least + 3));
      // Lists of choices must not repeat one (roles, categories): take distinct ones.
      if (schema.items?.enum) return sample(rng, schema.items.enum, count);
      return Array.from({ length: count }, () => valueFor(schema.items ?? {}, rng, depth + 1, edge));
    }
    case 'string':
      return stringFor(schema, rng, edge);
    case 'integer':
    case 'number':
      return numberFor(schema, rng, edge);
    case 'boolean':
      return rng.chance(0.5);
    case 'null':
      return null;
    default:
      return rng.pick(['x', 1, true, null]);
  }
}

const deepArray = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;
const deepObject = (levels: number): unknown => {
  let v: unknown = 'bottom';
  for (let i = 0; i < levels; i++) v = { a: v };
  return v;
};

/** Values of the declared JSON type that stress what comes after validation: bounds, encodings, sizes. */
function nastyOfType(schema: JsonSchema, rng: Rng): unknown {
  switch (schema.type) {
    case 'string':
      return rng.pick([
        '',
        ' ',
        '\u0000',
        `a\u0000b`,
        LONE_SURROGATES,
        '\ud83d',
        '𠀀𠀁😀',
        '\u202e\u200b\ufeff',
        '../../../../etc/passwd',
        "'; drop table users; --",
        '<script>alert(1)</script>',
        '%00%ff',
        'x'.repeat(Math.max(0, schema.maxLength ?? 300)),
        'x'.repeat((schema.maxLength ?? 300) + 1),
        '00000000-0000-0000-0000-000000000000',
        'ffffffff-ffff-ffff-ffff-ffffffffffff',
        '0000-01-01T00:00:00.000Z',
        '9999-12-31T23:59:59.999Z',
        '275760-09-13T00:00:00.000Z',
      ]);
    case 'integer':
    case 'number':
      return rng.pick([
        schema.minimum ?? 0,
        schema.maximum ?? 2 ** 31,
        (schema.maximum ?? 0) + 1,
        (schema.minimum ?? 0) - 1,
        2 ** 31 - 1,
        2 ** 31,
        -(2 ** 31) - 1,
        Number.MAX_SAFE_INTEGER,
        -Number.MAX_SAFE_INTEGER,
        2 ** 63,
        1e308,
        -1e308,
        5e-324,
        0.5,
        -0.5,
        -1,
        0,
      ]);
    case 'array':
      return rng.pick([[], Array.from({ length: 1000 }, () => valueFor(schema.items ?? {}, rng, 9)), [null]]);
    default:
      return nastyAnyType(rng);
  }
}

/** Values of any JSON type, most of them wrong wherever they land. */
export function nastyAnyType(rng: Rng): unknown {
  return rng.pick([
    null,
    true,
    false,
    0,
    -1,
    0.5,
    1e308,
    '',
    '\u0000',
    LONE_SURROGATES,
    '1e400',
    'NaN',
    'true',
    [],
    [1, 'a', null],
    {},
    { $gt: '' },
    { __proto__x: 1 },
    deepObject(200),
  ]);
}

/** One leaf or branch of `value` replaced: by a nasty value of its own type, or of any type. */
export function mutate(value: unknown, schema: JsonSchema, rng: Rng): unknown {
  if (value === null || typeof value !== 'object' || rng.chance(0.2)) {
    return rng.chance(0.65) ? nastyOfType(schema, rng) : nastyAnyType(rng);
  }
  if (Array.isArray(value)) {
    if (!value.length) return [nastyOfType(schema.items ?? {}, rng)];
    const i = rng.int(0, value.length - 1);
    return value.map((v, j) => (j === i ? mutate(v, schema.items ?? {}, rng) : v));
  }
  const record = value as Record<string, unknown>;
  const declared = Object.keys(schema.properties ?? {});
  const key = rng.pick(declared.length ? declared : Object.keys(record).length ? Object.keys(record) : ['x']);
  return { ...record, [key]: mutate(record[key] ?? valueFor(schema.properties?.[key] ?? {}, rng), schema.properties?.[key] ?? {}, rng) };
}

export interface RawBody {
  label: string;
  payload: string | Buffer;
  contentType?: string;
}

/** Whole bodies that are wrong before any field is read: shape, syntax, size, nesting, content type. */
export function malformedBodies(valid: unknown, rng: Rng): RawBody[] {
  const json = JSON.stringify(valid ?? {});
  const asJson = (label: string, payload: string | Buffer): RawBody => ({ label, payload, contentType: 'application/json' });
  return [
    asJson('null', 'null'),
    asJson('array', JSON.stringify([valid])),
    asJson('string', '"just a string"'),
    asJson('number', '1e400'),
    asJson('empty', ''),
    asJson('truncated', json.slice(0, Math.max(1, Math.floor(json.length / 2)))),
    asJson('deep nesting', deepArray(rng.pick([1000, 20_000]))),
    asJson('deep object field', JSON.stringify({ ...(valid as object), nested: deepObject(2000) })),
    asJson('1 MB field', JSON.stringify({ ...(valid as object), [Object.keys(valid as object)[0] ?? 'x']: MEGABYTE_STRING })),
    asJson('prototype keys', `{"__proto__":{"admin":true},"constructor":{"prototype":{"admin":true}},${json.slice(1)}`),
    asJson('NUL and surrogates in keys', JSON.stringify({ ...(valid as object), 'a\u0000b': 1, [LONE_SURROGATES]: 2 })),
    asJson('extra field', JSON.stringify({ ...(valid as object), unexpectedField: 'x', status: 'filed', ownerOrgId: '00000000-0000-0000-0000-000000000000' })),
    asJson('invalid UTF-8', Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0xc3, 0x28, 0xff, 0xfe]), Buffer.from('"}')])),
    asJson('UTF-8 BOM', `\ufeff${json}`),
    { label: 'text/plain', payload: json, contentType: 'text/plain' },
    { label: 'form-urlencoded', payload: 'a=1&b=2', contentType: 'application/x-www-form-urlencoded' },
    { label: 'json with latin1 charset', payload: json, contentType: 'application/json; charset=latin1' },
    { label: 'vendor json', payload: json, contentType: 'application/vnd.api+json' },
    { label: 'no content type', payload: json },
    { label: 'garbage content type', payload: json, contentType: ';;;===' },
  ];
}

/** Multipart bodies that break the format: no boundary, cut off, too many parts, bad headers. */
export function malformedMultipart(rng: Rng): RawBody[] {
  const boundary = `----fuzz${rng.int(1000, 9999)}`;
  const type = `multipart/form-data; boundary=${boundary}`;
  const filePart = (name: string, filename: string, data: Buffer | string) =>
    Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${filename}"\r\nContent-Type: application/pdf\r\n\r\n`), Buffer.from(data), Buffer.from('\r\n')]);
  const field = (name: string, value: string) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
  const end = Buffer.from(`--${boundary}--\r\n`);
  return [
    { label: 'multipart without boundary', payload: Buffer.concat([filePart('file', 'a.pdf', SAMPLE.pdf), end]), contentType: 'multipart/form-data' },
    { label: 'multipart cut mid-part', payload: filePart('file', 'a.pdf', SAMPLE.pdf).subarray(0, 120), contentType: type },
    { label: 'multipart cut in headers', payload: Buffer.from(`--${boundary}\r\nContent-Disposition: form-da`), contentType: type },
    { label: 'multipart with 50 parts', payload: Buffer.concat([...Array.from({ length: 50 }, (_, i) => field(`f${i}`, 'x')), end]), contentType: type },
    { label: 'multipart, only the closing boundary', payload: end, contentType: type },
    { label: 'multipart, garbage part headers', payload: Buffer.concat([Buffer.from(`--${boundary}\r\n\u0000\u0000: ::\r\n\r\nx\r\n`), end]), contentType: type },
    { label: 'multipart, traversal file name', payload: Buffer.concat([filePart('file', '../../../etc/passwd', SAMPLE.pdf), end]), contentType: type },
    { label: 'multipart, NUL in field', payload: Buffer.concat([field('name', 'a\u0000b'), field('grounds', LONE_SURROGATES), filePart('file', 'a.pdf', SAMPLE.pdf), end]), contentType: type },
    { label: 'multipart, wrong boundary', payload: Buffer.concat([filePart('file', 'a.pdf', SAMPLE.pdf), end]), contentType: 'multipart/form-data; boundary=other' },
  ];
}

/** Path parameter values: bad UUIDs, traversal, encodings, lengths, numbers. Already URL-encoded. */
export const BAD_PARAMS = [
  'not-a-uuid',
  '00000000-0000-0000-0000-000000000000',
  'FFFFFFFF-FFFF-4FFF-BFFF-FFFFFFFFFFFF',
  '{00000000-0000-4000-8000-000000000000}',
  '..',
  '..%2F..%2F..%2Fetc%2Fpasswd',
  '%2e%2e%2f%2e%2e%2f',
  '%00',
  '%C0%AF',
  '%E0%A4%A',
  '%F0%9F%98',
  '-1',
  '0.5',
  '1e308',
  '99999999999999999999999',
  '210112',
  '%20',
  'x'.repeat(300),
  "'%20OR%201%3D1",
  'null',
];

/** Percent-encodes every byte outside the unreserved set, so lone surrogates and NUL survive as bytes. */
export function encodeQueryPart(s: string): string {
  return [...Buffer.from(s, 'utf8')].map((b) => (/[A-Za-z0-9\-_.~]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).padStart(2, '0').toUpperCase()}`)).join('');
}
