import { expect, test } from '@playwright/test';
import { collectErrors } from './helpers';

test('the portal home opens without signing in, lists the published calls, and has a sign-in button', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: '众创空间备案与服务平台' })).toBeVisible();
  await expect(page.getByRole('heading', { name: '申报批次' })).toBeVisible();
  // This year's call is open; last year's (the demo history's) is listed beside it, closed.
  await expect(page.getByTestId('public-calls').getByText(/许昌市\d{4}年度众创空间备案申报/).filter({ hasText: '申报中' })).toBeVisible();
  await expect(page.getByTestId('public-calls').getByText('申报中').first()).toBeVisible();
  // The demo's history (src/seed/history.ts): 沈阳's running notice, and last year's 许昌 list with its 文号.
  await expect(page.getByRole('heading', { level: 2, name: '公示公告' })).toBeVisible();
  await expect(page.getByRole('link', { name: /^沈阳市\d{4}年第二批专业化众创空间备案申报材料审查结果公示$/ })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: '备案名单' })).toBeVisible();
  await expect(page.getByRole('link', { name: /^许昌市\d{4}年度众创空间备案名单$/ })).toBeVisible();
  await expect(page.getByText(/许科〔\d{4}〕36号/)).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: '政策文件' })).toBeVisible();
  await expect(page.getByText('暂无政策文件')).toBeVisible();
  await page.getByRole('button', { name: /登\s?录$/ }).click();
  await expect(page).toHaveURL(/\/login$/);
  expect(errors).toEqual([]);
});

test('the English switch persists across a reload and can be switched back', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Maker Space Filing and Service Platform' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Maker Space Filing and Service Platform' })).toBeVisible();
  await expect(page.getByText('No policy documents yet')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en-US');
  await expect(page).toHaveTitle('Maker Space Filing and Service Platform');

  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await page.getByRole('button', { name: '中文' }).click();
  await expect(page.getByText('用户登录')).toBeVisible();
  await page.reload();
  await expect(page.getByText('用户登录')).toBeVisible();
  expect(errors).toEqual([]);
});

test('an unknown address shows the 404 page', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/no-such-page');
  await expect(page.getByText('页面不存在', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: '返回首页' }).click();
  await expect(page).toHaveURL(/\/$/);
  expect(errors).toEqual([]);
});
