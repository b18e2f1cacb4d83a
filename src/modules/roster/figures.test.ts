import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { statementProbe } from '../../db/client.ts';
import { spaces } from '../spaces/schema.ts';
import { rosterFigures } from './figures.ts';
import { incubateeFinancings, incubatees } from './schema.ts';

let t: TestApp;
let robot: string;
let park: string;

const PERIOD = { from: '2025-01-01', to: '2025-12-31' };

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  robot = (await t.ctx.db.select().from(spaces).where(eq(spaces.name, '沈阳智能机器人专业化众创空间')))[0]!.id;
  park = (await t.ctx.db.select().from(spaces).where(eq(spaces.name, '金陵理工生物医药专业化众创空间')))[0]!.id;
  const base = { spaceId: robot, statusDate: '2024-03-01' };
  const rows = await t.ctx.db
    .insert(incubatees)
    .values([
      // Served all year: a team of students and researchers.
      { ...base, kind: 'team', name: '甲团队', entryDate: '2024-03-01', founderTypes: ['student', 'researcher'], jobs: 4, validIp: 1 },
      // An enterprise that left on the first day of the period: served (inclusive start).
      { ...base, kind: 'enterprise', name: '乙公司', entryDate: '2023-05-01', status: 'graduated', statusDate: '2025-01-01', leftOn: '2025-01-01', jobs: 10, graduatesHired: 3, validIp: 5, inventionPatents: 2, founderTypes: ['serial'], agreementFileId: null },
      // Entered on the last day: served (inclusive end), newly registered in the period.
      { ...base, kind: 'enterprise', name: '丙公司', entryDate: '2025-12-31', statusDate: '2025-12-31', jobs: 6, graduatesHired: 1, newlyRegistered: true, registeredOn: '2025-12-31', founderTypes: ['returnee', 'serial'] },
      // Left the day before the period: not served.
      { ...base, kind: 'enterprise', name: '丁公司', entryDate: '2022-01-01', status: 'exited', statusDate: '2024-12-31', leftOn: '2024-12-31', jobs: 50 },
      // Entered after the period: not served.
      { ...base, kind: 'team', name: '戊团队', entryDate: '2026-01-01', statusDate: '2026-01-01' },
      // Graduated during the period, later deregistered: still served (it left on its graduation day).
      { ...base, kind: 'enterprise', name: '己公司', entryDate: '2024-06-01', status: 'deregistered', statusDate: '2026-02-01', leftOn: '2025-06-30', jobs: 2, founderTypes: ['foreign'] },
    ])
    .returning();
  const id = (name: string) => rows.find((r) => r.name === name)!.id;
  await t.ctx.db.insert(incubateeFinancings).values([
    { incubateeId: id('乙公司'), receivedOn: '2025-01-01', amountYuan: 1_000_000, investor: '沈阳天使基金', kind: 'social' },
    { incubateeId: id('乙公司'), receivedOn: '2025-03-01', amountYuan: 200_000, investor: '空间种子基金', kind: 'own' },
    // Outside the period: not counted.
    { incubateeId: id('甲团队'), receivedOn: '2024-12-31', amountYuan: 50_000, investor: '个人投资人', kind: 'social' },
    // A round of an incubatee not served in the period: not counted.
    { incubateeId: id('丁公司'), receivedOn: '2025-02-01', amountYuan: 9_000_000, investor: '某资本', kind: 'social' },
    { incubateeId: id('丙公司'), receivedOn: '2025-12-31', amountYuan: 300_000, investor: '南京创投', kind: 'social' },
  ]);
});
afterAll(() => t.close());

describe('rosterFigures', () => {
  it('counts who was in the roster during any part of the period, both ends inclusive', async () => {
    const { result, statements } = await statementProbe.count(() => rosterFigures(t.ctx.db, [robot, park], PERIOD));
    expect(statements).toBe(2);
    expect(result.get(robot)).toEqual({
      teamsServed: 1,
      startupsServed: 3,
      agreements: 0,
      startupJobs: 18,
      graduatesHired: 4,
      newRegistered: 1,
      investedCount: 2,
      investmentYuan: 1_500_000,
      socialInvestmentYuan: 1_300_000,
      ownInvestmentYuan: 200_000,
      validIp: 6,
      inventionPatents: 2,
      founderTypes: { student: 1, researcher: 1, returnee: 1, executive: 0, foreign: 1, serial: 2 },
    });
  });

  it('answers zeros for a space without incubatees and nothing for no spaces', async () => {
    const figures = await rosterFigures(t.ctx.db, [park], PERIOD);
    expect(figures.get(park)).toMatchObject({ teamsServed: 0, startupsServed: 0, investmentYuan: 0, founderTypes: { serial: 0 } });
    expect((await rosterFigures(t.ctx.db, [], PERIOD)).size).toBe(0);
  });

  it('reads within a transaction too', async () => {
    const figures = await t.ctx.db.transaction((tx) => rosterFigures(tx, [robot], { from: '2026-01-01', to: '2026-12-31' }));
    expect(figures.get(robot)).toMatchObject({ teamsServed: 2, startupsServed: 1, investedCount: 0 });
  });
});
