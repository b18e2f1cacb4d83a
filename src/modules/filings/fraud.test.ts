import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { applicationAtStage } from '../../../test/helpers/journey.ts';
import { filingListEntries, filingLists, filings } from './schema.ts';
import { cancelFilingsForFraud } from './service.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ demo: true });
});
afterAll(() => t.close());

describe('cancelFilingsForFraud', () => {
  it('cancels the active filing and strikes out the list entry, leaving other applications alone', async () => {
    const [fraud, honest] = [await applicationAtStage(t, 'xuchang_city', 'city_decision'), await applicationAtStage(t, 'xuchang_city', 'city_decision')];
    const { db } = t.ctx;
    const [call] = await t.ctx.database.query<{ authority_org_id: string }>(`select authority_org_id from calls where id = $1`, [fraud.callId]);
    const [list] = await db
      .insert(filingLists)
      .values({ callId: fraud.callId, stageKey: 'city_decision', authorityOrgId: call!.authority_org_id, kind: 'filing', level: 'city', title: '备案名单', documentNumber: '许科〔2026〕15号', issuedOn: '2026-11-20' })
      .returning();
    for (const a of [fraud, honest]) {
      await db.insert(filingListEntries).values({ listId: list!.id, applicationId: a.id, spaceId: a.spaceId, spaceName: a.spaceName, operatorName: a.operatorName, regionName: '长葛市' });
      await db.insert(filings).values({ spaceId: a.spaceId, level: 'city', applicationId: a.id, listId: list!.id });
    }

    await db.transaction((tx) => cancelFilingsForFraud(tx, fraud.id, '虚报在孵企业数'));

    const filingOf = async (id: string) => (await db.select().from(filings).where(eq(filings.applicationId, id)))[0]!;
    const entryOf = async (id: string) => (await db.select().from(filingListEntries).where(eq(filingListEntries.applicationId, id)))[0]!;
    expect(await filingOf(fraud.id)).toMatchObject({ status: 'cancelled', cancelledReason: '因弄虚作假撤销：虚报在孵企业数', cancelledAt: expect.any(Date) });
    expect(await entryOf(fraud.id)).toMatchObject({ status: 'removed', removedReason: '因弄虚作假撤销：虚报在孵企业数', changedAt: expect.any(Date) });
    expect(await filingOf(honest.id)).toMatchObject({ status: 'active', cancelledReason: null });
    expect(await entryOf(honest.id)).toMatchObject({ status: 'listed', removedReason: null });
    const pub = (await t.app.inject({ method: 'GET', url: `/api/public/filing-lists/${list!.id}` })).json();
    expect(pub.entries.find((e: { spaceName: string }) => e.spaceName === fraud.spaceName)).toMatchObject({ status: 'removed', removedReason: '因弄虚作假撤销：虚报在孵企业数' });

    // A second finding changes nothing more; an application never filed is no error.
    await db.transaction((tx) => cancelFilingsForFraud(tx, fraud.id, '另一理由'));
    expect((await filingOf(fraud.id)).cancelledReason).toBe('因弄虚作假撤销：虚报在孵企业数');
    const unfiled = await applicationAtStage(t, 'xuchang_city', 'city_decision');
    await expect(db.transaction((tx) => cancelFilingsForFraud(tx, unfiled.id, '虚假材料'))).resolves.toBeUndefined();
  });
});
