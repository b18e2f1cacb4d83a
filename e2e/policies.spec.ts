import { expect, test } from '@playwright/test';
import { collectErrors } from './helpers';

test('signed out, a visitor searches the policy library in Chinese and opens a policy with its metadata, support items and interpretation', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/');
  // The portal home's 政策文件 box lists the latest published policies and links the library.
  await expect(page.getByRole('heading', { level: 2, name: '政策文件' })).toBeVisible();
  await page.getByTestId('public-policies').getByRole('link', { name: /查看全部 \d+ 件政策文件/ }).click();
  await expect(page).toHaveURL(/\/portal\/policies$/);
  await expect(page.getByRole('heading', { level: 1, name: '政策文件库' })).toBeVisible();

  // A two-character term finds the 许昌 guide; a 发文字号 finds the State Council's opinion.
  await page.getByRole('searchbox', { name: '检索' }).fill('许昌');
  await page.getByRole('button', { name: /^检\s?索$/ }).click();
  await expect(page).toHaveURL(/q=/);
  const results = page.getByTestId('policy-results');
  await expect(results.getByRole('link', { name: '许昌市发展众创空间工作指引（试行）' })).toBeVisible();
  await expect(results.getByText('失效')).toBeVisible();
  await expect(results.getByText('共 1 件')).toBeVisible();

  await page.getByRole('searchbox', { name: '检索' }).fill('国办发〔2016〕7号');
  await page.getByRole('button', { name: /^检\s?索$/ }).click();
  const opinion = results.getByRole('link', { name: '国务院办公厅关于加快众创空间发展服务实体经济转型升级的指导意见', exact: true });
  await expect(opinion).toBeVisible();
  await opinion.click();

  await expect(page).toHaveURL(/\/portal\/policies\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('policy-title')).toHaveText('国务院办公厅关于加快众创空间发展服务实体经济转型升级的指导意见');
  const meta = page.getByTestId('policy-metadata');
  await expect(meta.getByText('国务院办公厅', { exact: true })).toBeVisible();
  await expect(meta.getByText('国办发〔2016〕7号')).toBeVisible();
  await expect(meta.getByText('2016-02-14', { exact: true })).toBeVisible();
  await expect(meta.getByText('2016-02-18', { exact: true })).toBeVisible();
  await expect(page.getByTestId('policy-body')).toContainText('促进众创空间专业化发展');
  await expect(page.getByTestId('policy-support-items')).toContainText('研发费用税前加计扣除');
  // Its interpretation opens from the page, and links back.
  await page.getByTestId('policy-interpretations').getByRole('link', { name: /解读$/ }).click();
  await expect(page.getByText('本文是以下政策文件的解读：')).toBeVisible();
  expect(errors).toEqual([]);
});
