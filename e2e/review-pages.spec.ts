import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { collectErrors, signIn } from './helpers';

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
    await signIn(page, p.username);
    await page.goto(p.path);
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
