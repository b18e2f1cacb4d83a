import fs from 'node:fs';
import { expect as baseExpect, type Page } from '@playwright/test';
import { COMPLETE_BASIC_INFO, COMPLETE_REPORT } from '../src/modules/applications/fixtures.test-helper';
import { CHAINS } from '../src/shared/chains';
import { apiSession as api, type ApiSession as Api, collectErrors, copySpace, signIn, test } from './helpers';

const COUNTY = CHAINS.xuchang_city.stages[0]!;
const LIAONING_FIRST = CHAINS.liaoning_province.stages[0]!;

// Seven browser suites share two cores: pages of a busy server answer slower than the default 5 s.
const expect = baseExpect.configure({ timeout: 20_000 });

fs.mkdirSync('test-results/screenshots', { recursive: true });
test.use({ viewport: { width: 1366, height: 768 } });


/**
 * A new space copied from the operator's demo space (a space applies once per call; the other specs
 * use the demo space itself) applies to the chain's open call with a complete dossier and submits.
 */
async function submitNew(op: Api, chain: 'xuchang_city' | 'liaoning_province', name: (demo: string) => string): Promise<{ id: string; space: string }> {
  const open = (await op.call('get', '/api/calls/open')).items as { id: string; chain: { key: string; shipped: boolean } | null; materialSlots: { key: string; name: string; required: boolean }[]; eligibleSpaces: { id: string }[] }[];
  const call = open.find((c) => c.chain?.shipped && c.chain.key === chain)!;
  const space = await copySpace(op, call.eligibleSpaces[0]!.id, name);
  const created = await op.call('post', '/api/applications', { callId: call.id, spaceId: space.id });
  const app = await op.call('get', `/api/applications/${created.id}`);
  await op.call('put', `/api/applications/${created.id}/dossier`, { revision: app.revision, basicInfo: { ...COMPLETE_BASIC_INFO, spaceName: space.name, operatorName: app.basicInfo.operatorName }, report: COMPLETE_REPORT });
  for (const slot of call.materialSlots.filter((s) => s.required)) await op.call('post', `/api/applications/${created.id}/attachments`, { slotKey: slot.key, fileId: await op.upload(`${slot.name}.pdf`) });
  await op.call('post', `/api/applications/${created.id}/commitment/confirm`, {});
  const saved = await op.call('get', `/api/applications/${created.id}`);
  expect(saved.missing, JSON.stringify(saved.missing)).toEqual([]);
  await op.call('post', `/api/applications/${created.id}/submit`, { revision: saved.revision });
  return { id: created.id, space: space.name };
}

async function fillChecklist(page: Page, items: readonly { key: string; label: string }[]) {
  for (const item of items) {
    await page.getByTestId(`checklist-verdict-${item.key}`).click();
    await page.locator('.ant-select-dropdown:visible').getByTitle('符合', { exact: true }).click();
    await page.getByTestId(`checklist-note-${item.key}`).fill(`已核查：${item.label}`);
  }
}

const columnHeader = (page: Page, text: string) => page.locator('.ant-table-thead th').filter({ hasText: new RegExp(`^${text}$`) }).first();

/** The page is not wider than the 1366 px window (no horizontal scrolling of the main content). */
async function expectNoHorizontalOverflow(page: Page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(1366);
}

test('the reviewer judges from the split view: reads the dossier, previews a PDF, passes, returns and rejects without leaving the page', async ({ page }) => {
  test.setTimeout(300_000);
  const op = await api('op_cg_admin');
  let n = 0;
  const next = () => submitNew(op, 'xuchang_city', (demo) => `${demo}分屏${Date.now() % 100000}-${++n}号`);
  const [toPass, toReturn, toReject] = [await next(), await next(), await next()];

  const errors = collectErrors(page);
  await signIn(page, 'cg_reviewer');

  // The queue: every column in view at 1366 px, without scrolling the table.
  await page.goto('/app/review');
  await expect(page.getByRole('link', { name: toPass.space })).toBeVisible({ timeout: 45_000 });
  for (const header of ['众创空间', '申报批次', '当前环节', '办理期限', '提交轮次', '自评结果', '状态', '操作']) {
    const box = await columnHeader(page, header).boundingBox();
    expect(box, header).not.toBeNull();
    expect(box!.x, header).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width, header).toBeLessThanOrEqual(1366);
  }
  await expectNoHorizontalOverflow(page);
  await page.screenshot({ path: 'test-results/screenshots/review-queue-1366.png' });
  // Sorting by a column asks the server for that order.
  const sorted = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/review/queue' && new URL(r.url()).searchParams.get('sort') === 'round');
  await columnHeader(page, '提交轮次').click();
  await sorted;

  // The split view: dossier on the left, read-only, the checklist on the right.
  await page.getByRole('link', { name: toPass.space }).click();
  const url = new RegExp(`/app/review/${toPass.id}$`);
  await expect(page).toHaveURL(url);
  await expect(page.getByTestId('dossier-basic-info')).toContainText(toPass.space, { timeout: 20_000 });
  await expect(page.getByTestId('dossier-basic-info')).toContainText('138****0001');
  await expect(page.getByTestId('dossier-panel').locator('input, textarea')).toHaveCount(0);
  await page.getByRole('tab', { name: '申报书' }).click();
  await expect(page.getByTestId('dossier-report')).toContainText('空间现状');
  await page.getByRole('tab', { name: '自评明细' }).click();
  await expect(page.getByTestId('dossier-assessment').or(page.getByText('本批次未配置规则集'))).toBeVisible();
  await page.getByRole('tab', { name: /附件/ }).click();
  const firstPreview = page.getByTestId('dossier-attachments').getByRole('button', { name: '预览' }).first();
  const previewAnswer = page.waitForResponse((r) => /\/api\/applications\/[^/]+\/files\/[^/]+\/preview$/.test(new URL(r.url()).pathname));
  await firstPreview.click();
  const answer = await previewAnswer;
  expect(answer.status()).toBe(200);
  expect(answer.headers()['content-type']).toBe('application/pdf');
  expect(answer.headers()['content-disposition']).toMatch(/^inline;/);
  await expect(page.getByTestId('file-preview').locator('iframe')).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/review-split-preview.png' });
  await page.getByRole('tab', { name: '历次审核' }).click();
  await expect(page.getByTestId('dossier-events')).toContainText('提交申请');
  await expectNoHorizontalOverflow(page);

  // Pass: the checklist, the opinion, then a confirmation; the page stays and shows the next stage.
  await fillChecklist(page, COUNTY.checklist);
  await page.getByLabel('审核意见').fill('材料齐全，符合条件');
  await page.getByTestId('review-pass').click();
  await expect(page.locator('.ant-modal-confirm-title')).toHaveText('确认通过“县级初审”？');
  await page.getByTestId('review-pass-confirm').click();
  await expect(page.getByText('已通过，申请进入下一环节')).toBeVisible();
  await expect(page).toHaveURL(url);
  await page.getByRole('tab', { name: '历次审核' }).click();
  await expect(page.getByTestId('dossier-panel')).toContainText('材料齐全，符合条件');

  // Return: the comment form is sent with Enter; the URL does not change.
  await page.goto(`/app/review/${toReturn.id}`);
  const returnUrl = page.url();
  await page.getByTestId('review-return').click();
  await page.getByTestId('return-field-0').locator('input').fill('basicInfo.mentors');
  await page.getByTestId('return-comment-0').fill('请按导师聘书核实导师人数');
  const due = page.getByTestId('return-due');
  await due.click();
  await due.fill('2030-12-31 18:00:00');
  await due.press('Enter');
  await page.getByTestId('return-note').fill('创业导师人数与聘书不符，请核实后补充');
  await page.getByTestId('return-note').press('Enter');
  await expect(page.getByText('已退回申请人修改')).toBeVisible();
  expect(page.url()).toBe(returnUrl);
  await expect(page.getByTestId('application-status').first()).toHaveText('退回修改');

  // Reject: a reason is required; Enter with an empty reason sends nothing.
  await page.goto(`/app/review/${toReject.id}`);
  const rejectUrl = page.url();
  await page.getByTestId('review-reject').click();
  await page.getByTestId('reject-note').press('Enter');
  await expect(page.getByText('请填写（至少 2 个字）')).toBeVisible();
  await page.getByTestId('reject-note').fill('场地证明材料系伪造，不符合备案条件');
  await page.getByTestId('review-reject-confirm').click();
  await expect(page.getByText('已作出不予通过的决定')).toBeVisible();
  expect(page.url()).toBe(rejectUrl);
  await expect(page.getByTestId('application-status').first()).toHaveText('未通过');
  await page.screenshot({ path: 'test-results/screenshots/review-split-rejected.png' });
  expect(errors).toEqual([]);
});

test('a reviewer at a notice stage reads the material and is told the admin publishes, instead of a page where nothing can be done', async ({ page }) => {
  test.setTimeout(200_000);
  const op = await api('op_robot_admin');
  const app = await submitNew(op, 'liaoning_province', (demo) => demo.replace('专业化众创空间', `公示${Date.now() % 100000}号专业化众创空间`));
  const reviewer = await api('sy_reviewer');
  await reviewer.call('post', `/api/review/applications/${app.id}/pass`, {
    stageKey: LIAONING_FIRST.key,
    checklist: LIAONING_FIRST.checklist.map((c) => ({ key: c.key, verdict: 'ok', note: `已核查：${c.label}` })),
    note: '材料真实，同意通过',
  });

  const errors = collectErrors(page);
  await signIn(page, 'sy_reviewer', '/app/review');
  const row = page.getByRole('row').filter({ hasText: app.space });
  await row.getByRole('link', { name: '查看材料' }).click({ timeout: 45_000 });
  await expect(page).toHaveURL(new RegExp(`/app/review/${app.id}$`));
  await expect(page.getByTestId('notice-read-only')).toContainText('公示由本部门管理员发布', { timeout: 20_000 });
  await expect(page.getByTestId('review-pass')).toHaveCount(0);
  await expect(page.getByTestId('dossier-basic-info')).toContainText(app.space);

  // 公示管理 itself says who acts there.
  await page.goto('/app/notices');
  await expect(page.getByTestId('notices-read-only')).toContainText('由本部门管理员办理', { timeout: 20_000 });
  await expect(page.getByTestId('notice-create')).toHaveCount(0);
  expect(errors).toEqual([]);
});
