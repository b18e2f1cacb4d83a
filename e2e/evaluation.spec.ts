import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { collectErrors, refused, signIn } from './helpers';

/** The toolbar's buttons, not the confirmation's (names end with the icon's label first). */
const SAVE = /(^|\s)保\s?存$/;
const PUBLISH = /(^|\s)发\s?布$/;
const LIAONING = '辽宁省专业化众创空间2026年度评价方案';

fs.mkdirSync('test-results/screenshots', { recursive: true });

test('an authority clones the evaluation scheme, edits an indicator (the server names a bad field), publishes and previews it', async ({ page }) => {
  const errors = collectErrors(page);
  await signIn(page, 'ln_admin');
  await page.getByRole('menuitem', { name: '统计评价' }).click();
  await expect(page.getByRole('link', { name: LIAONING })).toBeVisible();
  await page.getByRole('link', { name: LIAONING }).click();

  // The shipped version reads in words, marks the platform's own numbers, and cannot be edited.
  await expect(page.getByTestId('scoring-mentors')).toHaveText('不足1人不得分；达到1人得2分，每增加1人加0.5分，最高6分');
  await expect(page.getByTestId('item-survival_s1')).toContainText('平台数据：入孵一年存活率 S(1)');
  await expect(page.getByTestId('platform-choice').first()).toBeVisible();
  await expect(page.getByTestId('bands')).toContainText('不超过参评空间的 10%');
  await expect(page.getByRole('button', { name: SAVE })).toHaveCount(0);

  await page.getByRole('button', { name: '复制为本辖区草稿' }).click();
  await page.getByRole('dialog').getByRole('button', { name: /确\s?定/ }).click();
  await expect(page.getByText(`已复制为草稿“${LIAONING}”`)).toBeVisible();
  await expect(page.getByRole('button', { name: SAVE })).toBeVisible();

  // A cap below the base points: nothing is saved and the server's message sits under the cap.
  await page.getByLabel('行业导师 封顶分').fill('1');
  await page.getByRole('button', { name: SAVE }).click();
  await expect(page.getByTestId('scheme-errors')).toContainText('行业导师：封顶分不能低于基础分');
  await expect(page.getByTestId('item-mentors').locator('.ant-form-item-explain-error')).toHaveText('封顶分不能低于基础分');
  await page.getByLabel('行业导师 封顶分').fill('8');
  await page.getByRole('button', { name: SAVE }).click();
  await expect(page.getByText('已保存', { exact: true })).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/evaluation-draft.png', fullPage: true });

  await page.getByRole('button', { name: PUBLISH }).click();
  await page.getByRole('dialog').getByRole('button', { name: PUBLISH }).click();
  await expect(page.getByText('已发布为第 2 版')).toBeVisible();
  await expect(page.getByTestId('scoring-mentors')).toHaveText('不足1人不得分；达到1人得2分，每增加1人加0.5分，最高8分');

  expect(errors).toEqual([refused(400, `/api/evaluation/schemes/${page.url().split('/').at(-1)}`)]);
});
