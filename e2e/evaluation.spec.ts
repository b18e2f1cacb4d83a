import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { collectErrors, refused, signIn } from './helpers';

/** The toolbar's buttons, not the confirmation's (names end with the icon's label first). */
const SAVE = /(^|\s)保\s?存$/;
const PUBLISH = /(^|\s)发\s?布$/;
/** The demo's history: rounds of the years before this one, released with their grades. */
const YEAR = new Date().getFullYear();
const XUCHANG = '许昌市级众创空间2026年度评价方案（技术支撑类、投资驱动类、综合类）';

fs.mkdirSync('test-results/screenshots', { recursive: true });

test('an authority clones the evaluation scheme, edits an indicator (the server names a bad field), publishes and previews it', async ({ page }) => {
  const errors = collectErrors(page);
  test.setTimeout(240_000);
  await signIn(page, 'xc_admin');
  await page.getByRole('menuitem', { name: '统计评价' }).click();
  await expect(page.getByRole('link', { name: XUCHANG })).toBeVisible();
  await page.getByRole('link', { name: XUCHANG }).click();

  // The shipped version reads in words, marks the platform's own numbers, and cannot be edited.
  await expect(page.getByTestId('scoring-mentors')).toHaveText('不足3人不得分；达到3人得3分，每增加1人加0.5分，最高8分');
  await expect(page.getByTestId('item-workstations')).toContainText('统计报表：');
  await expect(page.getByTestId('platform-choice').first()).toBeVisible();
  await expect(page.getByTestId('bands')).toContainText('优秀');
  await expect(page.getByRole('button', { name: SAVE })).toHaveCount(0);

  await page.getByRole('button', { name: '复制为本辖区草稿' }).click();
  await page.getByRole('dialog').getByRole('button', { name: /确\s?定/ }).click();
  await expect(page.getByText(`已复制为草稿“${XUCHANG}”`)).toBeVisible();
  await expect(page.getByRole('button', { name: SAVE })).toBeVisible();
  const draftId = page.url().split('/').at(-1)!;

  // A cap below the base points: nothing is saved and the server's message sits under the cap.
  await page.getByLabel('创业导师 封顶分').fill('1');
  await page.getByRole('button', { name: SAVE }).click();
  await expect(page.getByTestId('scheme-errors')).toContainText('创业导师：封顶分不能低于基础分');
  await expect(page.getByTestId('item-mentors').locator('.ant-form-item-explain-error')).toHaveText('封顶分不能低于基础分');
  await page.getByLabel('创业导师 封顶分').fill('10');
  await page.getByRole('button', { name: SAVE }).click();
  await expect(page.getByText('已保存', { exact: true })).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/evaluation-draft.png', fullPage: true });

  await page.getByRole('button', { name: PUBLISH }).click();
  await page.getByRole('dialog').getByRole('button', { name: PUBLISH }).click();
  await expect(page.getByText('已发布为第 2 版')).toBeVisible();
  await expect(page.getByTestId('scoring-mentors')).toHaveText('不足3人不得分；达到3人得3分，每增加1人加0.5分，最高10分');

  // The preview scores last year's accepted returns of 许昌's spaces: grades as a chart, every point explained.
  await page.getByRole('tab', { name: '预览' }).click();
  await expect(page.getByText(/共试算 \d+ 个空间（\d{4} 年度数据）/)).toBeVisible();
  await expect(page.getByTestId('preview-distribution').locator('canvas')).toBeVisible();
  await page.getByRole('button', { name: '展开行' }).first().click();
  await expect(page.locator('[data-testid^="explanation-"]').first()).toContainText(/工位 \d+ 个：达到50得5分，每增加1个加0\.1分/);
  await page.screenshot({ path: 'test-results/screenshots/evaluation-preview.png', fullPage: true });

  // Last year's round: its published grades as a chart, every point of a space explained.
  await page.getByRole('menuitem', { name: '年度评价' }).click();
  await page.getByRole('link', { name: `许昌市${YEAR - 1}年度众创空间评价` }).click();
  await expect(page.getByTestId('round-distribution').locator('canvas')).toBeVisible();
  await expect(page.locator('[data-grade]').first()).toBeVisible();
  await page.getByRole('button', { name: '展开行' }).first().click();
  await expect(page.locator('[data-testid^="entry-explanation-"]').first()).toContainText(/评为/);
  await page.screenshot({ path: 'test-results/screenshots/evaluation-round.png', fullPage: true });

  expect(errors).toEqual([refused(400, `/api/evaluation/schemes/${draftId}`)]);
});

test("an operator sees its spaces' evaluations: last year's grade explained, this year's summary to write", async ({ page }) => {
  const errors = collectErrors(page);
  await signIn(page, 'cg_zhineng');
  await page.getByRole('menuitem', { name: '年度评价' }).click();
  await page.getByRole('row', { name: new RegExp(`${YEAR - 1}年度`) }).first().getByRole('link').click();
  await expect(page.getByText('评价结果')).toBeVisible();
  await expect(page.getByTestId('my-explanation')).toContainText('评为');
  await page.getByRole('link', { name: /返回年度评价/ }).click();
  await page.getByRole('row', { name: new RegExp(`${YEAR}年度`) }).first().getByRole('link').click();
  await expect(page.getByText('年度工作总结')).toBeVisible();
  await expect(page.getByLabel('基本情况')).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/evaluation-operator.png', fullPage: true });
  expect(errors).toEqual([]);
});
