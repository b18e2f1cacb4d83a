import { expect } from '@playwright/test';
import { collectErrors, signIn, test } from './helpers';

/**
 * The service platform where it shows (issue 15): an authority opens its jurisdiction's platform
 * statistics from the menu, reads the charts and switches one to its table; an operator lands on the
 * workbench with its space desk, whose cards open the pages where the work is done.
 */
test('an authority opens the platform statistics and switches a chart to its table', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = collectErrors(page);
  await signIn(page, 'xc_admin');
  await page.getByRole('menuitem', { name: '服务平台统计' }).click();
  await expect(page).toHaveURL(/\/app\/platform-stats/);
  await expect(page.getByTestId('platform-stats')).toContainText('许昌市');
  for (const id of ['chart-utilisation', 'chart-top-resources', 'chart-services', 'chart-coaching']) await expect(page.getByTestId(id)).toBeVisible();
  const utilisation = page.getByTestId('chart-utilisation');
  await utilisation.getByText('表格').click();
  const table = page.getByTestId('table-utilisation');
  await expect(table).toBeVisible();
  await expect(table.getByRole('row')).toHaveCount(13);
  await expect(table).toContainText('12月');
  await page.getByTestId('chart-services').getByText('表格').click();
  await expect(page.getByTestId('table-services')).toContainText('服务收入（元）');
  // The export is the same tables as a workbook.
  const download = page.waitForEvent('download');
  await page.getByTestId('stats-export').click();
  expect((await download).suggestedFilename()).toMatch(/^许昌市\d{4}年服务平台统计\.xlsx$/);
  expect(errors).toEqual([]);
});

test('an operator’s workbench shows its space desk; a card opens its page; the menu has no statistics', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = collectErrors(page);
  await signIn(page, 'op_cg_admin');
  const desk = page.getByTestId('space-desk');
  await expect(desk).toContainText('今日预约');
  await expect(desk).toContainText('进行中的服务订单');
  await expect(desk).toContainText('本月导师辅导');
  await expect(page.getByRole('menuitem', { name: '服务平台统计' })).toHaveCount(0);
  await page.getByTestId('desk-approvals').click();
  await expect(page).toHaveURL(/\/app\/resources\?tab=approvals/);
  expect(errors).toEqual([]);
});
