import { expect } from '@playwright/test';
import { collectErrors, refused, signIn, test } from './helpers';

/**
 * The decisions page reads its candidates a page at a time; the admin releases the ticked rows of
 * the page or all pending decisions of the stage, confirming the count the page shows. When the
 * stage's pending count changed meanwhile, the server refuses (409) and the page says so and reloads.
 */
test('the admin chooses all pending decisions of the stage; a changed count is refused in plain words', async ({ page }) => {
  const errors = collectErrors(page);
  await signIn(page, 'xc_admin', '/app/decisions');
  await page.getByTestId('decision-call').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: /许昌市\d{4}年度众创空间备案申报/ }).first().click();
  const all = page.getByTestId('select-all-matching');
  await expect(all).toBeVisible();
  const count = Number(/\d+/.exec((await all.textContent()) ?? '')![0]);
  await all.click();
  await expect(page.getByTestId('selection-bar')).toContainText(`已选择全部 ${count} 项`);
  await page.getByTestId('decision-release').click();
  await expect(page.getByTestId('release-all-summary')).toContainText(`全部 ${count} 条`);

  // Someone recorded another decision meanwhile: the server counts again and refuses.
  let sent: unknown;
  await page.route('**/api/decisions/release', async (route) => {
    sent = route.request().postDataJSON();
    await route.fulfill({
      status: 409,
      contentType: 'application/json',
      body: JSON.stringify({ error: { code: 'COUNT_CHANGED', message: '符合条件的事项现有 9 项，与您确认的 1 项不一致', messageEn: 'changed', requestId: 'e2e' } }),
    });
  });
  await page.getByLabel('名单标题').fill('许昌市众创空间备案名单（全部）');
  await page.getByLabel('文号').fill('许科〔2026〕88号');
  await page.getByLabel('发文日期').fill('2026-11-22');
  await page.getByLabel('发文日期').press('Enter');
  await page.getByTestId('decision-release-confirm').click();
  await expect(page.getByText('符合条件的数量已发生变化，本次操作未执行。列表已刷新，请核对后重新确认。')).toBeVisible();
  await expect(page.getByTestId('release-all-summary')).toHaveCount(0);
  expect(sent).toMatchObject({ all: true, expectedCount: count });
  expect(sent).not.toHaveProperty('decisionIds');
  expect(errors).toEqual([refused(409, '/api/decisions/release')]);
});
