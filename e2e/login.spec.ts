import { expect } from '@playwright/test';
import { stepOf, totpAt } from '../src/modules/identity/totp.ts';
import { collectErrors, fillLogin, fillOtp, refused, signInWithForm, test } from './helpers';

test('a wrong password is refused with a clear message', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/login');
  await page.getByRole('button', { name: /登\s?录$/ }).click();
  await expect(page.getByText('请输入用户名')).toBeVisible();
  await expect(page.getByText('请输入密码')).toBeVisible();

  await fillLogin(page, 'most_reviewer', 'wrong-password');
  await expect(page.getByRole('alert')).toContainText('用户名或密码错误');
  await expect(page).toHaveURL(/\/login$/);
  expect(errors).toEqual([refused(401, '/api/auth/login')]);
});

test('repeated failures lock the account; a locked account answers like a wrong password', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/login');
  // LOGIN_MAX_FAILURES is 5: the fifth wrong password locks the account (one no other spec file uses,
  // as they may run meanwhile).
  for (let i = 1; i <= 5; i++) {
    await fillLogin(page, 'sz_admin', `wrong-${i}`);
    await expect(page.getByRole('alert')).toContainText('用户名或密码错误');
  }
  // Even the right password is refused while the lock runs, with the same words: the lock does not
  // tell a stranger that the username exists.
  await fillLogin(page, 'sz_admin');
  await expect(page.getByRole('alert')).toContainText('用户名或密码错误');
  await expect(page).toHaveURL(/\/login$/);
  expect(errors).toEqual(Array(6).fill(refused(401, '/api/auth/login')));
});

test('a signed-out visit to the workspace returns there after signing in; sign-out ends the session and the unread-count poll', async ({ page }) => {
  const errors = collectErrors(page);
  // The header's first unread-count request is held until after sign-out, as a busy server would:
  // sent under the session and answered after its end, it would be a third 401. Sign-out aborts it.
  let holding!: () => void;
  const held = new Promise<void>((resolve) => (holding = resolve));
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/notifications/unread-count', async (route) => {
    holding();
    await released;
    await route.continue().catch(() => undefined); // aborted by the page meanwhile
  });
  const afterSignOut: string[] = [];
  let signedOut = false;
  page.on('request', (r) => signedOut && afterSignOut.push(new URL(r.url()).pathname));
  // The poll's minute passes at once below.
  await page.clock.install();
  await page.goto('/app/profile');
  await expect(page).toHaveURL(/\/login\?next=%2Fapp%2Fprofile$/);
  await fillLogin(page, 'sy_reviewer');
  await expect(page).toHaveURL(/\/app\/profile$/);
  await expect(page.getByText('沈阳市科技局审核员').first()).toBeVisible();
  await held;

  signedOut = true;
  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page).toHaveURL(/\/login$/);
  release();
  await page.clock.fastForward('02:00');
  expect(afterSignOut.filter((path) => path.startsWith('/api/notifications'))).toEqual([]);
  await page.goto('/app');
  await expect(page).toHaveURL(/\/login\?next=%2Fapp$/);
  // The only refusals are the two "not signed in" answers of /api/me.
  expect(errors).toEqual([refused(401, '/api/me'), refused(401, '/api/me')]);
});

test('enrolling a one-time code makes sign-in ask for it', async ({ page }) => {
  const errors = collectErrors(page);
  // A Jiangsu expert: the 辽宁 experts score in the review journey (review.spec.ts) without a second factor.
  await signInWithForm(page, 'expert_zhou');
  await page.getByRole('menuitem', { name: '个人设置' }).click();
  await page.getByRole('button', { name: '开始绑定' }).click();
  const secret = (await page.getByTestId('totp-secret').textContent())!.trim();
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  // Authenticator apps scan the QR code; the secret is there for typing in by hand.
  await expect(page.getByTestId('totp-qr')).toBeVisible();
  await expect(page.getByText(`otpauth://totp/Hatchery%3Aexpert_zhou?secret=${secret}`)).toBeVisible();

  await page.getByRole('button', { name: '确认绑定' }).click();
  await expect(page.getByText('请输入 6 位数字验证码')).toBeVisible();
  await fillOtp(page, totpAt(secret, stepOf(new Date())));
  await page.getByRole('button', { name: '确认绑定' }).click();
  await expect(page.getByText('动态验证码已绑定')).toBeVisible();
  await expect(page.getByText('已绑定', { exact: true })).toBeVisible();

  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await fillLogin(page, 'expert_zhou');
  await expect(page.getByText('请打开身份验证器应用')).toBeVisible();
  await fillOtp(page, '000000');
  await page.getByRole('button', { name: /验\s?证$/ }).click();
  await expect(page.getByRole('alert').filter({ hasText: '动态验证码错误' })).toBeVisible();
  // Each code works once, so sign-in uses the next time step (the server accepts one step of drift).
  await fillOtp(page, totpAt(secret, stepOf(new Date()) + 1));
  await page.getByRole('button', { name: /验\s?证$/ }).click();
  await expect(page.getByTestId('current-user')).toContainText('周教授');
  expect(errors).toEqual([refused(401, '/api/auth/mfa')]);
});

test('when the session ends under an open page, the next request leads to the sign-in page', async ({ page, context }) => {
  const errors = collectErrors(page);
  // The landing workbench's own request ends first: refused after the cookie is gone, it would send
  // the page to the sign-in before the click below (next=/app/workbench).
  const workbench = page.waitForResponse((r) => r.url().endsWith('/api/workbench'));
  await signInWithForm(page, 'dl_admin');
  await workbench;
  await context.clearCookies({ name: 'hatchery_session' });
  await page.getByRole('menuitem', { name: '通知' }).click();
  await expect(page).toHaveURL(/\/login\?next=%2Fapp%2Fnotifications$/);
  // The refused list (and badge) requests, then /api/me confirming the session is gone.
  expect(errors).toContainEqual(refused(401, '/api/me'));
  for (const e of errors) expect(e).toMatch(/status of 401 .* @ http:\/\/[^/]+\/api\/(me|notifications\b)/);
});
