import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type Agent } from '../../../test/helpers/agent.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { statementProbe } from '../../db/client.ts';
import { seedHistory } from '../../seed/history.ts';
import { loadActor, users } from '../identity/index.ts';
import { previewScheme } from './preview.ts';

/**
 * 预览: a scheme scored on a past year's figures of the reader's jurisdiction (the history's accepted
 * returns of last year in 许昌), nothing written; one page of spaces explained, the distribution of
 * all. A draft is previewed by its jurisdiction, an operator is refused and another province finds
 * nothing, a bad year or sort is named.
 */
let t: TestApp;
let xuchang: Agent;
let liaoning: Agent;
let operator: Agent;
let schemeId: string;

interface Explained {
  key: string;
  value: number | null;
  points: number;
  explanation: string;
}
interface Item {
  spaceName: string;
  total: number;
  grade: string;
  gradeReason: string;
  missingReturn: boolean;
  items: Explained[];
}
/** The schemes as stored: a preview changes none (a refusal is audited as such, nothing else is written). */
const schemesNow = () => t.ctx.database.query(`select id, revision, status, version from evaluation_schemes order by id`);

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  await seedHistory(t.ctx.db, t.config, { servicePlatform: false });
  [xuchang, liaoning, operator] = (await Promise.all(['xc_admin', 'ln_admin', 'op_robot_admin'].map((u) => signIn(t.app, u)))) as [Agent, Agent, Agent];
  schemeId = (await xuchang.get('/api/evaluation/schemes')).json().items[0].id;
}, 400_000);
afterAll(() => t.close());

describe('previewing a scheme', () => {
  it("scores last year's accepted returns of the jurisdiction's spaces, explains every point and counts the grades", async () => {
    const res = await xuchang.post(`/api/evaluation/schemes/${schemeId}/preview`, {});
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { year: number; spacesTotal: number; total: number; distribution: { grade: string; count: number }[]; items: Item[] };
    expect(body.year).toBe(new Date().getUTCFullYear() - 1);
    expect(body.spacesTotal).toBeGreaterThan(1);
    expect(body.distribution.map((d) => d.grade)).toEqual(['excellent', 'good', 'pass', 'fail']);
    expect(body.distribution.reduce((s, d) => s + d.count, 0)).toBe(body.spacesTotal);
    // Best first; a space with an accepted return has its workstations explained in the report's words.
    expect(body.items.map((i) => i.total)).toEqual([...body.items.map((i) => i.total)].sort((a, b) => b - a));
    const scored = body.items.find((i) => !i.missingReturn)!;
    expect(scored.items.find((i) => i.key === 'workstations')!.explanation).toMatch(/^工位 \d+ 个：达到50得5分，每增加1个加0\.1分/);
    // A space without an accepted return that year is 不合格, the scheme says why.
    const missing = body.items.find((i) => i.missingReturn);
    if (missing) expect(missing).toMatchObject({ grade: 'fail', gradeReason: '应评未评：当年无已审定的统计报表，评为不合格' });
  });

  it('pages, filters by grade and sorts on the server', async () => {
    const all = (await xuchang.post(`/api/evaluation/schemes/${schemeId}/preview?sort=name`, {})).json() as { items: Item[]; total: number };
    const second = (await xuchang.post(`/api/evaluation/schemes/${schemeId}/preview?sort=name&page=2&pageSize=1`, {})).json() as { items: Item[]; total: number };
    expect(second.total).toBe(all.total);
    expect(second.items.map((i) => i.spaceName)).toEqual([all.items[1]!.spaceName]);
    const fails = (await xuchang.post(`/api/evaluation/schemes/${schemeId}/preview?grade=fail`, {})).json() as { items: Item[]; total: number; spacesTotal: number };
    expect(fails.items.every((i) => i.grade === 'fail')).toBe(true);
    expect(fails.spacesTotal).toBe(all.total);
  });

  it('reads the same few statements however many spaces the jurisdiction has', async () => {
    const [row] = await t.ctx.db.select({ id: users.id }).from(users).where(eq(users.username, 'xc_admin'));
    const actor = (await loadActor(t.ctx.db, row!.id, 'preview-test'))!;
    const { statements } = await statementProbe.count(() => previewScheme(t.ctx.db, actor, schemeId, {}, { page: 1, pageSize: 20 }));
    // The scheme, the filed spaces, their names and categories, then the figures (at most seven: accepted
    // returns, cohorts, fraud findings, coaching, bookings, activities and the catalogues).
    expect(statements).toBeLessThanOrEqual(10);
  });

  it("previews a draft for its jurisdiction, which another province does not find", async () => {
    const draft = (await xuchang.post(`/api/evaluation/schemes/${schemeId}/clone`, {})).json() as { id: string; status: string };
    expect(draft.status).toBe('draft');
    const res = await xuchang.post(`/api/evaluation/schemes/${draft.id}/preview`, { year: new Date().getUTCFullYear() - 1 });
    expect(res.statusCode, res.body).toBe(200);
    expect((await liaoning.post(`/api/evaluation/schemes/${draft.id}/preview`, {})).statusCode).toBe(404);
  });

  it('refuses an operator and another province, writing nothing', async () => {
    const before = await schemesNow();
    expect((await operator.post(`/api/evaluation/schemes/${schemeId}/preview`, {})).statusCode).toBe(403);
    expect((await liaoning.post(`/api/evaluation/schemes/${schemeId}/preview`, {})).statusCode).toBe(404);
    expect(await schemesNow()).toEqual(before);
  });

  it('names a bad year, sort or grade in Chinese', async () => {
    const year = await xuchang.post(`/api/evaluation/schemes/${schemeId}/preview`, { year: 1999 });
    expect(year.statusCode).toBe(400);
    expect(year.json().error.fields).toEqual([expect.objectContaining({ field: 'body.year', message: '年度应为 2015–2100 的整数' })]);
    const sort = await xuchang.post(`/api/evaluation/schemes/${schemeId}/preview?sort=grade&grade=A`, {});
    expect(sort.statusCode).toBe(400);
    expect(sort.json().error.fields.map((f: { field: string }) => f.field).sort()).toEqual(['querystring.grade', 'querystring.sort']);
  });
});
