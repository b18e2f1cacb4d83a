import { expect, type Page } from '@playwright/test';

/** Every demo account's password (src/seed/demo.ts). */
export const DEMO_PASSWORD = 'Demo@2026';

/**
 * Collects everything the page reports as an error: console errors (React, failed requests) and
 * uncaught exceptions. Tests assert the list is empty, or equals exactly the failures they provoke.
 */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`${m.text()} @ ${m.location().url}`);
  });
  page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
  return errors;
}

/** The browser's own log line for a request the server refused, as collectErrors records it. */
export const refused = (status: number, path: string) =>
  expect.stringMatching(new RegExp(`^Failed to load resource: the server responded with a status of ${status}\\b.* @ http://[^/]+${path.replace(/[.?*+^$()[\]\\|{}]/g, '\\$&')}$`));

/** Fills and submits the sign-in form, returning once the server has answered. */
export async function fillLogin(page: Page, username: string, password = DEMO_PASSWORD) {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  const answered = page.waitForResponse((r) => r.url().endsWith('/api/auth/login'));
  await page.getByRole('button', { name: /登\s?录$/ }).click();
  await answered;
}

/** Signs in through the form and waits for the workspace. */
export async function signIn(page: Page, username: string, password = DEMO_PASSWORD) {
  await page.goto('/login');
  await fillLogin(page, username, password);
  await expect(page.getByTestId('current-user')).toBeVisible();
}

export const sideMenu = (page: Page) => page.getByRole('navigation', { name: '导航菜单' }).getByRole('menuitem');

/** Types a code into Ant Design's six-cell one-time-code input, replacing what is there. */
export async function fillOtp(page: Page, code: string) {
  const cells = page.locator('.ant-otp input');
  await expect(cells).toHaveCount(code.length);
  for (const [i, digit] of [...code].entries()) await cells.nth(i).fill(digit);
}
