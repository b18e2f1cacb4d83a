import { test as base, expect, type Page, request as playwrightRequest } from '@playwright/test';

/**
 * Playwright's test, closing what a test opened itself. Contexts and pages a test opens from
 * `browser` (a second signed-in user, a visitor) belong to the worker's browser, not to the test:
 * left open they lived until the worker ended, dozens by the end of a run, each still polling the
 * server and rendering, and a failure's screenshots showed every one of them.
 */
export const test = base.extend<{ closeOpenedContexts: void }>({
  closeOpenedContexts: [
    async ({ browser }, use) => {
      const before = new Set(browser.contexts());
      await use();
      await Promise.all(browser.contexts().filter((c) => !before.has(c)).map((c) => c.close()));
    },
    { auto: true },
  ],
});

/** Which run of the test this is, from 1: a retry (CI retries a failure once) or a repeat counts on. */
export const attempt = () => test.info().retry + test.info().repeatEachIndex + 1;

/**
 * A name of this run of the test. A retried test records its things again, and the first run's
 * (in whatever state it left them) must not be found in their place; the first run keeps the name.
 */
export const ofAttempt = (name: string) => (attempt() > 1 ? `${name}（第${attempt()}次）` : name);

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

/** Signs in through the form and waits for the workspace: for the specs about signing in itself. */
export async function signInWithForm(page: Page, username: string, password = DEMO_PASSWORD) {
  await page.goto('/login');
  await fillLogin(page, username, password);
  await expect(page.getByTestId('current-user')).toBeVisible();
}

/** The CSRF token the server set in the page's browser context (the cookie a real page sends back). */
async function csrfOf(page: Page): Promise<string> {
  const cookie = (await page.context().cookies()).find((c) => c.name.endsWith('hatchery_csrf'));
  expect(cookie, 'GET /api/auth/csrf set no CSRF cookie').toBeDefined();
  return cookie!.value;
}

/**
 * Signs the page's browser context in through the API (`page.request` shares its cookies) without
 * opening a page. The sign-in form has its own specs (login.spec.ts); loading and rendering it before
 * every test cost seconds of browser CPU each. For accounts without a second factor: one with TOTP is
 * refused here.
 */
export async function signInThroughApi(page: Page, username: string, password = DEMO_PASSWORD) {
  await page.request.get('/api/auth/csrf');
  const login = await page.request.post('/api/auth/login', { headers: { 'x-csrf-token': await csrfOf(page) }, data: { username, password } });
  expect(login.status(), await login.text()).toBe(200);
  expect((await login.json()).mfaRequired, `${username} has a second factor: use signInWithForm and fillOtp`).toBeFalsy();
}

/** Signs in through the API, then opens `path` (the workspace's landing page unless told) and waits for it. */
export async function signIn(page: Page, username: string, path = '/app', password = DEMO_PASSWORD) {
  await signInThroughApi(page, username, password);
  await page.goto(path);
  // The first page of a freshly started server may take a while on a busy machine.
  await expect(page.getByTestId('current-user')).toBeVisible({ timeout: 30_000 });
}

export const sideMenu = (page: Page) => page.getByRole('navigation', { name: '导航菜单' }).getByRole('menuitem');

/** Types a code into Ant Design's six-cell one-time-code input, replacing what is there. */
export async function fillOtp(page: Page, code: string) {
  const cells = page.locator('.ant-otp input');
  await expect(cells).toHaveCount(code.length);
  for (const [i, digit] of [...code].entries()) await cells.nth(i).fill(digit);
}

/** A minimal valid one-page PDF (the server checks magic bytes; Chromium's viewer renders it). */
export const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);

/**
 * A session signed in through the API, for the steps a test does not drive through pages (they have
 * their own specs): `call` sends JSON with the CSRF token and expects a 2xx, `upload` stores a PDF.
 */
export async function apiSession(username: string, password = DEMO_PASSWORD) {
  const ctx = await playwrightRequest.newContext({ baseURL: test.info().project.use.baseURL });
  await ctx.get('/api/auth/csrf');
  const csrf = async () => (await ctx.storageState()).cookies.find((c) => c.name.endsWith('hatchery_csrf'))!.value;
  const login = await ctx.post('/api/auth/login', { headers: { 'x-csrf-token': await csrf() }, data: { username, password } });
  expect(login.status(), await login.text()).toBe(200);
  const call = async (method: 'post' | 'put' | 'get', url: string, data?: unknown) => {
    const res = await ctx[method](url, method === 'get' ? {} : { headers: { 'x-csrf-token': await csrf() }, data });
    expect(res.status(), `${method} ${url}: ${await res.text()}`).toBeLessThan(300);
    return res.json();
  };
  const upload = async (name: string) => {
    const res = await ctx.post('/api/files', { headers: { 'x-csrf-token': await csrf() }, multipart: { file: { name, mimeType: 'application/pdf', buffer: PDF } } });
    expect(res.status(), await res.text()).toBe(201);
    return (await res.json()).id as string;
  };
  return { ctx, call, upload };
}
export type ApiSession = Awaited<ReturnType<typeof apiSession>>;

/**
 * A new space of the operator, copied from one of its spaces under another name. A space applies
 * once per call, and spec files may run at the same time: a spec that submits or edits an
 * application applies with a space of its own rather than with a demo space another spec uses.
 */
export async function copySpace(op: ApiSession, spaceId: string, name: (original: string) => string): Promise<{ id: string; name: string }> {
  const original = await op.call('get', `/api/spaces/${spaceId}`);
  return op.call('post', '/api/spaces', {
    name: name(original.name),
    category: original.category,
    regularType: original.regularType,
    industry: original.industry,
    subField: original.subField,
    regionCode: original.regionCode,
    hostIds: original.hosts.map((h: { id: string }) => h.id),
    managementSystems: original.managementSystems,
  });
}
