import { expect } from '@playwright/test';
import { apiSession, collectErrors, ofAttempt, signIn, test } from './helpers';

const SPACE = '长葛智能装备众创空间';
const POLICY = '国务院办公厅关于加快众创空间发展服务实体经济转型升级的指导意见';
const ITEM = '软硬件设施给予补助';

test('a city and a county grant overlapping supports for one space: the alert is on both workbenches and one reviewer disposes of it', async ({ browser }) => {
  test.setTimeout(240_000);
  const xc = await apiSession('xc_admin');
  const cg = await apiSession('cg_admin');

  // Both departments grant a construction support for the same space under the same legal basis,
  // for months that overlap (Jun–Aug 2025): rule D3 (one space, one category, two grantors).
  const policies = await xc.call('get', '/api/public/policies?kind=policy&validity=effective&page=1&pageSize=100');
  const policy = policies.items.find((p: { title: string }) => p.title === POLICY);
  const item = (await xc.call('get', `/api/public/policies/${policy.id}`)).supportItems.find((i: { title: string }) => i.title.includes(ITEM));
  const space = (await xc.call('get', `/api/spaces?q=${encodeURIComponent('长葛智能')}&pageSize=50`)).items.find((s: { name: string }) => s.name === SPACE);
  const grant = (projectTitle: string, periodFrom: string, periodTo: string, invoice: string) => ({
    policyId: policy.id,
    supportItemId: item.id,
    category: item.category,
    beneficiaryUscc: space.operator.uscc,
    beneficiaryName: space.operator.name,
    beneficiaryRole: 'operator',
    spaceId: space.id,
    projectTitle,
    periodFrom,
    periodTo,
    invoiceNos: [invoice],
    contractNos: [],
    // Far more floor than the space filed: the explanation says the two together exceed it.
    areaM2: 30000,
    months: 8,
    amountYuan: 80000,
    grantedOn: '2025-12-20',
  });
  // Named for the run: a retried test's supports also pair with the first run's.
  const cityProject = ofAttempt('长葛智能装备众创空间2025年设施补助（市级）');
  const countyProject = ofAttempt('长葛智能装备众创空间2025年设施补助（县级）');
  const city = await xc.call('post', '/api/supports', grant(cityProject, '2025-01-01', '2025-08-31', ofAttempt('FP-XC-2025-0101')));
  const county = await cg.call('post', '/api/supports', grant(countyProject, '2025-06-01', '2025-12-31', ofAttempt('FP-CG-2025-0207')));

  // The incremental scan runs as a job after each recording: the alert names both supports.
  const alertOf = async () => {
    const list = await xc.call('get', '/api/support-alerts?state=open&page=1&pageSize=100');
    return list.items.find((a: { rule: string; supports: { id: string }[] }) => a.rule === 'D3' && [city.id, county.id].every((id) => a.supports.some((s) => s.id === id)));
  };
  await expect.poll(async () => !!(await alertOf()), { timeout: 90_000 }).toBe(true);

  // Both granting departments find it waiting on their workbench.
  for (const username of ['cg_reviewer', 'xc_reviewer']) {
    const page = await browser.newPage();
    const errors = collectErrors(page);
    await signIn(page, username);
    const card = page.getByTestId('todo-card').filter({ hasText: '待处置的重复扶持预警' });
    await expect(card).toContainText(SPACE);
    expect(errors).toEqual([]);
    if (username === 'cg_reviewer') await page.close();
    else {
      // The city's reviewer opens it from the card, reads why it was raised and records a disposition.
      await card.getByTestId('todo-count').click();
      await expect(page.getByRole('heading', { level: 1, name: '支持重复预警' })).toBeVisible();
      const row = page.getByRole('row').filter({ hasText: cityProject }).filter({ hasText: countyProject }).filter({ hasText: 'D3 多部门同类同期扶持同一空间' });
      await row.getByTestId('alert-open').click();
      const drawer = page.locator('.ant-drawer');
      await expect(drawer).toContainText(countyProject);
      await expect(drawer).toContainText('2025-06');
      await expect(drawer).toContainText(/两项合计 60,000 平方米，超过备案面积 [\d,.]+ 平方米/);
      const form = drawer.getByTestId('alert-dispose');
      await form.getByText('合理', { exact: true }).click();
      await form.getByRole('textbox').fill('市级补助为设备购置、县级补助为场地改造，依据不同，已核对合同');
      await form.getByRole('button', { name: '提交处置' }).click();
      await expect(drawer).toContainText('市级补助为设备购置');
      expect(errors).toEqual([]);
    }
  }
  // The disposition is recorded once, for both departments: the alert is no longer open.
  await expect.poll(async () => !!(await alertOf()), { timeout: 30_000 }).toBe(false);
  for (const s of [xc, cg]) await s.ctx.dispose();
});
