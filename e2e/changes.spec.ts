import fs from 'node:fs';
import { expect as baseExpect } from '@playwright/test';
import { collectErrors, signIn, test } from './helpers';

// Browser suites share two cores: pages of a busy server answer slower than the default 5 s.
const expect = baseExpect.configure({ timeout: 20_000 });

fs.mkdirSync('test-results/screenshots', { recursive: true });
test.use({ viewport: { width: 1366, height: 768 } });

/**
 * 变更报告 with the lived-in demo (src/seed/history-changes.ts): the operator sees its approved and
 * its late report; 沈阳市科技局 finds the late one in its list and judges it in the review split
 * view with the fields before → after and the evidence beside the checklist.
 */
test('an operator sees its change reports and the recommending unit reviews the late one', async ({ page }) => {
  const errors = collectErrors(page);
  await signIn(page, 'sy_huakang', '/app/changes');
  const rows = page.locator('.ant-table-tbody tr.ant-table-row');
  await expect(rows).toHaveCount(2);
  await expect(page.getByTestId('change-late')).toHaveCount(1);
  await expect(page.getByText('已批准变更')).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/changes-operator.png' });
  await rows.filter({ has: page.getByTestId('change-late') }).getByRole('link').click();
  await expect(page.getByTestId('change-material')).toContainText('生物医药产业园');
  await expect(page.getByText('已批准的变更记录')).toBeVisible();
  // The approved report was returned once: its second round added the appointment letter.
  await page.goBack();
  await rows.filter({ hasNot: page.getByTestId('change-late') }).getByRole('link').click();
  await expect(page.getByTestId('round-diffs')).toContainText('负责人任命文件（盖章）.pdf');
  await expect(page.getByTestId('round-diffs')).toContainText('第 1 轮 → 第 2 轮');

  await page.context().clearCookies();
  await signIn(page, 'sy_reviewer', '/app/changes?late=true');
  await expect(rows).toHaveCount(1);
  // The filter lives in the address: a reload keeps it, and the filter bar shows it.
  await page.reload();
  await expect(rows).toHaveCount(1);
  await expect(page.locator('form[id="change-reports-filters"]')).toContainText('逾期报告');
  const id = (await rows.first().getByRole('link').getAttribute('href'))!.split('/').pop()!;
  await page.goto(`/app/review/${id}`);
  await expect(page.getByTestId('dossier-panel').getByTestId('change-material')).toContainText('场地');
  await page.screenshot({ path: 'test-results/screenshots/changes-review.png' });
  expect(errors).toEqual([]);
});
