import fs from 'node:fs';
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Module boundaries (ARCHITECTURE.md, "Layers and module boundaries"), per folder: a relative
 * import is matched as written, so each block knows how many `../` lead out of its folder. Tests
 * may reach into internals. `tsx scripts/check-modules.ts` (the rest of `npm run lint`) checks
 * the same on resolved paths and finds cycles between modules.
 */
const TESTS = ['**/*.test.ts', '**/*.test-helper.ts'];
const up = (n) => `(\\.\\./){${n}}`;
const DEPTHS = [0, 1, 2];
const filesAt = (dir, depth) => [`${dir}/${'*/'.repeat(depth)}*.ts`];
const restrict = (...patterns) => ({
  '@typescript-eslint/no-restricted-imports': ['error', { patterns: patterns.map((p) => ({ caseSensitive: true, ...p })) }],
});
const DEEP = 'Import another module only through its index.ts (its schema.ts only from a schema.ts or repository.ts).';
const APP = 'A module may not import the app layer (src/http, src/app.ts, src/modules/index.ts, …); only src/shared and the platform files (config.ts, app-context.ts, db/client.ts, db/scope.ts, db/versioned.ts, db/beijing-year.ts).';
const SHARED = 'src/shared imports nothing outside src/shared but db/scope.ts and the AppContext type.';

const modules = fs.readdirSync(new URL('./src/modules/', import.meta.url), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);

const moduleBlocks = modules.flatMap((name) =>
  DEPTHS.map((depth) => {
    // `toModules` leads from the file to src/modules/, one `../` more to src/.
    const toModules = up(depth + 1);
    const otherModule = `(?!${name}/)[^./][^/]*/`;
    const appLayer = {
      regex: `^${toModules}(index\\.ts$|\\.\\./(?!(config|app-context)\\.ts$|db/(client|scope|versioned|beijing-year)\\.ts$|shared/|modules/))`,
      message: APP,
    };
    const deep = (allowed) => ({ regex: `^${toModules}${otherModule}(?!(${allowed})$)`, message: DEEP });
    const blocks = [{ files: filesAt(`src/modules/${name}`, depth), ignores: TESTS, rules: restrict(deep('index\\.ts'), appLayer) }];
    if (depth === 0) {
      blocks.push({
        files: [`src/modules/${name}/schema.ts`, `src/modules/${name}/repository.ts`],
        rules: restrict(deep('index\\.ts|schema\\.ts'), appLayer),
      });
    }
    return blocks;
  }),
).flat();

const boundaries = [
  ...DEPTHS.map((depth) => ({
    files: filesAt('src/shared', depth),
    ignores: TESTS,
    rules: restrict(
      { regex: `^${up(depth + 1)}(?!db/scope\\.ts$|app-context\\.ts$)`, message: SHARED },
      { regex: `^${up(depth + 1)}app-context\\.ts$`, allowTypeImports: true, message: SHARED },
    ),
  })),
  ...moduleBlocks,
  // The app layer: src/*.ts, src/http, src/cli, src/ops, src/seed, src/db, bench, scripts.
  {
    files: ['src/*.ts', 'src/{http,cli,ops,seed,db}/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    ignores: [...TESTS, 'src/db/schema.ts'],
    rules: restrict({ regex: '^\\.(.*/)?modules/[^/]+/(?!index\\.ts$)', message: DEEP }),
  },
  { files: ['src/db/schema.ts'], rules: restrict({ regex: '^\\.(.*/)?modules/[^/]+/(?!(index|schema)\\.ts$)', message: DEEP }) },
  { files: ['src/modules/index.ts'], rules: restrict({ regex: '^\\./[^./][^/]*/(?!index\\.ts$)', message: DEEP }) },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'drizzle/**', 'scratch/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
    },
  },
  ...boundaries,
);
