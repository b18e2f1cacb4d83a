import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONTRACT_FILE, generateContract, readOpenApiDocument, type OpenApiDocument } from '../scripts/contract.ts';

/**
 * The web app's API types (web/src/api/contract.gen.ts) are generated from the server's OpenAPI
 * document; this fails when a route's schema changed and the file was not regenerated.
 */
describe('the web contract', () => {
  let document: OpenApiDocument;
  // Reading the document starts the app on a fresh embedded database (initdb and every migration in
  // WebAssembly): a cold start, which on a machine busy with the other test runs takes over a minute.
  beforeAll(async () => {
    document = await readOpenApiDocument();
  }, 300_000);

  it('matches the server’s OpenAPI document', () => {
    const committed = fs.existsSync(CONTRACT_FILE) ? fs.readFileSync(CONTRACT_FILE, 'utf8') : '';
    const fresh = generateContract(document);
    if (committed !== fresh) {
      const a = committed.split('\n');
      const b = fresh.split('\n');
      const line = b.findIndex((l, i) => l !== a[i]);
      expect.fail(
        `web/src/api/contract.gen.ts is out of date with the server's route schemas: run \`npm run contract\` and commit the result ` +
          `(first difference at line ${line + 1}: committed ${JSON.stringify(a[line])}, server ${JSON.stringify(b[line])})`,
      );
    }
  });

  it('is deterministic', () => {
    expect(generateContract(document)).toBe(generateContract(structuredClone(document)));
  });

  it('types the JSON answer of every operation (file downloads excepted)', () => {
    const untyped: string[] = [];
    for (const [route, item] of Object.entries(document.paths))
      for (const [method, op] of Object.entries(item)) {
        const successes = Object.entries(op!.responses).filter(([s]) => /^2\d\d$/.test(s));
        if (!successes.length) untyped.push(`${method.toUpperCase()} ${route}: no success response`);
        for (const [status, r] of successes) {
          const schema = r.content?.['application/json']?.schema;
          // A 200 without a schema is a file streamed as it is (docx, zip, xlsx, uploads).
          const download = status === '200' && !r.content && method === 'get';
          if (!schema && status !== '204' && !download) untyped.push(`${method.toUpperCase()} ${route} ${status}: no schema`);
          if (schema && Object.keys(schema).length === 0) untyped.push(`${method.toUpperCase()} ${route} ${status}: empty schema`);
        }
      }
    expect(untyped).toEqual([]);
  });
});
