/**
 * `npm run contract`: writes web/src/api/contract.gen.ts, the web app's types of every API
 * operation, from the server's own OpenAPI document (the one served at /api/openapi.json, built
 * from the routes' Zod schemas). test/contract.test.ts regenerates it in memory and fails on drift.
 *
 * The document is read from the real app, built in-process on a throw-away in-memory PGlite
 * database with the job workers off. The TypeScript is written by the small emitter below rather
 * than a generator package: it knows the subset of OpenAPI 3.0 that fastify-type-provider-zod
 * emits, sorts what has no meaningful order (paths, methods) and keeps what has one (the fields in
 * the order the schema declares them), so the output is deterministic and needs no formatter.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { jsonSchemaTransformObject } from 'fastify-type-provider-zod';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CONTRACT_FILE = path.join(root, 'web/src/api/contract.gen.ts');

/** The part of an OpenAPI 3.0 schema object the server's documents use. */
export interface Schema {
  type?: string | string[];
  format?: string;
  description?: string;
  nullable?: boolean;
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema | Schema[];
  prefixItems?: Schema[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  $ref?: string;
}

interface Parameter {
  in: 'path' | 'query' | 'header' | 'cookie';
  name: string;
  required?: boolean;
  description?: string;
  schema: Schema;
}

interface Operation {
  summary?: string;
  description?: string;
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content: Record<string, { schema: Schema }> };
  responses: Record<string, { description?: string; content?: Record<string, { schema: Schema }> }>;
}

export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Partial<Record<string, Operation>>>;
  components?: { schemas?: Record<string, Schema> };
}

const METHODS = ['get', 'put', 'post', 'patch', 'delete'] as const;

/** The app's OpenAPI document, read from a fresh app on a throw-away database. */
export async function readOpenApiDocument(): Promise<OpenApiDocument> {
  const [{ buildApp }, { openContext }, { loadConfig }, { openDatabase }] = await Promise.all([
    import('../src/app.ts'),
    import('../src/context.ts'),
    import('../src/config.ts'),
    import('../src/db/client.ts'),
  ]);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hatchery-contract-'));
  const database = await openDatabase({});
  try {
    const config = loadConfig({ NODE_ENV: 'test', HATCHERY_DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
    const ctx = await openContext(config, { database, jobs: { workers: false } });
    try {
      const app = await buildApp(ctx, { serveWeb: false, logger: false });
      try {
        await app.ready();
        const res = await app.inject({ method: 'GET', url: '/api/openapi.json' });
        if (res.statusCode !== 200) throw new Error(`GET /api/openapi.json answered ${res.statusCode}`);
        return withComponents(res.json<OpenApiDocument>());
      } finally {
        await app.close();
      }
    } finally {
      await ctx.close();
    }
  } finally {
    await database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * Schemas with an id (`.meta({ id })`, needed for recursive ones) are `$ref`s into
 * `components.schemas`, which only fastify-type-provider-zod's `jsonSchemaTransformObject` fills.
 * Where the served document lacks them, they are filled here the same way.
 */
function withComponents(doc: OpenApiDocument): OpenApiDocument {
  if (!JSON.stringify(doc.paths).includes('"$ref"')) return doc;
  const filled = jsonSchemaTransformObject({ openapiObject: doc } as never) as unknown as OpenApiDocument;
  return { ...doc, components: { ...doc.components, schemas: { ...filled.components?.schemas, ...doc.components?.schemas } } };
}

// ————— the emitter —————

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const quote = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r')}'`;
const key = (name: string) => (IDENTIFIER.test(name) ? name : quote(name));
const literal = (v: unknown): string => (typeof v === 'string' ? quote(v) : v === null ? 'null' : JSON.stringify(v));

function doc(lines: (string | undefined)[], indent: string): string {
  if (!lines.some((l) => l)) return '';
  const text = lines
    .filter((l): l is string => l !== undefined)
    .join('\n')
    .replace(/\*\//g, '*\\/')
    .split('\n');
  if (text.length === 1) return `${indent}/** ${text[0]} */\n`;
  return `${indent}/**\n${text.map((l) => `${indent} *${l ? ` ${l}` : ''}`).join('\n')}\n${indent} */\n`;
}

const FORMATS: Record<string, string> = { 'date-time': 'ISO 8601 date-time', date: 'ISO 8601 date (YYYY-MM-DD)' };

class Emitter {
  constructor(private readonly components: Record<string, Schema>) {}

  /** Names of components used, so their types are emitted. */
  readonly used = new Set<string>();

  type(s: Schema, indent: string): string {
    const base = this.bare(s, indent);
    return s.nullable && base !== 'unknown' && base !== 'null' ? `${parenthesise(base)} | null` : base;
  }

  private bare(s: Schema, indent: string): string {
    if (s.$ref) {
      const name = s.$ref.replace(/^#\/components\/schemas\//, '');
      if (!(name in this.components)) throw new Error(`unresolved $ref ${s.$ref}`);
      this.used.add(name);
      return `components[${quote(name)}]`;
    }
    if (s.const !== undefined) return literal(s.const);
    if (s.enum) return [...new Set(s.enum.map(literal))].join(' | ');
    for (const [list, sep] of [
      [s.anyOf, ' | '],
      [s.oneOf, ' | '],
      [s.allOf, ' & '],
    ] as const)
      if (list?.length) return list.map((b) => parenthesise(this.type(b, indent))).join(sep);
    if (Array.isArray(s.type)) return s.type.map((t) => this.bare({ ...s, type: t }, indent)).join(' | ');
    switch (s.type) {
      case 'string':
        return 'string';
      case 'integer':
      case 'number':
        return 'number';
      case 'boolean':
        return 'boolean';
      case 'null':
        return 'null';
      case 'array': {
        if (Array.isArray(s.items) || s.prefixItems) return `[${(s.prefixItems ?? (s.items as Schema[])).map((i) => this.type(i, indent)).join(', ')}]`;
        return s.items ? `${parenthesise(this.type(s.items, indent))}[]` : 'unknown[]';
      }
      case 'object':
        return this.object(s, indent);
      case undefined:
        if (s.properties) return this.object(s, indent);
        return 'unknown';
      default:
        throw new Error(`unknown schema type ${String(s.type)}`);
    }
  }

  object(s: Schema, indent: string): string {
    const props = Object.entries(s.properties ?? {});
    const extra = s.additionalProperties;
    const extraType = extra === true || (extra === undefined && !props.length) ? 'unknown' : typeof extra === 'object' ? this.type(extra, indent) : undefined;
    if (!props.length) return extraType ? `Record<string, ${extraType}>` : 'Record<string, never>';
    const inner = `${indent}  `;
    const required = new Set(s.required ?? []);
    const lines = props.map(([name, p]) => {
      const hint = p.format && FORMATS[p.format];
      return `${doc([p.description, hint && p.description ? '' : undefined, hint], inner)}${inner}${key(name)}${required.has(name) ? '' : '?'}: ${this.type(p, inner)};`;
    });
    if (extraType) lines.push(`${inner}[key: string]: ${extraType === 'unknown' ? 'unknown' : `${extraType} | undefined`};`);
    return `{\n${lines.join('\n')}\n${indent}}`;
  }
}

/** Whether an object literal type is the whole of `t` (`{ … } | null` is not: its brace closes early). */
function oneObject(t: string): boolean {
  if (!t.startsWith('{')) return false;
  let depth = 0;
  for (let i = 0; i < t.length; i++) {
    if (t[i] === '{') depth++;
    else if (t[i] === '}' && --depth === 0) return i === t.length - 1;
  }
  return false;
}
const parenthesise = (t: string) => (/^[\w'.[\]]+$/.test(t) || oneObject(t) || t.startsWith('Record<') ? t : `(${t})`);

function jsonSchemaOf(content: Record<string, { schema: Schema }> | undefined): Schema | undefined {
  return content?.['application/json']?.schema;
}

function operationType(e: Emitter, method: string, route: string, op: Operation, indent: string): string {
  const inner = `${indent}  `;
  const group = (where: Parameter['in']): string => {
    const ps = (op.parameters ?? []).filter((p) => p.in === where);
    if (!ps.length) return 'never';
    const schema: Schema = {
      type: 'object',
      properties: Object.fromEntries(ps.map((p) => [p.name, { ...p.schema, ...(p.description ? { description: p.description } : {}) }])),
      required: ps.filter((p) => p.required).map((p) => p.name),
      additionalProperties: false,
    };
    return e.object(schema, inner);
  };
  const bodySchema = jsonSchemaOf(op.requestBody?.content);
  if (op.requestBody && !bodySchema) throw new Error(`${method.toUpperCase()} ${route}: request body is not JSON`);
  const successes = Object.keys(op.responses)
    .filter((s) => /^2\d\d$/.test(s))
    .sort();
  if (!successes.length) throw new Error(`${method.toUpperCase()} ${route}: no success response declared`);
  const responses = successes.map((status) => {
    // A 204 has no body on the wire, whatever its schema says (`z.null()` or `z.undefined()`).
    if (status === '204') return 'undefined';
    const r = op.responses[status]!;
    const schema = jsonSchemaOf(r.content);
    if (schema) return e.type(schema, inner);
    if (r.content) throw new Error(`${method.toUpperCase()} ${route}: ${status} answer is not JSON`);
    // A 200 without a schema is a file download (not JSON).
    return 'Blob';
  });
  const fileDownload = responses.includes('Blob');
  return [
    `{`,
    `${inner}path: ${group('path')};`,
    `${inner}query: ${group('query')};`,
    `${inner}body: ${bodySchema ? e.type(bodySchema, inner) : 'never'};`,
    doc([fileDownload ? 'A file download, not JSON: link to it (see `hrefOf` in client.ts).' : undefined], inner) +
      `${inner}response: ${[...new Set(responses)].join(' | ')};`,
    `${indent}}`,
  ].join('\n');
}

/** The TypeScript of `web/src/api/contract.gen.ts` for an OpenAPI document. */
export function generateContract(document: OpenApiDocument): string {
  const e = new Emitter(document.components?.schemas ?? {});
  const out: string[] = [
    '/**',
    ' * GENERATED by scripts/contract.ts from the server\'s OpenAPI document (/api/openapi.json): do not edit.',
    ' * After changing a route\'s schema run `npm run contract` and commit the result; test/contract.test.ts',
    ' * fails when this file and the server differ.',
    ' *',
    ' * `paths[route][method]` holds the path parameters, query, JSON body and success answer of each',
    ' * operation (`never` where there is none). Dates are ISO 8601 strings on the wire, and so here.',
    ' */',
    '',
    'export interface paths {',
  ];
  const routes = Object.keys(document.paths).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const route of routes) {
    const item = document.paths[route]!;
    const methods = METHODS.filter((m) => item[m]);
    if (!methods.length) continue;
    out.push(`  ${quote(route)}: {`);
    for (const m of methods) {
      const op = item[m]!;
      out.push(`${doc([op.summary, op.description], '    ')}    ${m}: ${operationType(e, m, route, op, '    ')};`);
    }
    out.push('  };');
  }
  out.push('}', '');
  // Components are emitted after the paths that use them (and those they use in turn).
  const emitted = new Set<string>();
  const bodies: string[] = [];
  for (let pending = [...e.used]; pending.length; pending = [...e.used].filter((n) => !emitted.has(n))) {
    for (const name of pending.sort()) {
      emitted.add(name);
      bodies.push(`${doc([document.components!.schemas![name]!.description], '  ')}  ${key(name)}: ${e.type(document.components!.schemas![name]!, '  ')};`);
    }
  }
  out.push('/** Named schemas (recursive ones) the paths refer to. */', 'export interface components {', ...bodies, '}', '');
  return out.join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const text = generateContract(await readOpenApiDocument());
  const before = fs.existsSync(CONTRACT_FILE) ? fs.readFileSync(CONTRACT_FILE, 'utf8') : '';
  fs.writeFileSync(CONTRACT_FILE, text);
  console.log(`${path.relative(root, CONTRACT_FILE)} ${before === text ? 'is up to date' : 'written'}`);
}
