import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TRANSITIONS } from '../workflow/transitions.ts';
import { actionName, AUDIT_ACTIONS, SUBMISSION_MOVES } from './actions.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.ts$/.test(e.name) && !/\.test(-helper)?\.ts$/.test(e.name) ? [p] : [];
  });
}

/** The text of the call's argument list starting at `open` (the index of its opening parenthesis). */
function argumentsAt(text: string, open: number): string {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if ('({['.includes(text[i]!)) depth++;
    else if (')}]'.includes(text[i]!) && --depth === 0) return text.slice(open + 1, i);
  }
  throw new Error(`unbalanced call at ${open}`);
}

/** The expression after `action:` in an argument list, up to the next comma or brace at its depth. */
function actionExpression(args: string): string | undefined {
  const m = /\baction(?::\s*|\s*[,}])/.exec(args);
  if (!m) return undefined;
  // Shorthand `{ action, … }`: the expression is the identifier itself.
  if (!m[0].includes(':')) return 'action';
  let depth = 0;
  const start = m.index + m[0].length;
  for (let i = start; i < args.length; i++) {
    const c = args[i]!;
    if ('({['.includes(c)) depth++;
    else if (')}]'.includes(c)) {
      if (depth === 0) return args.slice(start, i).trim();
      depth--;
    } else if (c === ',' && depth === 0) return args.slice(start, i).trim();
  }
  return args.slice(start).trim();
}

const literals = (expr: string) => [...expr.matchAll(/'([a-z_]+(?:\.[a-z_]+)+)'/g)].map((m) => m[1]!);

/** Every code a source file records: literals, ternaries of literals, and identifiers resolved in the file or across src. */
function recordedCodes(files: string[]): { codes: Map<string, string>; unresolved: string[] } {
  const all = files.map((f) => ({ file: path.relative(ROOT, f), text: fs.readFileSync(f, 'utf8') }));
  const codes = new Map<string, string>();
  const unresolved: string[] = [];
  const add = (code: string, where: string) => codes.set(code, where);
  for (const { file, text } of all) {
    for (const m of text.matchAll(/\b(?:recordInTx|audit\.record|record)\(/g)) {
      // Declarations (`function recordInTx(`) and calls of other `record` functions carry no action.
      if (/function\s+$/.test(text.slice(Math.max(0, m.index - 12), m.index))) continue;
      const args = argumentsAt(text, m.index + m[0].length - 1);
      const expr = actionExpression(args);
      if (!expr) continue;
      const where = `${file}: ${expr}`;
      if (literals(expr).length) {
        for (const c of literals(expr)) add(c, where);
      } else if (/^entry\.action$/.test(expr) && file.endsWith('audit/service.ts')) {
        // recordInTx itself writes what its callers pass.
      } else if (expr.startsWith('req.auditAction ??')) {
        // The kernel: overrides are collected below, the default is `<object type>.<move>`.
        for (const a of all) for (const o of a.text.matchAll(/auditAction:\s*'([a-z_.]+)'/g)) add(o[1]!, `${a.file}: auditAction`);
      } else if (/^[A-Za-z_]\w*$/.test(expr)) {
        const local = new RegExp(`(?:const|let)\\s+${expr}\\s*=\\s*([^;]+);|\\b${expr}:\\s*((?:'[a-z_.]+'\\s*\\|?\\s*)+)`).exec(text);
        const exported = all.map((a) => new RegExp(`export const ${expr}\\s*=\\s*('[a-z_.]+')`).exec(a.text)).find(Boolean);
        const found = literals(local?.[1] ?? local?.[2] ?? exported?.[1] ?? '');
        if (found.length) for (const c of found) add(c, where);
        else unresolved.push(where);
      } else unresolved.push(where);
    }
  }
  return { codes, unresolved };
}

describe('the audit action catalogue', () => {
  const { codes, unresolved } = recordedCodes([...sourceFiles(path.join(ROOT, 'src')), ...sourceFiles(path.join(ROOT, 'scripts'))]);

  it('finds the codes the sources record', () => {
    // A sanity floor: the scan works (these are recorded in well-known places).
    for (const c of ['auth.login', 'user.create', 'review.pass', 'personal_data.reveal', 'org.disable', 'expert.pool.activate']) expect(codes.has(c), c).toBe(true);
    expect(unresolved, 'action expressions the scan cannot read: write the code as a literal').toEqual([]);
  });

  it('names every code the sources record', () => {
    const missing = [...codes].filter(([c]) => !actionName(c)).map(([c, where]) => `${c} (${where})`);
    expect(missing, 'add these codes to src/modules/audit/actions.ts').toEqual([]);
  });

  it('names every move of the transition table, for every kind of submission', () => {
    const moves = new Set(Object.values(TRANSITIONS).flatMap((m) => Object.keys(m)));
    expect([...moves].sort()).toEqual(Object.keys(SUBMISSION_MOVES).sort());
    for (const move of moves) expect(AUDIT_ACTIONS[`application.${move}`], move).toBeDefined();
    expect(actionName('toy_submission.submit')).toEqual({ zh: 'toy_submission提交', en: 'toy_submission: submit' });
  });

  it('gives every name in both languages, Chinese without Latin words', () => {
    for (const [code, name] of Object.entries(AUDIT_ACTIONS)) {
      expect(name.zh, code).not.toMatch(/[A-Za-z]/);
      expect(name.en, code).not.toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
