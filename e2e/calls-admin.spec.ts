import { expect, test } from '@playwright/test';
import { collectErrors, signIn } from './helpers';

test('an authority admin creates a draft call with default materials, edits, publishes and cancels it', async ({ page }) => {
  const errors = collectErrors(page);
  await signIn(page, 'xc_admin');
  await page.getByRole('menuitem', { name: '申报批次管理' }).click();
  await page.getByRole('button', { name: '新建申报批次' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('标题').fill('许昌市第二批众创空间备案申报（演练）');
  await dialog.getByLabel('级别').click();
  await page.locator('.ant-select-item-option').filter({ hasText: '市级' }).click();
  // The level's default material list fills the slots editor.
  await expect(dialog.locator('input[value="business_licence"]')).toBeVisible();
  await expect(dialog.locator('input[value="applicant_commitment"]')).toBeVisible();
  const [opens, closes] = [dialog.getByPlaceholder('开始日期'), dialog.getByPlaceholder('结束日期')];
  await opens.click();
  await opens.fill('2027-03-01 09:00');
  await opens.press('Enter');
  await closes.fill('2027-04-30 17:00');
  await closes.press('Enter');
  await dialog.getByLabel('审核流程').click();
  await page.locator('.ant-select-item-option').filter({ hasText: '许昌市备案：' }).click();
  await dialog.getByRole('button', { name: /提\s?交/ }).click();
  await expect(dialog).toHaveCount(0);

  const row = page.getByRole('row').filter({ hasText: '许昌市第二批众创空间备案申报（演练）' });
  await expect(row.getByText('草稿')).toBeVisible();
  // Times are Beijing time both ways.
  await expect(row.getByText('2027/03/01 09:00:00')).toBeVisible();
  await expect(row.getByText('2027/04/30 17:00:00')).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/calls-admin.png', fullPage: true });

  await row.getByRole('button', { name: /^编\s?辑$/ }).click();
  await expect(dialog.getByPlaceholder('开始日期')).toHaveValue('2027-03-01 09:00');
  await dialog.getByLabel('标题').fill('许昌市第二批众创空间备案申报（演练稿）');
  await dialog.getByRole('button', { name: /提\s?交/ }).click();
  await expect(dialog).toHaveCount(0);

  const edited = page.getByRole('row').filter({ hasText: '许昌市第二批众创空间备案申报（演练稿）' });
  await edited.getByRole('button', { name: /^发\s?布$/ }).click();
  await page.getByRole('dialog').getByRole('button', { name: /确\s?定/ }).click();
  await expect(edited.getByText('已发布')).toBeVisible();

  await edited.getByRole('button', { name: /^撤\s?销$/ }).click();
  await page.getByRole('dialog').getByLabel('撤销原因（必填）').fill('演练结束');
  await page.getByRole('dialog').getByRole('button', { name: /确\s?定/ }).click();
  await expect(edited.getByText('已撤销')).toBeVisible();
  expect(errors).toEqual([]);
});
