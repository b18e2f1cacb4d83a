import { expect, request as playwrightRequest } from '@playwright/test';
import { collectErrors, DEMO_PASSWORD, sideMenu, signIn, test } from './helpers';

/** A minimal valid one-page PDF (the server checks magic bytes). */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);

/** A signed-in API session, for the steps other specs drive through pages. */
async function api(username: string) {
  const ctx = await playwrightRequest.newContext({ baseURL: test.info().project.use.baseURL });
  await ctx.get('/api/auth/csrf');
  const csrf = async () => (await ctx.storageState()).cookies.find((c) => c.name.endsWith('hatchery_csrf'))!.value;
  const login = await ctx.post('/api/auth/login', { headers: { 'x-csrf-token': await csrf() }, data: { username, password: DEMO_PASSWORD } });
  expect(login.status(), await login.text()).toBe(200);
  const call = async (method: 'post' | 'get', url: string, data?: unknown) => {
    const res = await ctx[method](url, method === 'get' ? {} : { headers: { 'x-csrf-token': await csrf() }, data });
    expect(res.status(), `${method} ${url}: ${await res.text()}`).toBeLessThan(300);
    return res.json();
  };
  return { ctx, call };
}

test('an authority admin creates a draft call with default materials, edits, publishes and cancels it', async ({ page }) => {
  // Many pages and saves: past 90 s when two browsers and Vitest share a busy machine.
  test.setTimeout(180_000);
  const errors = collectErrors(page);
  await signIn(page, 'xc_admin');
  await page.getByRole('menuitem', { name: '申报批次管理' }).click();
  await page.getByRole('button', { name: '新建申报批次' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('标题').fill('许昌市第二批众创空间备案申报（演练）');
  await dialog.getByLabel('级别').click();
  await page.locator('.ant-select-item-option').filter({ hasText: '市级' }).click();
  // The level's default material list fills the slots editor.
  await expect(dialog.locator('input[value="business_licence"]')).toBeVisible();
  await expect(dialog.locator('input[value="applicant_commitment"]')).toBeVisible();
  const [opens, closes] = [dialog.getByPlaceholder('开始日期'), dialog.getByPlaceholder('结束日期')];
  await opens.click();
  await opens.fill('2027-03-01 09:00');
  await opens.press('Enter');
  await closes.fill('2027-04-30 17:00');
  await closes.press('Enter');
  await dialog.getByLabel('审核流程').click();
  await page.locator('.ant-select-item-option').filter({ hasText: '许昌市备案：' }).click();
  await dialog.getByRole('button', { name: /提\s?交/ }).click();
  await expect(dialog).toHaveCount(0);

  const row = page.getByRole('row').filter({ hasText: '许昌市第二批众创空间备案申报（演练）' });
  await expect(row.getByText('草稿')).toBeVisible();
  // Times are Beijing time both ways.
  await expect(row.getByText('2027/03/01 09:00:00')).toBeVisible();
  await expect(row.getByText('2027/04/30 17:00:00')).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/calls-admin.png', fullPage: true });

  // Editing happens on the call's own page: the draft's form, a document uploaded from it.
  await row.getByRole('button', { name: /^编\s?辑$/ }).click();
  await expect(page).toHaveURL(/\/app\/calls-admin\/[0-9a-f-]{36}$/);
  const settings = page.locator('form#call-edit');
  await expect(settings.getByPlaceholder('开始日期')).toHaveValue('2027-03-01 09:00');
  await settings.getByLabel('标题').fill('许昌市第二批众创空间备案申报（演练稿）');
  const uploaded = page.waitForResponse((r) => r.url().endsWith('/api/files') && r.request().method() === 'POST');
  await settings.getByTestId('call-documents').locator('input[type=file]').setInputFiles({ name: '申报通知.pdf', mimeType: 'application/pdf', buffer: PDF });
  expect((await uploaded).status()).toBe(201);
  await expect(settings.getByTestId('call-documents')).toContainText('申报通知.pdf');
  await settings.getByRole('button', { name: '保存修改' }).click();
  await expect(page.getByTestId('call-title')).toHaveText('许昌市第二批众创空间备案申报（演练稿）');
  await expect(page.getByRole('link', { name: /申报通知\.pdf/ })).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/call-detail-draft.png', fullPage: true });
  await page.getByRole('button', { name: '返回申报批次列表' }).click();

  const edited = page.getByRole('row').filter({ hasText: '许昌市第二批众创空间备案申报（演练稿）' });
  await edited.getByRole('button', { name: /^发\s?布$/ }).click();
  await page.getByRole('dialog').getByRole('button', { name: /确\s?定/ }).click();
  await expect(edited.getByText('已发布')).toBeVisible();

  await edited.getByRole('button', { name: /^撤\s?销$/ }).click();
  await page.getByRole('dialog').getByLabel('撤销原因（必填）').fill('演练结束');
  await page.getByRole('dialog').getByRole('button', { name: /确\s?定/ }).click();
  await expect(edited.getByText('已撤销')).toBeVisible();
  expect(errors).toEqual([]);
});

test('the call page lists its applications by state', async ({ page }) => {
  const errors = collectErrors(page);
  // An open call of its own (the demo call stays for the dossier spec), and one application in it.
  const xc = await api('xc_admin');
  const DAY = 24 * 3600_000;
  const slots = (await xc.call('get', '/api/calls/default-slots?level=city')).items;
  const chainId = (await xc.call('get', '/api/chains/usable?level=city')).items.find((c: { key: string }) => c.key === 'xuchang_city').id;
  const created = await xc.call('post', '/api/calls', {
    title: '许昌市众创空间备案申报（申请情况演练）',
    level: 'city',
    year: 2026,
    opensAt: new Date(Date.now() - DAY).toISOString(),
    closesAt: new Date(Date.now() + 30 * DAY).toISOString(),
    eligibleCategories: ['regular', 'professional'],
    materialSlots: slots,
    chainId,
  });
  await xc.call('post', `/api/calls/${created.id}/publish`, { revision: created.revision });
  const op = await api('op_cg_admin');
  const open = (await op.call('get', '/api/calls/open')).items as { id: string; eligibleSpaces: { id: string; name: string }[] }[];
  const space = open.find((c) => c.id === created.id)!.eligibleSpaces[0]!;
  await op.call('post', '/api/applications', { callId: created.id, spaceId: space.id });

  await signIn(page, 'xc_admin');
  await page.getByRole('menuitem', { name: '申报批次管理' }).click();
  await page.getByRole('link', { name: '许昌市众创空间备案申报（申请情况演练）' }).click();
  await expect(page.getByTestId('call-status')).toHaveText('已发布');
  const states = page.getByTestId('call-application-states');
  await expect(states.getByTestId('state-draft')).toContainText('草稿 1 件');
  await expect(states.getByTestId('state-submitted')).toContainText('已提交 0 件');
  await states.getByTestId('state-submitted').click();
  await expect(page).toHaveURL(/status=submitted/);
  await expect(page.getByText('该批次在此状态下没有申请。')).toBeVisible();
  await states.getByTestId('state-draft').click();
  await expect(page.getByRole('row').filter({ hasText: space.name })).toContainText('长葛市');
  await page.screenshot({ path: 'test-results/screenshots/call-detail-applications.png', fullPage: true });
  // The filter is in the URL: a reload shows the same view.
  await page.reload();
  await expect(page.getByRole('row').filter({ hasText: space.name })).toBeVisible();
  await Promise.all([xc.ctx.dispose(), op.ctx.dispose()]);
  expect(errors).toEqual([]);
});

test('a recommending unit has no call management: no menu, no create button, and the server refuses', async ({ page }) => {
  const errors = collectErrors(page);
  await signIn(page, 'szgx_admin');
  await expect(sideMenu(page).filter({ hasText: '申报批次管理' })).toHaveCount(0);
  await page.goto('/app/calls-admin');
  await expect(page.getByText('无权访问')).toBeVisible();
  await expect(page.getByRole('button', { name: '新建申报批次' })).toHaveCount(0);
  const szgx = await api('szgx_admin');
  const csrf = (await szgx.ctx.storageState()).cookies.find((c) => c.name.endsWith('hatchery_csrf'))!.value;
  const before = (await szgx.call('get', '/api/calls?pageSize=100')).total;
  const refusedCreate = await szgx.ctx.post('/api/calls', {
    headers: { 'x-csrf-token': csrf },
    data: { title: '苏州高新区众创空间备案申报', level: 'city', year: 2026, opensAt: '2027-03-01T09:00:00+08:00', closesAt: '2027-04-30T17:00:00+08:00', eligibleCategories: ['regular'], materialSlots: [{ key: 'business_licence', name: '营业执照', required: true }] },
  });
  expect(refusedCreate.status()).toBe(403);
  expect((await szgx.call('get', '/api/calls?pageSize=100')).total).toBe(before);
  await szgx.ctx.dispose();
  expect(errors).toEqual([]);
});
