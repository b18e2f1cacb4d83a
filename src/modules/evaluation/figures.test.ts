import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { statementProbe } from '../../db/client.ts';
import { seedHistory } from '../../seed/history.ts';
import { creditRecords } from '../credit/index.ts';
import { spaceEvents } from '../events/index.ts';
import { organisations } from '../orgs/index.ts';
import { incubatees } from '../roster/index.ts';
import { spaceHosts, spaces } from '../spaces/index.ts';
import { evaluationFiguresOf } from './figures.ts';
import { gradesOf } from './rounds-repository.ts';

let t: TestApp;
const id: Record<string, string> = {};
/** The history's accepted returns are of last year (2025 when run in 2026). */
let year: number;

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  await seedHistory(t.ctx.db, t.config, { servicePlatform: false });
  year = new Date().getUTCFullYear() - 1;
  const db = t.ctx.db;
  for (const [key, name] of [
    ['zhineng', '长葛智能装备众创空间'],
    ['qingnian', '禹州青年创业园众创空间'],
    ['robot', '沈阳智能机器人专业化众创空间'],
    ['park', '金陵理工生物医药专业化众创空间'],
  ] as const)
    id[key] = (await db.select({ id: spaces.id }).from(spaces).where(eq(spaces.name, name)))[0]!.id;
  // 沈阳智能机器人 is built on an incubator: its host becomes a 孵化器.
  const [host] = await db.select({ id: spaceHosts.hostOrgId }).from(spaceHosts).where(eq(spaceHosts.spaceId, id.robot!));
  await db.update(organisations).set({ hostType: 'incubator' }).where(eq(organisations.id, host!.id));
  const row = (spaceId: string, entryDate: string, extra: Partial<typeof incubatees.$inferInsert> = {}) => ({ spaceId, kind: 'enterprise' as const, name: `企业${entryDate}${Math.random()}`, entryDate, statusDate: entryDate, ...extra });
  const gone = (on: string) => ({ status: 'deregistered' as const, statusDate: on, leftOn: on });
  await db.insert(incubatees).values([
    // The space's own entrants of year−1: one alive, one deregistered within the year.
    row(id.robot!, `${year - 1}-03-01`),
    row(id.robot!, `${year - 1}-04-01`, gone(`${year}-05-01`)),
    // The host incubator's own, in the same roster: out of the space's scope (they would make S(1) 75 %).
    row(id.robot!, `${year - 1}-05-01`, { hostIncubatee: true }),
    row(id.robot!, `${year - 1}-06-01`, { hostIncubatee: true }),
    // year−3: deregistered only after the year ended, so alive at its end.
    row(id.robot!, `${year - 3}-02-01`, gone(`${year + 1}-01-10`)),
    // A space not built on an incubator: the mark has no scope to draw, the row counts.
    row(id.park!, `${year - 1}-07-01`, { hostIncubatee: true }),
    row(id.park!, `${year - 1}-08-01`, gone(`${year}-12-31`)),
  ]);
  const [operator] = await db.select({ id: spaces.operatorOrgId }).from(spaces).where(eq(spaces.id, id.park!));
  await db.insert(creditRecords).values([
    { orgId: operator!.id, reason: '申报材料弄虚作假', foundAt: new Date(`${year}-06-01T00:00:00+08:00`), banUntil: new Date(`${year + 2}-06-01T00:00:00+08:00`) },
  ]);
  // A finding of the year before does not count for this one.
  const [other] = await db.select({ id: spaces.operatorOrgId }).from(spaces).where(eq(spaces.id, id.robot!));
  // 沈阳智能机器人's registered activities: two hosted and one organised held in the year, one joint
  // held in the year before and one hosted still only published: three of the year, by role.
  const event = (startsAt: string, role: 'host' | 'organiser' | 'joint', status: 'held' | 'published' = 'held') => ({
    spaceId: id.robot!,
    title: `活动${startsAt}${role}`,
    kind: 'training' as const,
    role,
    description: '创业培训',
    startsAt: new Date(`${startsAt}T09:00:00+08:00`),
    endsAt: new Date(`${startsAt}T11:00:00+08:00`),
    capacity: 30,
    signupOpensAt: new Date(new Date(`${startsAt}T09:00:00+08:00`).getTime() - 30 * 86_400_000),
    signupClosesAt: new Date(`${startsAt}T08:00:00+08:00`),
    status,
  });
  await db.insert(spaceEvents).values([
    event(`${year}-01-01`, 'host'),
    event(`${year}-06-01`, 'host'),
    event(`${year}-09-01`, 'organiser'),
    event(`${year - 1}-12-31`, 'joint'),
    event(`${year}-10-01`, 'host', 'published'),
  ]);
  await db.insert(creditRecords).values({ orgId: other!.id, reason: '往年认定', foundAt: new Date(`${year}-01-01T00:00:00+08:00`.replace(String(year), String(year - 1))), banUntil: new Date(`${year + 1}-01-01T00:00:00+08:00`) });
}, 400_000);
afterAll(() => t.close());

describe('evaluationFiguresOf', () => {
  it('reads the accepted return of the year in display units, survival by cohort and fraud findings, in a fixed number of statements', async () => {
    const ids = [id.zhineng!, id.qingnian!, id.robot!, id.park!];
    const { result, statements } = await statementProbe.count(() => evaluationFiguresOf(t.ctx.db, { spaceIds: ids, year }));
    expect(statements).toBeLessThanOrEqual(7);
    expect(result.map((f) => f.spaceId)).toEqual(ids);
    const [zhineng, qingnian, robot, park] = result;
    // The seeded figures: workstations 110, shared equipment 640 千元 (stored 640,000 元).
    expect(zhineng!.returnValues).toMatchObject({ workstations: 110, shared_equipment_value: 640, investment_total: 15_000 });
    expect(qingnian!.returnValues).toMatchObject({ workstations: 220 });
    // Text and choice answers are no figures to score.
    expect(zhineng!.returnValues!.service_types).toBeUndefined();
    // No accepted return of the year: 应评未评.
    expect(robot!.returnValues).toBeNull();
    expect(robot!.platform).toEqual({ false_data_found: 0, survival_s1: 50, survival_s3: 100 });
    expect(park!.platform).toEqual({ false_data_found: 1, survival_s1: 50 });
    // Activities held in the year by role; a space that held none registered none (a true zero).
    expect(robot!.activities).toEqual({ host: 2, organiser: 1, joint: 0 });
    expect(park!.activities).toEqual({ host: 0, organiser: 0, joint: 0 });
    // The service platform's figures stay absent (explained as 无平台数据) for a space that keeps no
    // mentors or resources there.
    expect(robot!.platform.coaching_sessions).toBeUndefined();
    expect(robot!.platform.bookings).toBeUndefined();
  });

  it('draws a jurisdiction\'s filed spaces when given its region', async () => {
    const xuchang = await evaluationFiguresOf(t.ctx.db, { regionPath: '000000/410000/411000', year });
    const names = await t.ctx.db.select({ id: spaces.id, regionCode: spaces.regionCode }).from(spaces).where(inArray(spaces.id, xuchang.map((f) => f.spaceId)));
    expect(names.length).toBeGreaterThanOrEqual(2);
    expect(names.every((s) => s.regionCode.startsWith('411'))).toBe(true);
    expect(xuchang.map((f) => f.spaceId)).toContain(id.zhineng);
  });
});

describe('the demo history of evaluations', () => {
  it('holds two published years of 许昌 grades with a space 不合格 in both, and an open round with work waiting', async () => {
    const grades = await gradesOf(t.ctx.db, (await t.ctx.db.select({ id: spaces.id }).from(spaces)).map((s) => s.id));
    const byYear = (y: number) => grades.filter((g) => g.year === y);
    expect(byYear(year - 1).length).toBeGreaterThanOrEqual(2);
    // 2025: the spaces whose returns were accepted are graded on their figures.
    expect(byYear(year).some((g) => g.grade !== 'fail')).toBe(true);
    const failedTwice = byYear(year).filter((g) => g.grade === 'fail' && byYear(year - 1).some((p) => p.spaceId === g.spaceId && p.grade === 'fail'));
    expect(failedTwice.length).toBeGreaterThanOrEqual(1);
    const lists = await t.ctx.database.query<{ document_number: string }>(`select l.document_number from filing_lists l join evaluation_grades g on g.list_id = l.id group by l.document_number order by 1`);
    expect(lists.map((l) => l.document_number)).toEqual([`许科〔${year}〕9号`, `许科〔${year + 1}〕11号`]);
    const open = await t.ctx.database.query<{ status: string; stage_key: string | null }>(
      `select a.status, a.stage_key from applications a join evaluation_rounds r on r.call_id = a.call_id where r.year = $1 order by a.status`,
      [year + 1],
    );
    expect(open.filter((a) => a.stage_key === 'county_opinion')).toHaveLength(1);
    expect(open.some((a) => a.status === 'draft')).toBe(true);
  });
});
