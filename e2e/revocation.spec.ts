import fs from 'node:fs';
import { expect as baseExpect } from '@playwright/test';
import { collectErrors, signIn, test } from './helpers';

// Browser suites share two cores: pages of a busy server answer slower than the default 5 s.
const expect = baseExpect.configure({ timeout: 20_000 });

fs.mkdirSync('test-results/screenshots', { recursive: true });
test.use({ viewport: { width: 1366, height: 768 } });

/**
 * 动态管理 with the lived-in demo (src/seed/history-revocation.ts): 辽宁省科技厅 finds a revocation
 * proposal (two missed returns) in its workbench, opens it with its evidence, starts the revocation,
 * and opens the space's history; the public portal switches its lists to the 撤销名单.
 */
test('a province authority starts a revocation from a proposal and reads the space’s history', async ({ page }) => {
  const errors = collectErrors(page);
  await signIn(page, 'ln_admin', '/app/workbench');
  await page.locator('[data-testid="todo-card"][data-kind="revocation_proposals"] a[href^="/app/revocations/"]').first().click();
  await expect(page.getByTestId('evidence-ref')).toHaveCount(2);
  await expect(page.getByText('连续两次未报统计报表').first()).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/revocation-proposal.png' });
  await page.getByTestId('start-revocation').click();
  await page.getByTestId('revocation-text').fill('经核实，连续两个年度未报送统计报表');
  await page.getByRole('dialog').getByRole('button', { name: /确\s*定/ }).click();
  await expect(page.getByText('撤销程序办理中').first()).toBeVisible();
  await expect(page.getByTestId('start-revocation')).toHaveCount(0);

  await page.getByRole('link', { name: '历年档案' }).click();
  await expect(page.getByTestId('space-timeline')).toContainText('撤销建议：连续两次未按时报送统计报表');
  await expect(page.getByTestId('timeline-figures')).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/space-timeline.png' });

  await page.goto('/app/revocations?status=in_review');
  await expect(page.locator('.ant-table-tbody tr.ant-table-row')).toHaveCount(1);

  await page.goto('/portal/filing-lists');
  await page.getByTestId('list-kind').getByText('撤销名单').click();
  await expect(page).toHaveURL(/kind=revocation/);
  await expect(page.getByRole('heading', { name: '撤销名单' })).toBeVisible();
  expect(errors).toEqual([]);
});

/**
 * A city-filed space's title is the city's to cancel (003 第十条): 许昌's two-failing-years proposals
 * wait in 许昌市科技局's workbench, and its admin may start or dismiss them.
 */
test('a city authority finds its own spaces’ two-failing-years proposals and may act on them', async ({ page }) => {
  const errors = collectErrors(page);
  await signIn(page, 'xc_admin', '/app/workbench');
  await page.locator('[data-testid="todo-card"][data-kind="revocation_proposals"] a[href^="/app/revocations/"]').first().click();
  await expect(page.getByText('连续两年评价不合格').first()).toBeVisible();
  await expect(page.getByText('市级备案')).toBeVisible();
  await expect(page.getByTestId('evidence-ref')).toHaveCount(2);
  await expect(page.getByTestId('start-revocation')).toBeVisible();
  await expect(page.getByTestId('dismiss-proposal')).toBeVisible();
  expect(errors).toEqual([]);
});
