import { expect } from '@playwright/test';
import { collectErrors, signIn, test } from './helpers';

/**
 * 数据看板 (issue 17): a province's administrator opens the dashboard from the menu, sees the tile
 * grid and the charts, switches the regions' chart to its table and drills into a city by its row;
 * the public reads the statistics page without signing in.
 */
test('a province admin opens 数据看板, switches a chart to its table and drills into a city', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = collectErrors(page);
  await signIn(page, 'ln_admin');
  await page.getByRole('menuitem', { name: '数据看板' }).click();
  await expect(page).toHaveURL(/\/app\/dashboard/);
  const dashboard = page.getByTestId('dashboard');
  await expect(dashboard).toBeVisible();
  await expect(page.getByTestId('dashboard-trail')).toHaveText('辽宁省');
  // The tile grid lights 辽宁 alone, with its filed spaces.
  const grid = page.getByTestId('province-tile-grid');
  await expect(grid.getByRole('listitem')).toHaveCount(34);
  await expect(grid.locator('[data-code="210000"]')).not.toHaveAttribute('data-value', '');
  await expect(grid.locator('[data-code="320000"]')).toHaveAttribute('data-value', '');
  for (const id of ['chart-groups', 'chart-filed', 'chart-states', 'chart-indicators', 'chart-supports', 'chart-survival', 'chart-startup-survival']) await expect(page.getByTestId(id)).toBeVisible();
  await expect(page.getByTestId('chart-groups').locator('canvas').first()).toBeVisible();

  await page.getByTestId('chart-groups').getByText('表格').click();
  const table = page.getByTestId('table-groups');
  await expect(table).toBeVisible();
  await expect(table).toContainText('大连市');
  await table.getByRole('row').filter({ hasText: '沈阳市' }).click();
  await expect(page).toHaveURL(/region=210100/);
  await expect(page.getByTestId('dashboard-trail')).toHaveText(/辽宁省\s*\/\s*沈阳市/);
  await page.getByTestId('chart-groups').getByText('表格').click();
  await expect(page.getByTestId('table-groups')).toContainText('浑南区');
  // The breadcrumb leads back up.
  await page.getByTestId('dashboard-trail').getByText('辽宁省').click();
  await expect(page).toHaveURL(/region=210000/);

  const download = page.waitForEvent('download');
  await page.getByTestId('dashboard-export').click();
  expect((await download).suggestedFilename()).toMatch(/^辽宁省\d{4}年数据看板\.xlsx$/);
  expect(errors).toEqual([]);
});

test('a city admin reads its spaces’ startup survival by entry year, with the formula', async ({ page }) => {
  const errors = collectErrors(page);
  await signIn(page, 'xc_admin', '/app/dashboard');
  const card = page.getByTestId('chart-startup-survival');
  await expect(card.locator('canvas').first()).toBeVisible();
  await card.getByText('表格').click();
  // The demo rosters of 许昌's three spaces: cohorts whose Y+1 has ended show S(1) with the survivors.
  await expect(card.getByTestId('table-startup-survival').locator('.ant-table-tbody tr.ant-table-row').first()).toContainText(/\d+(\.\d)?%（\d+）/);
  await expect(card).toContainText('毕业、迁出');
  expect(errors).toEqual([]);
});

test('a city admin reads the incubation chain’s flows, the move 众创空间 → 孵化器, and drills into a county', async ({ page }) => {
  const errors = collectErrors(page);
  // The demo's 许昌 rosters: leavers of two years ago's cohort, and enterprises of 长葛智能装备
  // (众创空间) entering 禹州青年创业园 (孵化器) last year, both spaces in 许昌.
  const lastYear = Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4)) - 1;
  await signIn(page, 'xc_admin', `/app/dashboard?year=${lastYear}`);
  const card = page.getByTestId('chart-chain-flows');
  await expect(card).toContainText('孵化链条流向');
  await expect(card.locator('canvas').first()).toBeVisible();
  await card.getByText('表格').click();
  const years = card.getByTestId('table-chain-flows');
  await expect(years.getByRole('row').filter({ hasText: String(lastYear) })).toBeVisible();
  await expect(card.getByTestId('table-chain-moves').getByRole('row').filter({ hasText: '众创空间' }).filter({ hasText: '孵化器' }).filter({ hasText: '辖区内流转' }).first()).toBeVisible();
  const groups = card.getByTestId('table-chain-groups');
  await expect(groups).toContainText('长葛市');
  await groups.getByText('禹州市', { exact: true }).click();
  await expect(page).toHaveURL(/region=411081/);
  await expect(page.getByTestId('dashboard-trail')).toHaveText(/许昌市\s*\/\s*禹州市/);
  const county = page.getByTestId('chart-chain-flows');
  await county.getByText('表格').click();
  await expect(county.getByTestId('table-chain-groups')).toContainText('禹州青年创业园众创空间');
  // Seen from 禹州, the move came in from outside it.
  await expect(county.getByTestId('table-chain-moves').getByRole('row').filter({ hasText: '流入辖区' }).first()).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/dashboard-chain-flows.png', fullPage: true });
  expect(errors).toEqual([]);
});

test('the public statistics page shows the totals by province and year with a CSV', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/portal/statistics');
  await page.getByRole('navigation', { name: '门户栏目' }).getByRole('link', { name: '统计数据' }).click();
  await expect(page.getByRole('heading', { name: '统计数据' })).toBeVisible();
  await expect(page.getByTestId('public-statistics')).toBeVisible();
  await expect(page.getByTestId('statistics-csv')).toHaveAttribute('href', '/api/portal/statistics.csv');
  expect(errors).toEqual([]);
});
