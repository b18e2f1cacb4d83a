import fs from 'node:fs';
import { expect } from '@playwright/test';
import { apiSession, attempt, collectErrors, ofAttempt, signIn, test } from './helpers';

const SPACE = '长葛智能装备众创空间';
const OPERATOR = '长葛市智能装备创业服务有限公司';
const POLICY = '国务院办公厅关于加快众创空间发展服务实体经济转型升级的指导意见';
const PROJECT = '长葛智能装备众创空间中试线建设补助';
const checked = (key: string) => ({ key, verdict: 'ok', note: '已核对' });

fs.mkdirSync('test-results/screenshots', { recursive: true });

test('a city records a support through the form, puts it forward, and after the notice and decision it is on the public register', async ({ browser }) => {
  test.setTimeout(240_000);
  const project = ofAttempt(PROJECT);
  const invoice = `FP-2026-000${attempt()}`;
  const page = await browser.newPage();
  const errors = collectErrors(page);
  await signIn(page, 'xc_admin');
  await page.getByRole('menuitem', { name: '扶持登记' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '扶持登记' })).toBeVisible();

  // The form: the legal basis from the policy library, the space of the jurisdiction filling in its operator.
  await page.getByTestId('support-record').click();
  const dialog = page.locator('.ant-modal');
  await dialog.getByTestId('support-basis').click();
  await page.locator('.ant-cascader-menu-item').filter({ hasText: POLICY }).click();
  await page.locator('.ant-cascader-menu-item').filter({ hasText: '软硬件设施给予补助' }).click();
  await expect(dialog.getByTestId('support-category')).toHaveText('建设补助');
  await dialog.getByTestId('support-space').click();
  await page.keyboard.type('长葛智能');
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: SPACE }).click();
  await expect(dialog.getByLabel('受扶持单位', { exact: true })).toHaveValue(OPERATOR);
  // The credit code is checked as typed.
  const uscc = dialog.getByTestId('support-uscc');
  const operatorUscc = await uscc.inputValue();
  await uscc.fill(`${operatorUscc.slice(0, 17)}${operatorUscc[17] === '0' ? '1' : '0'}`);
  await expect(dialog.getByText('统一社会信用代码无效（18 位，校验位不符）')).toBeVisible();
  await uscc.fill(operatorUscc);
  await dialog.getByTestId('support-project').fill(project);
  await dialog.getByRole('textbox', { name: '扶持期间' }).click();
  await dialog.getByRole('textbox', { name: '扶持期间' }).fill('2026-01-01');
  await dialog.getByRole('textbox', { name: '结束日期' }).fill('2026-06-30');
  await dialog.getByRole('textbox', { name: '结束日期' }).press('Enter');
  await dialog.getByRole('combobox', { name: /发票号/ }).fill(invoice);
  await dialog.getByRole('combobox', { name: /发票号/ }).press('Enter');
  await dialog.getByRole('spinbutton', { name: '金额（元）' }).fill('150000');
  await dialog.getByRole('textbox', { name: '授予日期' }).fill('2026-07-15');
  await dialog.getByRole('textbox', { name: '授予日期' }).press('Enter');
  await dialog.getByRole('button', { name: /提\s?交/ }).click();
  await expect(page.locator('.ant-modal')).toHaveCount(0);

  // The draft is in the list; the admin ticks it and puts it forward for the notice.
  const row = page.getByRole('row').filter({ hasText: project });
  await expect(row.getByTestId('support-status')).toHaveText('草稿');
  await row.getByRole('checkbox').check();
  await page.getByTestId('support-propose').click();
  await expect(row.getByTestId('support-status')).toHaveText('公示流程中');
  await row.getByTestId('support-link').click();
  await expect(page.getByTestId('support-facts')).toContainText(invoice);
  await expect(page.getByTestId('support-amount-text')).toHaveText('¥150,000.00');
  await page.screenshot({ path: 'test-results/screenshots/support-detail.png', fullPage: true });
  const supportId = page.url().split('/').at(-1)!;

  // The reviewer's stage work shows the support it checks.
  const xc = await apiSession('xc_admin');
  const submissionId = (await xc.call('get', `/api/supports/${supportId}`)).submission.id as string;
  const reviewer = await browser.newPage();
  const reviewerErrors = collectErrors(reviewer);
  await signIn(reviewer, 'xc_reviewer', `/app/review/${submissionId}`);
  await expect(reviewer.getByTestId('support-record-link')).toHaveText(project, { timeout: 60_000 });
  await expect(reviewer.getByTestId('dossier-panel')).toContainText(invoice);

  // Check, notice and decision run through the API (they have their own tests).
  const xcReviewer = await apiSession('xc_reviewer');
  await xcReviewer.call('post', `/api/review/applications/${submissionId}/pass`, {
    stageKey: 'city_support_check',
    checklist: ['basis_checked', 'evidence_checked', 'duplicates_checked'].map(checked),
    note: '核对无误，拟公示',
  });
  const callId = (await xcReviewer.call('get', `/api/review/applications/${submissionId}`)).call.id as string;
  // The notice dialog proposes the usual seven days (004 §四.十四 扶持情况要上网公示); the notice itself goes through the API.
  await page.goto('/app/notices');
  await page.getByTestId('notice-create').click();
  const [from, to] = await page.locator('.ant-modal .ant-picker-range input').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
  const instant = (wall: string | undefined) => Date.parse(`${wall!.replace(' ', 'T')}:00+08:00`);
  expect(instant(to) - instant(from)).toBe(7 * 24 * 3600_000);
  expect(Math.abs(instant(from) - Date.now())).toBeLessThan(5 * 60_000);
  await page.keyboard.press('Escape');
  await xc.call('post', '/api/notices', {
    callId,
    stageKey: 'city_support_notice',
    applicationIds: [submissionId],
    title: '许昌市众创空间扶持情况公示',
    body: '以下扶持拟予公开。公示期内如有异议，请实名提出。',
    startsAt: new Date(Date.now() - 60_000).toISOString(),
    endsAt: new Date(Date.now() + 5_000).toISOString(),
  });
  await expect.poll(async () => (await xc.call('get', `/api/supports/${supportId}`)).submission.stageKey, { timeout: 90_000 }).toBe('city_support_decision');
  const decision = await xcReviewer.call('post', '/api/decisions', { applicationId: submissionId, stageKey: 'city_support_decision', outcome: 'approve', reason: '公示期满无异议', checklist: [checked('decision_basis')] });
  await xc.call('post', '/api/decisions/release', {
    callId,
    stageKey: 'city_support_decision',
    decisionIds: [decision.id],
    expectedCount: 1,
    title: '许昌市2026年众创空间扶持情况',
    documentNumber: '许科〔2026〕21号',
    issuedOn: '2026-12-04',
  });

  // The public register lists it, and the space's page shows it.
  const visitor = await browser.newPage();
  const visitorErrors = collectErrors(visitor);
  await visitor.goto('/');
  await visitor.getByRole('navigation', { name: '门户栏目' }).getByRole('link', { name: '扶持公示' }).click();
  await expect(visitor.getByRole('heading', { level: 1, name: '扶持公示' })).toBeVisible();
  const published = visitor.getByRole('row').filter({ hasText: project });
  await expect(published).toContainText(OPERATOR);
  await expect(published).toContainText('许昌市科学技术局');
  await expect(visitor.getByTestId('supports-export-csv')).toHaveAttribute('href', /\/api\/portal\/supports\/export\?.*format=csv/);
  await visitor.screenshot({ path: 'test-results/screenshots/support-public.png', fullPage: true });
  await published.getByRole('link', { name: SPACE }).click();
  await expect(visitor.getByTestId('space-supports')).toContainText(project);

  for (const e of [errors, reviewerErrors, visitorErrors]) expect(e).toEqual([]);
  for (const s of [xc, xcReviewer]) await s.ctx.dispose();
});

test('a county discloses its own support: the public notice and, after its decision, the register show it under the county’s name', async ({ browser }) => {
  test.setTimeout(180_000);
  const [cg, cgReviewer] = [await apiSession('cg_admin'), await apiSession('cg_reviewer')];
  const project = ofAttempt(`${SPACE}县级运营补助`);
  // The legal basis and the space as the form would pick them.
  const policyId = (await cg.call('get', `/api/public/policies?q=${encodeURIComponent(POLICY)}&kind=policy&validity=effective&page=1&pageSize=5`)).items[0].id as string;
  const item = (await cg.call('get', `/api/public/policies/${policyId}`)).supportItems[0] as { id: string; category: string };
  const space = (await cg.call('get', `/api/spaces?q=${encodeURIComponent('长葛智能')}&pageSize=5`)).items.find((s: { name: string }) => s.name === SPACE) as { id: string };
  const operatorUscc = (await cg.call('get', `/api/spaces/${space.id}`)).operator.uscc as string;
  const draft = await cgReviewer.call('post', '/api/supports', {
    policyId,
    supportItemId: item.id,
    category: item.category,
    beneficiaryUscc: operatorUscc,
    beneficiaryName: OPERATOR,
    beneficiaryRole: 'operator',
    spaceId: space.id,
    projectTitle: project,
    periodFrom: '2026-01-01',
    periodTo: '2026-06-30',
    amountYuan: 60000,
    grantedOn: '2026-07-20',
  });
  const submissionId = (await cg.call('post', '/api/supports/propose', { ids: [draft.id] })).items[0].submission.id as string;
  await cgReviewer.call('post', `/api/review/applications/${submissionId}/pass`, { stageKey: 'county_support_check', checklist: ['basis_checked', 'evidence_checked', 'duplicates_checked'].map(checked), note: '核对无误，拟公示' });
  const callId = (await cgReviewer.call('get', `/api/review/applications/${submissionId}`)).call.id as string;
  const notice = await cg.call('post', '/api/notices', {
    callId,
    stageKey: 'county_support_notice',
    applicationIds: [submissionId],
    title: '长葛市众创空间扶持情况公示',
    body: '以下扶持拟予公开。公示期内如有异议，请实名提出。',
    startsAt: new Date(Date.now() - 60_000).toISOString(),
    endsAt: new Date(Date.now() + 8_000).toISOString(),
  });

  // The public notice names the county and lists the space while it runs; the demo's own county notice is listed too.
  const visitor = await browser.newPage();
  const visitorErrors = collectErrors(visitor);
  await visitor.goto('/portal/notices');
  await expect(visitor.getByText(/长葛市\d{4}年众创空间建设补助拟支持项目公示/)).toBeVisible();
  await visitor.goto(`/portal/notices/${notice.id}`);
  await expect(visitor.getByRole('heading', { level: 1, name: '长葛市众创空间扶持情况公示' })).toBeVisible();
  await expect(visitor.getByText('长葛市科学技术局')).toBeVisible();
  await expect(visitor.getByRole('row').filter({ hasText: SPACE })).toBeVisible();

  await expect.poll(async () => (await cg.call('get', `/api/supports/${draft.id}`)).submission.stageKey, { timeout: 90_000 }).toBe('county_support_decision');
  const decision = await cgReviewer.call('post', '/api/decisions', { applicationId: submissionId, stageKey: 'county_support_decision', outcome: 'approve', reason: '公示期满无异议', checklist: [checked('decision_basis')] });
  await cg.call('post', '/api/decisions/release', { callId, stageKey: 'county_support_decision', decisionIds: [decision.id], expectedCount: 1, title: '长葛市2026年众创空间扶持情况', documentNumber: '长科〔2026〕8号', issuedOn: '2026-12-04' });

  await visitor.goto('/portal/supports');
  const published = visitor.getByRole('row').filter({ hasText: project });
  await expect(published).toContainText('长葛市科学技术局');
  await published.getByRole('link', { name: SPACE }).click();
  await expect(visitor.getByTestId('space-supports')).toContainText(project);
  expect(visitorErrors).toEqual([]);
  for (const s of [cg, cgReviewer]) await s.ctx.dispose();
});
