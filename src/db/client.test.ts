import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type FreshDatabase } from '../../test/helpers/db.ts';

/**
 * The pool's connection settings. JIT compiled the duplicate scan for most of its run time
 * (BENCHMARKS.md, issue 17); PGlite has no JIT, so there is nothing to check there.
 */
describe.skipIf(!process.env.TEST_DATABASE_URL)('PostgreSQL connections (PostgreSQL only: PGlite has no JIT)', () => {
  let fresh: FreshDatabase;
  beforeAll(async () => {
    fresh = await freshDatabase();
  });
  afterAll(() => fresh.drop());

  it('run without JIT on every connection of the pool, not just the first', async () => {
    const settings = await Promise.all(Array.from({ length: 3 }, () => fresh.database.query<{ jit: string }>('show jit')));
    expect(settings.map((rows) => rows[0]?.jit)).toEqual(['off', 'off', 'off']);
  });
});
