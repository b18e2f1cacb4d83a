import fs from 'node:fs';
import { expect as baseExpect, type Page } from '@playwright/test';
import { collectErrors, signInThroughApi, test } from './helpers';

// A dozen roles in a row on a shared machine: the first page of each may take a while to arrive.
const expect = baseExpect.configure({ timeout: 20_000 });

/**
 * Every demo role (one account each; the city admin also for its notices' objections) lands on its workbench (issue 11): its to-dos or the empty state, the newest
 * notifications, for authorities their jurisdiction's figures and charts; never a placeholder, no
 * horizontal scrolling at the two office screen sizes. The assertions hold for the plain demo (open
 * calls, no applications yet) and for a lived-in one: cards or the empty state, never exact counts.
 */
const ROLES: { username: string; authority: boolean }[] = [
  { username: 'op_robot_admin', authority: false },
  { username: 'op_univ_staff', authority: false },
  { username: 'sy_reviewer', authority: true },
  { username: 'sy_admin', authority: true },
  { username: 'ln_admin', authority: true },
  { username: 'most_admin', authority: true },
  { username: 'szgx_admin', authority: false },
  { username: 'js_intake', authority: false },
  { username: 'expert_wang', authority: false },
  { username: 'sysadmin', authority: false },
  { username: 'secadmin', authority: false },
  { username: 'auditadmin', authority: false },
  { username: 'maker_chen', authority: false },
];

const VIEWPORTS = [
  { width: 1366, height: 768 },
  { width: 1440, height: 900 },
];

fs.mkdirSync('test-results/screenshots', { recursive: true });

/** The main content never scrolls sideways. */
async function noHorizontalScroll(page: Page) {
  const overflow = await page.evaluate(() => document.scrollingElement!.scrollWidth - document.scrollingElement!.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

test.describe.configure({ timeout: 150_000 });

// One sign-in per role: the same page is then checked at both office screen sizes.
for (const role of ROLES) {
  test(`${role.username} lands on a workbench with its to-dos or an empty state, at ${VIEWPORTS.map((v) => v.width).join(' and ')} px`, async ({ page }, testInfo) => {
    const errors = collectErrors(page);
    // Each size opens the workspace itself: the landing page after signing in would be a third load.
    await signInThroughApi(page, role.username);
    for (const viewport of VIEWPORTS) {
      await page.setViewportSize(viewport);
      await page.goto('/app');
      await expect(page).toHaveURL(/\/app\/workbench$/);
      await expect(page.getByRole('menuitem', { name: '工作台' })).toHaveClass(/ant-menu-item-selected/);
      await expect(page.getByTestId('workbench')).toBeVisible();

      // To-do cards, or the empty state saying so, never both.
      const cards = page.getByTestId('todo-card');
      await expect(cards.or(page.getByTestId('todos-empty')).first()).toBeVisible();
      if ((await cards.count()) > 0) {
        await expect(page.getByTestId('todos-empty')).toHaveCount(0);
        for (const count of await page.getByTestId('todo-count').allTextContents()) expect(Number(count)).toBeGreaterThan(0);
      } else {
        await expect(page.getByText('今天没有待办事项')).toBeVisible();
      }
      await expect(page.getByTestId('recent-notifications')).toBeVisible();

      if (role.authority) {
        await expect(page.getByTestId('jurisdiction-figures')).toBeVisible();
        await expect(page.getByTestId('chart-spaces').locator('canvas')).toBeVisible();
        await expect(page.getByTestId('chart-applications').locator('canvas').or(page.getByText('本辖区今年尚无申请')).first()).toBeVisible();
        // The figures as a table, one click away.
        await page.getByTestId('chart-spaces').getByText('表格').click();
        await expect(page.getByTestId('chart-spaces').getByRole('cell', { name: '已登记' })).toBeVisible();
      } else {
        await expect(page.getByTestId('jurisdiction-figures')).toHaveCount(0);
      }

      await expect(page.getByText('建设中')).toHaveCount(0);
      await expect(page.locator('.ant-spin-spinning')).toHaveCount(0);
      await noHorizontalScroll(page);
      // Kept as CI artifacts: in test-results and attached to the report.
      const shot = await page.screenshot({ fullPage: true, path: `test-results/screenshots/workbench-${role.username}-${viewport.width}.png` });
      await testInfo.attach(`workbench-${role.username}-${viewport.width}`, { body: shot, contentType: 'image/png' });
    }

    // The first card opens a page the user may see.
    const cards = page.getByTestId('todo-card');
    if ((await cards.count()) > 0) {
      await cards.first().getByRole('link', { name: '查看全部' }).click();
      await expect(page).not.toHaveURL(/\/app\/workbench$/);
      await expect(page.getByText('无权访问')).toHaveCount(0);
      await expect(page.getByText('页面不存在')).toHaveCount(0);
    }
    expect(errors).toEqual([]);
  });
}
