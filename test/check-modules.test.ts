import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkGraph, checkModules, type ImportEdge } from '../scripts/check-modules.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const edge = (from: string, to: string, typeOnly = false): ImportEdge => ({ from, to, typeOnly });

/** The module boundary checker that `npm run lint` runs after ESLint (scripts/check-modules.ts). */
describe('check-modules', () => {
  it('reports a cycle between modules with the file pair of every step, and a deep import', () => {
    const findings = checkGraph([
      edge('src/modules/alpha/service.ts', 'src/modules/beta/index.ts'),
      edge('src/modules/beta/service.ts', 'src/modules/gamma/index.ts'),
      edge('src/modules/gamma/routes.ts', 'src/modules/alpha/index.ts'),
      // deep: past beta's index
      edge('src/modules/gamma/service.ts', 'src/modules/beta/repository.ts'),
    ]);
    expect(findings.map((f) => f.kind).sort()).toEqual(['cycle', 'deep-import']);
    expect(findings.find((f) => f.kind === 'cycle')!.lines).toEqual([
      'cycle between modules: alpha → beta → gamma → alpha',
      '  src/modules/alpha/service.ts → src/modules/beta/index.ts',
      '  src/modules/beta/service.ts → src/modules/gamma/index.ts',
      '  src/modules/gamma/routes.ts → src/modules/alpha/index.ts',
    ]);
    expect(findings.find((f) => f.kind === 'deep-import')!.lines[0]).toContain('src/modules/gamma/service.ts → src/modules/beta/repository.ts');
  });

  it('allows schema and repository files another module’s schema.ts, and tests anything', () => {
    expect(
      checkGraph([
        edge('src/modules/alpha/schema.ts', 'src/modules/beta/schema.ts'),
        edge('src/modules/alpha/repository.ts', 'src/modules/beta/schema.ts'),
        edge('src/db/schema.ts', 'src/modules/beta/schema.ts'),
        edge('src/modules/alpha/service.test.ts', 'src/modules/beta/repository.ts'),
        edge('test/journeys.test.ts', 'src/modules/beta/service.ts'),
        edge('src/modules/alpha/routes.ts', 'src/modules/alpha/service.ts'),
      ]),
    ).toEqual([]);
    // …but not a service, and not another module's repository even from a repository.
    const findings = checkGraph([
      edge('src/modules/alpha/service.ts', 'src/modules/beta/schema.ts'),
      edge('src/modules/alpha/repository.ts', 'src/modules/beta/repository.ts'),
      edge('src/http/abilities.ts', 'src/modules/beta/policy.ts'),
      edge('bench/speed.ts', 'src/modules/beta/engine.ts'),
    ]);
    expect(findings.map((f) => f.kind)).toEqual(['deep-import', 'deep-import', 'deep-import', 'deep-import']);
  });

  it('keeps src/shared below the modules and the modules below the app layer', () => {
    const findings = checkGraph([
      edge('src/shared/errors.ts', 'src/modules/audit/index.ts'),
      edge('src/shared/http/reveal.ts', 'src/db/client.ts'),
      edge('src/shared/http/fastify.d.ts', 'src/app-context.ts'), // a value import of the context
      edge('src/modules/review/routes.ts', 'src/modules/index.ts'),
      edge('src/modules/review/routes.ts', 'src/http/abilities.ts'),
      edge('src/modules/review/routes.ts', 'src/app.ts'),
    ]);
    expect(findings.map((f) => f.kind)).toEqual([
      'shared-outside',
      'shared-outside',
      'shared-outside',
      'module-imports-app',
      'module-imports-app',
      'module-imports-app',
    ]);
    expect(
      checkGraph([
        edge('src/shared/http/fastify.d.ts', 'src/app-context.ts', true),
        edge('src/shared/http/region-scope.ts', 'src/db/scope.ts'),
        edge('src/modules/review/service.ts', 'src/db/client.ts'),
        edge('src/modules/review/service.ts', 'src/config.ts'),
        edge('src/modules/review/service.ts', 'src/shared/errors.ts'),
      ]),
    ).toEqual([]);
  });

  it('finds nothing in the real tree', () => {
    const lines: string[] = [];
    expect(checkModules(root, (line) => lines.push(line)), lines.join('\n')).toBe(0);
    expect(lines.at(-1)).toMatch(/^check-modules: 0 module cycles, 0 deep imports/);
  });
});
