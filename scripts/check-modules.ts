/**
 * The second half of `npm run lint` (after ESLint): the module boundaries of ARCHITECTURE.md
 * ("Layers and module boundaries"), checked on the whole import graph, which a per-file lint rule
 * cannot see. It reads every import, re-export and dynamic import of src/, bench/ and scripts/
 * (tests left out: they may reach into internals), resolves relative specifiers to files and
 * reports
 *
 * - a cycle between modules (folders of src/modules/), printed as the modules in order with, for
 *   each step, the file pair that makes it;
 * - a deep import: a file outside module B importing anything of B but `src/modules/B/index.ts`,
 *   except a module's schema.ts or repository.ts (and src/db/schema.ts) importing another
 *   module's schema.ts for foreign keys and read-side joins;
 * - src/shared/ importing a module or anything else outside src/shared/ (but the request's region
 *   scope, src/db/scope.ts, and the type of the app context);
 * - a module importing the app layer: anything outside src/shared/ and src/modules/ but the
 *   platform files every module may use (config, the app context's type, the database client and
 *   region scope).
 *
 * Exit 1 on any finding. ESLint's no-restricted-imports (eslint.config.js) flags the last three in
 * the editor already; this script is the authority on resolved paths and the only cycle check.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

/** One import statement: root-relative POSIX paths of the importing file and the imported one. */
export interface ImportEdge {
  from: string;
  to: string;
  /** `import type`, or every imported name marked `type`: erased at run time. */
  typeOnly?: boolean;
}

export type FindingKind = 'cycle' | 'deep-import' | 'shared-outside' | 'module-imports-app';

export interface Finding {
  kind: FindingKind;
  /** What to print: one line, or a cycle's header and one line per step. */
  lines: string[];
}

/** Files below the modules that every module (and src/shared for the type or the scope) may import. */
export const PLATFORM_FILES = ['src/config.ts', 'src/app-context.ts', 'src/db/client.ts', 'src/db/scope.ts', 'src/db/versioned.ts', 'src/db/beijing-year.ts'];
/** What src/shared may import outside itself, and whether only as a type. */
const SHARED_MAY_IMPORT: Record<string, 'type' | 'value'> = { 'src/db/scope.ts': 'value', 'src/app-context.ts': 'type' };

const TEST_FILE = /(^|\/)(test|e2e)\/|\.(test|spec)\.[cm]?tsx?$|\.test-helper\.[cm]?tsx?$/;
const SCANNED = ['src', 'bench', 'scripts'];

type Place = { layer: 'shared' } | { layer: 'module'; module: string; file: string } | { layer: 'app' } | { layer: 'outside' };

/** Where a root-relative path lies. src/modules/index.ts (the route and worker list) is app layer. */
export function placeOf(file: string): Place {
  if (file.startsWith('src/shared/')) return { layer: 'shared' };
  const m = /^src\/modules\/([^/]+)\/(.+)$/.exec(file);
  if (m) return { layer: 'module', module: m[1]!, file: m[2]! };
  if (SCANNED.some((dir) => file.startsWith(`${dir}/`))) return { layer: 'app' };
  return { layer: 'outside' };
}

/** A's schema.ts or repository.ts (or src/db/schema.ts) taking B's table references from B's schema.ts. */
function schemaException(from: string, to: Place & { layer: 'module' }): boolean {
  if (to.file !== 'schema.ts') return false;
  const f = placeOf(from);
  return from === 'src/db/schema.ts' || (f.layer === 'module' && (f.file === 'schema.ts' || f.file === 'repository.ts'));
}

/** Every boundary finding of an import graph. Pure: the test feeds it a made-up graph. */
export function checkGraph(edges: ImportEdge[]): Finding[] {
  const findings: Finding[] = [];
  // module -> module -> the first file pair seen making that step
  const graph = new Map<string, Map<string, string>>();
  for (const edge of edges) {
    if (TEST_FILE.test(edge.from)) continue;
    const from = placeOf(edge.from);
    const to = placeOf(edge.to);
    const pair = `${edge.from} → ${edge.to}`;
    if (to.layer === 'module' && !(from.layer === 'module' && from.module === to.module)) {
      if (to.file !== 'index.ts' && !schemaException(edge.from, to)) {
        findings.push({ kind: 'deep-import', lines: [`deep import: ${pair} (import src/modules/${to.module}/index.ts)`] });
      }
    }
    if (from.layer === 'shared' && to.layer !== 'shared' && to.layer !== 'outside') {
      const allowed = SHARED_MAY_IMPORT[edge.to];
      if (!allowed || (allowed === 'type' && !edge.typeOnly)) {
        findings.push({ kind: 'shared-outside', lines: [`src/shared imports outside src/shared: ${pair}`] });
      }
    }
    if (from.layer === 'module' && to.layer === 'app' && !PLATFORM_FILES.includes(edge.to)) {
      findings.push({ kind: 'module-imports-app', lines: [`module imports the app layer: ${pair}`] });
    }
    if (from.layer === 'module' && to.layer === 'module' && from.module !== to.module) {
      if (!graph.has(from.module)) graph.set(from.module, new Map());
      const out = graph.get(from.module)!;
      if (!out.has(to.module)) out.set(to.module, pair);
    }
  }
  for (const cycle of moduleCycles(graph)) {
    const steps = cycle.map((m, i) => graph.get(m)!.get(cycle[(i + 1) % cycle.length]!)!);
    findings.push({
      kind: 'cycle',
      lines: [`cycle between modules: ${[...cycle, cycle[0]].join(' → ')}`, ...steps.map((s) => `  ${s}`)],
    });
  }
  return findings;
}

/**
 * One cycle per strongly connected component of the module graph (Tarjan), as the modules in
 * order from the alphabetically first: the shortest way back to it, so a fix that breaks the
 * printed cycle is seen to be needed, and the next run prints any other cycle left in the component.
 */
function moduleCycles(graph: Map<string, Map<string, string>>): string[][] {
  const nodes = [...new Set([...graph.keys(), ...[...graph.values()].flatMap((m) => [...m.keys()])])].sort();
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const strong = (v: string) => {
    index.set(v, counter);
    low.set(v, counter);
    counter++;
    stack.push(v);
    onStack.add(v);
    for (const w of [...(graph.get(v)?.keys() ?? [])].sort()) {
      if (!index.has(w)) {
        strong(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) components.push(component.sort());
    }
  };
  for (const v of nodes) if (!index.has(v)) strong(v);
  return components.map((component) => {
    const start = component[0]!;
    // Breadth-first from start, inside the component, until a step leads back to start.
    const inside = new Set(component);
    const previous = new Map<string, string>();
    const queue = [start];
    let last = start;
    search: while (queue.length) {
      const v = queue.shift()!;
      for (const w of [...(graph.get(v)?.keys() ?? [])].sort()) {
        if (w === start) {
          last = v;
          break search;
        }
        if (!inside.has(w) || previous.has(w)) continue;
        previous.set(w, v);
        queue.push(w);
      }
    }
    const cycle: string[] = [];
    for (let v = last; v !== start; v = previous.get(v)!) cycle.unshift(v);
    cycle.unshift(start);
    return cycle;
  });
}

const walk = (dir: string): string[] =>
  fs.existsSync(dir)
    ? fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const p = path.join(dir, entry.name);
        if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : walk(p);
        return /\.[cm]?tsx?$/.test(entry.name) ? [p] : [];
      })
    : [];

/** The file a relative specifier names (the code spells `.ts` out; bare folders and extensionless kept working). */
function resolve(fromFile: string, specifier: string): string | undefined {
  const base = path.resolve(path.dirname(fromFile), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

/** The import graph of the project at `root`, tests left out. */
export function readImports(root: string): ImportEdge[] {
  const rel = (p: string) => path.relative(root, p).split(path.sep).join('/');
  const edges: ImportEdge[] = [];
  for (const file of SCANNED.flatMap((dir) => walk(path.join(root, dir)))) {
    if (TEST_FILE.test(rel(file))) continue;
    const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
    const add = (specifier: string, typeOnly: boolean) => {
      if (!specifier.startsWith('.')) return;
      const target = resolve(file, specifier);
      edges.push({ from: rel(file), to: target ? rel(target) : rel(path.resolve(path.dirname(file), specifier)), typeOnly });
    };
    const visit = (node: ts.Node) => {
      if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
        const clause = node.importClause;
        const named = clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements : undefined;
        const typeOnly = !!clause && (clause.isTypeOnly || (!clause.name && !!named && named.length > 0 && named.every((e) => e.isTypeOnly)));
        add(node.moduleSpecifier.text, typeOnly);
      } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
        const named = node.exportClause && ts.isNamedExports(node.exportClause) ? node.exportClause.elements : undefined;
        add(node.moduleSpecifier.text, node.isTypeOnly || (!!named && named.length > 0 && named.every((e) => e.isTypeOnly)));
      } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
        const [arg] = node.arguments;
        if (arg && ts.isStringLiteralLike(arg)) add(arg.text, false);
      } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
        add(node.argument.literal.text, true);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return edges;
}

/** Prints the findings of the tree at `root`; the number of findings. */
export function checkModules(root: string, print: (line: string) => void = console.log): number {
  const edges = readImports(root);
  const findings = checkGraph(edges);
  for (const finding of findings) for (const line of finding.lines) print(line);
  const modules = new Set(edges.flatMap((e) => [placeOf(e.from), placeOf(e.to)]).flatMap((p) => (p.layer === 'module' ? [p.module] : [])));
  const count = (kind: FindingKind) => findings.filter((f) => f.kind === kind).length;
  print(
    `check-modules: ${count('cycle')} module cycles, ${count('deep-import')} deep imports, ` +
      `${count('shared-outside')} src/shared imports outside it, ${count('module-imports-app')} module imports of the app layer ` +
      `(${modules.size} modules, ${edges.length} imports)`,
  );
  return findings.length;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  process.exit(checkModules(root) ? 1 : 0);
}
