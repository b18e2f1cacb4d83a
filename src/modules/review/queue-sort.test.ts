import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type Agent } from '../../../test/helpers/agent.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { applicationAtStage } from '../../../test/helpers/journey.ts';

let t: TestApp;
let reviewer: Agent;

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  reviewer = await signIn(t.app, 'cg_reviewer');
});
afterAll(() => t.close());

const ids = async (query: string) => {
  const res = await reviewer.get(`/api/review/queue?pageSize=100&${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().items as { id: string; space: { name: string }; round: number }[]).map((i) => i.id);
};

describe('queue sorting', () => {
  it('sorts by the column the reviewer picks, both ways, and by due date without one', async () => {
    const a = await applicationAtStage(t, 'xuchang_city', 'county_review');
    const b = await applicationAtStage(t, 'xuchang_city', 'county_review');
    await t.ctx.database.query(`update applications set stage_due_at = now() + interval '1 day', round = 2 where id = $1`, [b.id]);
    await t.ctx.database.query(`update applications set stage_due_at = now() + interval '3 day' where id = $1`, [a.id]);
    const only = (list: string[]) => list.filter((id) => id === a.id || id === b.id);

    expect(only(await ids(`callId=${a.callId}`))).toEqual([b.id, a.id]);
    expect(only(await ids(`callId=${a.callId}&sort=dueAt&order=desc`))).toEqual([a.id, b.id]);
    expect(only(await ids(`callId=${a.callId}&sort=round&order=desc`))).toEqual([b.id, a.id]);
    expect(only(await ids(`callId=${a.callId}&sort=round`))).toEqual([a.id, b.id]);
    // Space names differ by their sequence number only (…1号… before …2号…).
    const [first, second] = [a, b].sort((x, y) => (x.spaceName < y.spaceName ? -1 : 1));
    expect(only(await ids(`callId=${a.callId}&sort=space&order=asc`))).toEqual([first!.id, second!.id]);
    expect(only(await ids(`callId=${a.callId}&sort=space&order=desc`))).toEqual([second!.id, first!.id]);
  });

  it('refuses an unknown column or direction with 400 naming it in Chinese', async () => {
    for (const query of ['sort=secret', 'sort=space&order=up']) {
      const res = await reviewer.get(`/api/review/queue?${query}`);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.body).toMatch(/排序/);
    }
  });
});
