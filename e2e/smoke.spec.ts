import { expect, test } from '@playwright/test';

test('the portal home page opens without signing in', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto('/');
  await expect(page.getByRole('heading', { name: '众创空间备案与服务平台' })).toBeVisible();
  expect(errors).toEqual([]);
});
