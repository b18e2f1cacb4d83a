import { eq, gt, inArray, ne, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeActor } from '../../../test/helpers/actor.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { statementProbe } from '../../db/client.ts';
import { spaces } from '../spaces/schema.ts';
import { incubateeCohorts, incubatees } from './schema.ts';
import { listRoster, survival, SURVIVAL_FORMULA } from './service.ts';

let t: TestApp;
let robot: { id: string; operatorOrgId: string };
let park: { id: string; operatorOrgId: string };

/** 2026-03-01 in Shanghai: 2024's S(1) is measurable (2025 ended), 2025's is not; S(3) only for 2022 and before. */
const NOW = new Date('2026-03-01T04:00:00Z');

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  const space = async (name: string) => (await t.ctx.db.select().from(spaces).where(eq(spaces.name, name)))[0]!;
  robot = await space('沈阳智能机器人专业化众创空间');
  park = await space('金陵理工生物医药专业化众创空间');
  const row = (spaceId: string, name: string, entryDate: string, status: 'resident' | 'graduated' | 'exited' | 'moved' | 'deregistered' = 'resident', statusDate = entryDate) => ({
    spaceId,
    kind: 'team' as const,
    name,
    entryDate,
    status,
    statusDate,
    leftOn: status === 'resident' ? null : statusDate,
  });
  await t.ctx.db.insert(incubatees).values([
    // 2022 cohort of the robot space: five entrants.
    row(robot.id, 'a', '2022-01-10'),
    row(robot.id, 'b', '2022-03-01', 'graduated', '2023-06-30'), // graduated: survives
    row(robot.id, 'c', '2022-05-01', 'moved', '2024-01-15'), // moved up the chain: survives
    row(robot.id, 'd', '2022-12-31', 'deregistered', '2023-12-31'), // deregistered on the last day of Y+1: dead at S(1)
    row(robot.id, 'e', '2022-06-01', 'deregistered', '2024-01-01'), // deregistered on the first day of Y+2: alive at S(1), dead at S(3)
    // 2024 cohort: S(1) measurable (end of 2025 passed), S(3) not.
    row(robot.id, 'f', '2024-02-01'),
    row(robot.id, 'g', '2024-04-01', 'deregistered', '2025-12-31'),
    // 2025 cohort: nothing measurable yet.
    row(robot.id, 'h', '2025-07-01'),
    // The park's 2022 cohort: one entrant, exited (survives: only deregistration ends survival).
    row(park.id, 'i', '2022-09-01', 'exited', '2023-02-01'),
  ]);
});
afterAll(() => t.close());

const FIRST_PAGE = { page: 1, pageSize: 20 };

describe('survival cohorts', () => {
  it('computes S(1) and S(3) per entry year at the end of Y+k, graduation and moves counting as survival', async () => {
    const operator = makeActor({ org: { id: robot.operatorOrgId, kind: 'operator' } });
    const { result, statements } = await statementProbe.count(() => survival(t.ctx.db, operator, FIRST_PAGE, NOW));
    expect(statements).toBe(2);
    expect(result.formula).toEqual(SURVIVAL_FORMULA);
    expect(result.asOf).toBe('2026-03-01');
    expect(result.spaces).toHaveLength(1);
    expect(result.spaces[0]!.cohorts).toEqual([
      { year: 2022, entrants: 5, s1: { measurable: true, survivors: 4, rate: 0.8 }, s3: { measurable: true, survivors: 3, rate: 0.6 } },
      { year: 2024, entrants: 2, s1: { measurable: true, survivors: 1, rate: 0.5 }, s3: { measurable: false, survivors: null, rate: null } },
      { year: 2025, entrants: 1, s1: { measurable: false, survivors: null, rate: null }, s3: { measurable: false, survivors: null, rate: null } },
    ]);
  });

  it('aggregates a jurisdiction above both spaces and leaves out spaces outside it', async () => {
    const nation = makeActor({ roles: ['authority_admin'], jurisdictionPath: '000000', org: { id: 'most', kind: 'authority', authorityLevel: 'national', regionCode: '000000' } });
    const all = await survival(t.ctx.db, nation, FIRST_PAGE, NOW);
    expect(all.overall[0]).toEqual({ year: 2022, entrants: 6, s1: { measurable: true, survivors: 5, rate: 0.833 }, s3: { measurable: true, survivors: 4, rate: 0.667 } });
    // Spaces by region, then name: 辽宁 (21…) before 江苏 (32…).
    expect(all.spaces.map((s) => s.spaceName)).toEqual(['沈阳智能机器人专业化众创空间', '金陵理工生物医药专业化众创空间']);
    expect(all.spacesTotal).toBe(2);
    // A page of one space: the totals are still the whole jurisdiction's.
    const second = await survival(t.ctx.db, nation, { page: 2, pageSize: 1 }, NOW);
    expect(second.spaces.map((s) => s.spaceName)).toEqual(['金陵理工生物医药专业化众创空间']);
    expect(second).toMatchObject({ spacesTotal: 2, page: 2, pageSize: 1, overall: all.overall });
    expect((await survival(t.ctx.db, nation, { page: 3, pageSize: 1 }, NOW)).spaces).toEqual([]);
    const liaoning = makeActor({ roles: ['authority_reviewer'], jurisdictionPath: '000000/210000', org: { id: 'ln', kind: 'authority', authorityLevel: 'province', regionCode: '210000' } });
    const ln = await survival(t.ctx.db, liaoning, FIRST_PAGE, NOW);
    expect(ln.spaces.map((s) => s.spaceId)).toEqual([robot.id]);
    expect(ln.overall[0]).toMatchObject({ year: 2022, entrants: 5 });
    expect((await survival(t.ctx.db, nation, { ...FIRST_PAGE, spaceId: park.id }, NOW)).overall).toEqual([
      { year: 2022, entrants: 1, s1: { measurable: true, survivors: 1, rate: 1 }, s3: { measurable: true, survivors: 1, rate: 1 } },
    ]);
  });
});

describe('roster list', () => {
  it('runs the same three statements for a page of two as for a page of a hundred', async () => {
    const operator = makeActor({ org: { id: robot.operatorOrgId, kind: 'operator' } });
    const page = (pageSize: number) => statementProbe.count(() => listRoster(t.ctx.db, operator, { sort: 'entryDate', order: 'desc', page: 1, pageSize }));
    const small = await page(2);
    const large = await page(100);
    expect(small.result.items).toHaveLength(2);
    expect(large.result.items).toHaveLength(8);
    expect(small.statements).toBe(3);
    expect(large.statements).toBe(3);
  });
});

describe('kept cohorts (incubatee_cohorts)', () => {
  /** The cohorts counted directly from the roster in JS, by the formula shown beside the figures. */
  const direct = async () => {
    const rows = await t.ctx.db.select().from(incubatees);
    const counts = new Map<string, { spaceId: string; entryYear: number; entrants: number; alive1: number; alive3: number }>();
    for (const r of rows) {
      const year = Number(r.entryDate.slice(0, 4));
      const alive = (k: number) => (r.status === 'deregistered' && r.statusDate <= `${year + k}-12-31` ? 0 : 1);
      const key = `${r.spaceId}:${year}`;
      const c = counts.get(key) ?? { spaceId: r.spaceId, entryYear: year, entrants: 0, alive1: 0, alive3: 0 };
      c.entrants += 1;
      c.alive1 += alive(1);
      c.alive3 += alive(3);
      counts.set(key, c);
    }
    return [...counts.values()].sort((a, b) => `${a.spaceId}:${a.entryYear}`.localeCompare(`${b.spaceId}:${b.entryYear}`));
  };
  const kept = async () =>
    (await t.ctx.db.select().from(incubateeCohorts).where(gt(incubateeCohorts.entrants, 0))).sort((a, b) => `${a.spaceId}:${a.entryYear}`.localeCompare(`${b.spaceId}:${b.entryYear}`));

  it('equals the direct count after inserts, edits, graduation, moving up the chain, deregistration, a change of space and deletes', async () => {
    expect(await kept()).toEqual(await direct());
    const [other] = await t.ctx.db.select().from(spaces).where(ne(spaces.id, robot.id)).limit(1);
    // A statement of several rows across two spaces and years.
    const added = await t.ctx.db
      .insert(incubatees)
      .values([
        { spaceId: robot.id, kind: 'team', name: 'k1', entryDate: '2023-02-01', status: 'resident', statusDate: '2023-02-01' },
        { spaceId: robot.id, kind: 'team', name: 'k2', entryDate: '2023-05-01', status: 'resident', statusDate: '2023-05-01' },
        { spaceId: other!.id, kind: 'team', name: 'k3', entryDate: '2021-05-01', status: 'resident', statusDate: '2021-05-01' },
      ])
      .returning();
    expect(await kept()).toEqual(await direct());
    const [k1, k2, k3] = added;
    await t.ctx.db.update(incubatees).set({ status: 'graduated', statusDate: '2024-01-10', leftOn: '2024-01-10' }).where(eq(incubatees.id, k1!.id));
    expect(await kept()).toEqual(await direct());
    await t.ctx.db.update(incubatees).set({ status: 'moved', statusDate: '2024-02-10', leftOn: '2024-02-10', movedTo: '某孵化器' }).where(eq(incubatees.id, k2!.id));
    expect(await kept()).toEqual(await direct());
    // Deregistered within Y+1 (dead at S(1)), then a whole space's rows edited in one statement.
    await t.ctx.db.update(incubatees).set({ status: 'deregistered', statusDate: '2022-06-30', leftOn: '2022-06-30' }).where(eq(incubatees.id, k3!.id));
    expect(await kept()).toEqual(await direct());
    await t.ctx.db.update(incubatees).set({ name: sql`${incubatees.name} || '（更名）'` }).where(eq(incubatees.spaceId, robot.id));
    expect(await kept()).toEqual(await direct());
    // A corrected entry year and a row moved to another space: the old cohort loses it, the new one gains it.
    await t.ctx.db.update(incubatees).set({ entryDate: '2020-01-02' }).where(eq(incubatees.id, k1!.id));
    await t.ctx.db.update(incubatees).set({ spaceId: other!.id }).where(eq(incubatees.id, k2!.id));
    expect(await kept()).toEqual(await direct());
    await t.ctx.db.delete(incubatees).where(inArray(incubatees.id, [k1!.id, k2!.id, k3!.id]));
    expect(await kept()).toEqual(await direct());
  });
});
