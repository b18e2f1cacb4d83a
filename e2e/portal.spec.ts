import { expect, type Page } from '@playwright/test';
import { collectErrors, test } from './helpers';

/** This year's 许昌 call of the demo (titled with the year in Beijing time); last year's is closed. */
const YEAR = new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date());
const XUCHANG_CALL = new RegExp(`许昌市${YEAR}年度众创空间备案申报`);

test('the portal home opens without signing in, lists the published calls, and has a sign-in button', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: '众创空间备案与服务平台' })).toBeVisible();
  await expect(page.getByRole('heading', { name: '申报批次' })).toBeVisible();
  // This year's call is open; last year's (the demo history's) is listed beside it, closed.
  await expect(page.getByTestId('public-calls').getByRole('link', { name: XUCHANG_CALL })).toBeVisible();
  await expect(page.getByTestId('public-calls').getByText('申报中').first()).toBeVisible();
  // The newest notices and filing lists, each list with its 文号. Which ones they are depends on what
  // the specs running beside this one publish; the demo history's are checked in test/demo-seed.test.ts.
  await expect(page.getByRole('heading', { level: 2, name: '公示公告' })).toBeVisible();
  await expect(page.getByTestId('latest-notices').getByRole('link', { name: /公示$/ }).first()).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: '备案名单' })).toBeVisible();
  const lists = page.getByTestId('latest-filing-lists');
  await expect(lists.getByRole('link').first()).toBeVisible();
  await expect(lists.getByText(/〔\d{4}〕\d+号/).first()).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: '政策文件' })).toBeVisible();
  // The demo's policy library: the latest published policies, the newest being the support rules 辽宁 and 沈阳 grant under (history-supports.ts).
  await expect(page.getByTestId('public-policies').getByRole('link', { name: '辽宁省众创空间奖补实施细则' })).toBeVisible();
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
  await expect(page.getByRole('heading', { level: 2, name: 'Policy documents' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en-US');
  await expect(page).toHaveTitle('Maker Space Filing and Service Platform');

  await page.getByRole('button', { name: 'Sign in' }).click();
  // The sign-in page itself, not the portal's button of the same name: a switch clicked while the
  // portal is being replaced may land on nothing.
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByLabel('Username')).toBeVisible();
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

test('a call title on the home page opens the public call page: guide, conditions in words, materials, window, documents, how to apply', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/');
  const title = page.getByTestId('public-calls').getByRole('link', { name: XUCHANG_CALL });
  const name = (await title.textContent())!;
  await title.click();
  await expect(page).toHaveURL(/\/portal\/calls\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page.getByTestId('call-window')).toContainText(/正在受理申报，截止时间为 \d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}（北京时间）/);
  await expect(page.getByTestId('call-period')).toContainText('（北京时间）');
  await expect(page.getByText('许昌市科学技术局').first()).toBeVisible();
  // The pinned rule set's conditions, as the criteria pages word them.
  const conditions = page.getByTestId('call-conditions');
  await expect(conditions.getByRole('heading', { name: '备案条件' })).toBeVisible();
  expect(await conditions.locator('[data-testid^="condition-"]').count()).toBeGreaterThan(3);
  await expect(conditions.getByTestId('requirement').first()).toHaveText(/\S/);
  await expect(page.getByTestId('call-materials').getByText('必交').first()).toBeVisible();
  await expect(page.getByTestId('call-stages').getByRole('heading', { name: '审核流程' })).toBeVisible();
  const howTo = page.getByTestId('call-how-to-apply');
  await expect(howTo.getByText('登记众创空间')).toBeVisible();
  await howTo.getByRole('button', { name: '注册账号' }).click();
  await expect(page).toHaveURL(/\/register$/);
  expect(errors).toEqual([]);
});

test('the header leads to every portal section; the call list filters by level and state through the address', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/');
  const nav = page.getByRole('navigation', { name: '门户栏目' });
  await expect(nav.getByRole('menuitem')).toHaveText(['首页', '申报批次', '公示公告', '备案名单', '空间名录', '活动登记', '政策文件', '扶持公示', '众包任务', '路演与大赛', '统计数据']);
  await expect(page.getByTestId('portal-footer')).toContainText('运营单位：众创空间备案与服务平台开源项目');

  await nav.getByRole('link', { name: '申报批次' }).click();
  await expect(page).toHaveURL(/\/portal\/calls$/);
  await expect(page.getByRole('heading', { level: 1, name: '申报批次' })).toBeVisible();
  const list = page.getByTestId('portal-calls');
  await expect(list.getByRole('link', { name: XUCHANG_CALL })).toBeVisible();
  await expect(list.getByRole('link', { name: /辽宁/ }).first()).toBeVisible();

  await page.getByTestId('filter-level').click();
  await page.locator('.ant-select-item-option').filter({ hasText: '市级' }).click();
  await expect(page).toHaveURL(/level=city/);
  await expect(list.getByRole('link', { name: XUCHANG_CALL })).toBeVisible();
  await expect(list.getByRole('link', { name: /辽宁/ })).toHaveCount(0);
  await page.goto('/portal/calls?state=upcoming&level=national');
  await expect(list.getByText('没有符合筛选条件的申报批次')).toBeVisible();
  await list.getByRole('button', { name: '清除筛选条件' }).click();
  await expect(page).toHaveURL(/\/portal\/calls$/);
  await expect(list.getByRole('link', { name: XUCHANG_CALL })).toBeVisible();

  await nav.getByRole('link', { name: '公示公告' }).click();
  await expect(page).toHaveURL(/\/portal\/notices$/);
  await expect(nav.getByRole('menuitem', { name: '公示公告' })).toHaveClass(/selected/);
  await nav.getByRole('link', { name: '备案名单' }).click();
  await expect(page).toHaveURL(/\/portal\/filing-lists$/);
  await nav.getByRole('link', { name: '首页' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('heading', { level: 1, name: '众创空间备案与服务平台' })).toBeVisible();
  expect(errors).toEqual([]);
});

test.describe('on a 390 px phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  /** Nothing wider than the screen, and the site's name on one line. */
  async function fitsTheScreen(page: Page) {
    const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
    expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
  }

  test('the portal home and a call page fit the screen; the sections sit in a menu', async ({ page }, testInfo) => {
    const errors = collectErrors(page);
    await page.goto('/');
    const h1 = page.getByRole('heading', { level: 1, name: '众创空间备案与服务平台' });
    await expect(h1).toBeVisible();
    await expect(page.getByTestId('public-calls').getByRole('link').first()).toBeVisible();
    const lines = await h1.evaluate((el) => el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight));
    expect(lines).toBeLessThan(1.5);
    await fitsTheScreen(page);
    await page.screenshot({ path: testInfo.outputPath('portal-home-390.png'), fullPage: true });

    await page.getByRole('button', { name: '导航菜单' }).click();
    await page.getByRole('navigation', { name: '门户栏目' }).getByRole('link', { name: '申报批次' }).click();
    await expect(page).toHaveURL(/\/portal\/calls$/);
    await fitsTheScreen(page);
    await page.getByTestId('portal-calls').getByRole('link', { name: XUCHANG_CALL }).click();
    await expect(page.getByTestId('call-conditions')).toBeVisible();
    await fitsTheScreen(page);
    await page.screenshot({ path: testInfo.outputPath('portal-call-390.png'), fullPage: true });
    expect(errors).toEqual([]);
  });
});
