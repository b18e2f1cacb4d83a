import fs from 'node:fs';
import { expect, type Page } from '@playwright/test';
import { collectErrors, signIn, test } from './helpers';

fs.mkdirSync('test-results/screenshots', { recursive: true });

/**
 * Every page of the review chain opens for the role that uses it, in its empty or demo state,
 * without an error in the console (the journeys through them are in review.spec.ts and the API tests).
 */
const PAGES: { username: string; path: string; text: RegExp }[] = [
  { username: 'cg_reviewer', path: '/app/review', text: /审核任务/ },
  { username: 'sy_admin', path: '/app/notices', text: /公示/ },
  { username: 'nj_reviewer', path: '/app/recommendations', text: /推荐/ },
  { username: 'xc_admin', path: '/app/decisions', text: /审定/ },
  { username: 'ln_admin', path: '/app/expert-review', text: /专家评审/ },
  { username: 'js_admin', path: '/app/experts', text: /专家库/ },
  { username: 'expert_wang', path: '/app/my-reviews', text: /评审任务/ },
  { username: 'ln_reviewer', path: '/app/credit', text: /信用记录/ },
  { username: 'xc_admin', path: '/app/notification-templates', text: /消息模板/ },
];

for (const p of PAGES) {
  test(`${p.path} opens for ${p.username}`, async ({ page }) => {
    const errors = collectErrors(page);
    await signIn(page, p.username, p.path);
    await expect(page.getByText(p.text).first()).toBeVisible();
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: `test-results/screenshots/page-${p.path.split('/').at(-1)}.png`, fullPage: true });
    expect(errors).toEqual([]);
  });
}

test('the public notices and filing lists open without signing in', async ({ page }) => {
  const errors = collectErrors(page);
  for (const path of ['/portal/notices', '/portal/filing-lists']) {
    await page.goto(path);
    await expect(page.getByText(path.endsWith('notices') ? /公示/ : /备案名单/).first()).toBeVisible();
    await page.waitForLoadState('networkidle');
  }
  expect(errors).toEqual([]);
});

/** The call titles GET /api/stages/mine?kind= answers once `open` has run, one per call, in its order. */
async function stageCalls(page: Page, kind: string, open: () => Promise<unknown>): Promise<string[]> {
  const answer = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/stages/mine' && new URL(r.url()).searchParams.get('kind') === kind);
  await open();
  const { calls } = (await (await answer).json()) as { calls: { title: string }[] };
  return calls.map((c) => c.title);
}

const pickerOptions = (page: Page) => page.locator('.ant-select-dropdown:visible .ant-select-item-option');

/**
 * The stage pages take their calls and stages from the server (GET /api/stages/mine), which reads each
 * call's pinned chain version: the call picker offers exactly the calls it answers.
 */
const STAGE_PAGES = [
  { username: 'xc_admin', path: '/app/decisions', kind: 'decision', picker: 'decision-call', call: /许昌市\d{4}年度众创空间备案申报/ },
  { username: 'ln_admin', path: '/app/expert-review', kind: 'expert', picker: 'expert-call', call: /\d{4}年辽宁省专业化众创空间备案申报/ },
  { username: 'sy_reviewer', path: '/app/recommendations', kind: 'recommend', picker: 'recommendation-call', call: /\d{4}年辽宁省专业化众创空间备案申报/ },
];

for (const p of STAGE_PAGES) {
  test(`${p.path} offers the calls of GET /api/stages/mine?kind=${p.kind} to ${p.username}`, async ({ page }) => {
    const errors = collectErrors(page);
    await signIn(page, p.username);
    const titles = await stageCalls(page, p.kind, () => page.goto(p.path));
    expect(titles.some((title) => p.call.test(title)), titles.join(', ')).toBe(true);
    await page.getByTestId(p.picker).click();
    await expect(pickerOptions(page)).toHaveText(titles);
    expect(errors).toEqual([]);
  });
}

test("the notice dialog offers the calls whose notice stage the admin publishes, and the decision page the support disclosure", async ({ page }) => {
  const errors = collectErrors(page);
  await signIn(page, 'sy_admin', '/app/notices');
  const titles = await stageCalls(page, 'notice', () => page.getByTestId('notice-create').click());
  // The province's filing call, and the bureau's own standing call disclosing the supports it grants.
  expect([...titles].sort()).toEqual([expect.stringMatching(/\d{4}年辽宁省专业化众创空间备案申报/), '沈阳市扶持情况公示']);
  await page.getByTestId('notice-call').click();
  await expect(pickerOptions(page)).toHaveText(titles);
  await pickerOptions(page).filter({ hasText: /辽宁省专业化众创空间备案申报/ }).click();
  // The call has one notice stage: it is picked, no stage to choose, and its waiting applications are
  // listed (how many depends on the specs running beside this one).
  await expect(page.getByRole('dialog').getByRole('table')).toBeVisible();
  await expect(page.getByRole('dialog').getByRole('combobox', { name: '公示环节' })).toHaveCount(0);
  await page.keyboard.press('Escape');

  // Shenyang decides no filing (Liaoning's decision is the province's), only the disclosure of its own supports.
  expect(await stageCalls(page, 'decision', () => page.goto('/app/decisions'))).toEqual(['沈阳市扶持情况公示']);
  expect(errors).toEqual([]);
});

test('a decision page with no stage to work says so', async ({ page }) => {
  const errors = collectErrors(page);
  // 大连 decides no filing (the province does) and has disclosed no support of its own.
  await signIn(page, 'dl_admin');
  expect(await stageCalls(page, 'decision', () => page.goto('/app/decisions'))).toEqual([]);
  await expect(page.getByTestId('decision-nothing')).toContainText('已发布的申报批次中没有由您办理的审定环节');
  expect(errors).toEqual([]);
});
