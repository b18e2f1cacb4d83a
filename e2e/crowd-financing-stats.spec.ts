import { expect } from '@playwright/test';
import { collectErrors, signIn, test } from './helpers';

/**
 * 众包与投融资统计 (issue 16): 许昌's authority reads its jurisdiction's funds and financing (长葛's
 * funds and the year's two investments; spaces without a financing service flagged) and exports it;
 * 辽宁's reads the crowd challenge of a filed 沈阳 space and drills from a space to a challenge's public page.
 */
test('an authority reads its jurisdiction’s funds and financing and exports them', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = collectErrors(page);
  await signIn(page, 'xc_admin');
  await page.getByRole('menuitem', { name: '众包与投融资统计' }).click();
  await expect(page).toHaveURL(/\/app\/crowd-financing-stats/);
  await page.getByRole('tab', { name: '基金与投融资' }).click();
  await expect(page.getByTestId('financing-totals')).toContainText('获得投资 2 笔，350 万元');
  const row = page.getByRole('row', { name: /长葛智能装备众创空间/ });
  await expect(row).toContainText('21,000');
  await expect(row).toContainText('已提供');
  const download = page.waitForEvent('download');
  await page.getByTestId('oversight-export').click();
  expect((await download).suggestedFilename()).toMatch(/^许昌市\d{4}年基金与投融资统计\.xlsx$/);
  expect(errors).toEqual([]);
});

test('an authority drills from a space’s crowd figures to a challenge’s public page', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = collectErrors(page);
  await signIn(page, 'ln_admin', '/app/crowd-financing-stats?tab=crowd');
  await expect(page.getByTestId('crowd-totals')).toContainText('共 1 个任务');
  const row = page.getByRole('row', { name: /沈阳浑南生物医药专业化众创空间/ });
  await row.getByRole('button').first().click();
  const link = page.getByRole('link', { name: 'CHO 细胞培养基国产化配方优化' });
  await expect(link).toHaveAttribute('href', /^\/portal\/crowd\/[0-9a-f-]{36}$/);
  expect(errors).toEqual([]);
});
