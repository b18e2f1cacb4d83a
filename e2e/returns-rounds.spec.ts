import { expect as baseExpect } from '@playwright/test';
import { collectErrors, signIn, test } from './helpers';

// Browser suites share two cores: pages of a busy server answer slower than the default 5 s.
const expect = baseExpect.configure({ timeout: 20_000 });

/**
 * 年度统计 for the authority, on the lived-in demo (src/seed/history-returns.ts): last year's 许昌
 * round holds the two accepted returns of 长葛 and 禹州; its row opens to the progress by region and
 * the accepted figures, drawn with the catalogue's unit and copied from the table view.
 */
test('the city follows a round by region and reads its accepted figures in the catalogue unit', async ({ page }) => {
  const errors = collectErrors(page);
  await page.setViewportSize({ width: 1366, height: 768 });
  await signIn(page, 'xc_admin');
  await page.getByRole('menuitem', { name: '年度统计' }).click();
  const accepted = page.getByRole('row').filter({ has: page.getByTestId('round-accepted-xlsx') });
  await expect(accepted).toHaveCount(1);
  await accepted.locator('.ant-table-row-expand-icon').click();
  const figures = page.getByTestId('round-figures');
  await expect(figures.locator('canvas')).toBeVisible();
  // The first key indicator by default; then 总收入, money shown in 千元 as entered.
  await expect(figures.getByLabel('指标')).toBeVisible();
  await figures.locator('.ant-select').click();
  // The list is long (and drawn only where it scrolls to): search it, as a user would.
  await page.keyboard.type('总收入');
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '总收入（千元）' }).click();
  await figures.getByText('表格').click();
  await expect(figures.getByRole('columnheader', { name: '合计（千元）' })).toBeVisible();
  const rows = figures.locator('.ant-table-tbody tr.ant-table-row');
  await expect(rows).toHaveCount(2);
  // figures(1) and figures(2) of the seed: 4,200 and 8,400 千元.
  await expect(rows.filter({ hasText: '长葛' })).toContainText('4200');
  await expect(rows.filter({ hasText: '禹州' })).toContainText('8400');
  await page.screenshot({ path: 'test-results/screenshots/returns-round-figures.png', fullPage: true });
  expect(errors).toEqual([]);
});
