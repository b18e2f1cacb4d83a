import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { findOrganisationByName } from '../orgs/service.ts';
import { creditRecords } from './schema.ts';
import { makeActor } from '../../../test/helpers/actor.ts';
import { activeBan, banEndFor, listCreditRecords } from './service.ts';

let t: TestApp;
let banned: string;
let clean: string;
const YEAR = 365 * 24 * 60 * 60 * 1000;
const at = (iso: string) => new Date(iso);

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  banned = (await findOrganisationByName(t.ctx.db, '长葛市创新工场企业管理有限公司'))!.id;
  clean = (await findOrganisationByName(t.ctx.db, '沈阳新锐智造众创科技有限公司'))!.id;
  // Created by the fraud finding of a later issue; written here directly.
  await t.ctx.db.insert(creditRecords).values([
    { orgId: banned, reason: '2022 年申报材料虚报在孵企业数', foundAt: at('2022-03-01T00:00:00Z'), banUntil: at('2024-03-01T00:00:00Z') },
    { orgId: banned, reason: '提供虚假场地租赁合同', foundAt: at('2025-06-01T00:00:00Z'), banUntil: at('2027-06-01T00:00:00Z') },
    { orgId: banned, reason: '重复申报同一扶持资金', foundAt: at('2025-09-01T00:00:00Z'), banUntil: at('2027-03-01T00:00:00Z') },
  ]);
});
afterAll(() => t.close());

describe('credit bans (002 §四.(一).3)', () => {
  it('finds the ban running at a moment, the longest when several run', async () => {
    expect((await activeBan(t.ctx.db, banned, at('2026-01-01T00:00:00Z')))?.reason).toBe('提供虚假场地租赁合同');
    expect((await activeBan(t.ctx.db, banned, at('2023-01-01T00:00:00Z')))?.reason).toBe('2022 年申报材料虚报在孵企业数');
  });

  it('finds none before a finding, after the bans run out, or for an organisation without records', async () => {
    expect(await activeBan(t.ctx.db, banned, at('2021-01-01T00:00:00Z'))).toBeUndefined();
    expect(await activeBan(t.ctx.db, banned, at('2024-06-01T00:00:00Z'))).toBeUndefined();
    expect(await activeBan(t.ctx.db, banned, at('2027-06-01T00:00:00Z'))).toBeUndefined();
    expect(await activeBan(t.ctx.db, clean)).toBeUndefined();
  });

  it('checks now by default', async () => {
    // foundAt from this process's clock: the database's now() may run a few milliseconds ahead of it.
    const { id } = (await t.ctx.db.insert(creditRecords).values({ orgId: clean, reason: '虚报导师人数', foundAt: new Date(Date.now() - 60_000), banUntil: new Date(Date.now() + 2 * YEAR) }).returning())[0]!;
    expect((await activeBan(t.ctx.db, clean))?.id).toBe(id);
  });

  it('lists an operator’s own records newest first, a page at a time', async () => {
    const own = makeActor({ org: { id: banned, kind: 'operator' } });
    const page = await listCreditRecords(t.ctx.db, own, { page: 1, pageSize: 2 });
    expect(page).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(page.items.map((r) => r.reason)).toEqual(['重复申报同一扶持资金', '提供虚假场地租赁合同']);
    expect((await listCreditRecords(t.ctx.db, own, { page: 2, pageSize: 2 })).items.map((r) => r.reason)).toEqual(['2022 年申报材料虚报在孵企业数']);
  });

  it('ends a ban at 00:00 Asia/Shanghai of the same calendar date two years later', () => {
    // 2026-11-22 15:00 in Shanghai → 2028-11-22 00:00 in Shanghai.
    expect(banEndFor(at('2026-11-22T07:00:00Z')).toISOString()).toBe('2028-11-21T16:00:00.000Z');
    // 23:30 on 30 June in Shanghai is still 30 June there, though 1 July has not begun in UTC.
    expect(banEndFor(at('2026-06-30T15:30:00Z')).toISOString()).toBe('2028-06-29T16:00:00.000Z');
    // 00:30 on 1 July in Shanghai is already 1 July there, though UTC still says 30 June.
    expect(banEndFor(at('2026-06-30T16:30:00Z')).toISOString()).toBe('2028-06-30T16:00:00.000Z');
    // 29 February has no date two years on: the ban runs to 1 March, never shorter than two years.
    expect(banEndFor(at('2028-02-29T04:00:00Z')).toISOString()).toBe('2030-02-28T16:00:00.000Z');
  });
});
