import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type FreshDatabase } from '../../test/helpers/db.ts';
import { inBeijingYear } from './beijing-year.ts';

describe('inBeijingYear', () => {
  let fresh: FreshDatabase;
  beforeAll(async () => {
    fresh = await freshDatabase({ migrate: false });
  });
  afterAll(() => fresh.drop());

  it('takes an instant into the Beijing year it falls in, at either edge of the year, whatever the session time zone', async () => {
    const at = (iso: string) => sql`${iso}::timestamptz`;
    const years = async () => {
      const instants = ['2025-12-31T15:59:59.999Z', '2025-12-31T16:00:00Z', '2026-12-31T15:59:59Z', '2026-12-31T16:00:00Z'];
      const rows = (await fresh.database.db.execute(
        sql`select ${sql.join(
          instants.map((i, n) => sql`${inBeijingYear(at(i), 2026)} as ${sql.raw(`a${n}`)}`),
          sql`, `,
        )}`,
      )) as unknown as { rows: Record<string, boolean>[] };
      return Object.values(rows.rows[0]!);
    };
    expect(await years()).toEqual([false, true, true, false]);
    await fresh.database.exec(`set time zone 'America/New_York'`);
    expect(await years()).toEqual([false, true, true, false]);
  });
});
