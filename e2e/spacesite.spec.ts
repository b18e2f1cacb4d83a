import { expect as baseExpect } from '@playwright/test';
import { collectErrors, signIn, test } from './helpers';

// Browser suites share two cores: pages of a busy server answer slower than the default 5 s.
const expect = baseExpect.configure({ timeout: 20_000 });

/** A filed 许昌 space of the demo history whose operator keeps its public page (src/seed/history-spacesite.ts). */
const SPACE = '长葛智能装备众创空间';
const SPACE_EN = 'Changge Intelligent Equipment Maker Space';

/**
 * Issue 16's public path: signed out, a visitor opens the directory of filed spaces, narrows it to
 * 河南省 › 许昌市 with the region cascader, opens a space's public page and reads it in English.
 */
test('a visitor filters the directory by region, opens a space’s page and switches it to English', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/');
  await page.getByRole('navigation', { name: '门户栏目' }).getByRole('link', { name: '空间名录' }).click();
  await expect(page).toHaveURL(/\/portal\/spaces$/);
  await expect(page.getByRole('heading', { level: 1, name: '众创空间名录' })).toBeVisible();
  const list = page.getByTestId('space-directory');
  await expect(list.getByRole('link', { name: SPACE })).toBeVisible();
  // The demo files spaces in 辽宁 too: the region filter leaves them out.
  await expect(list.getByRole('link', { name: /沈阳/ }).first()).toBeVisible();

  await page.getByTestId('filter-region').click();
  await page.getByRole('menuitemcheckbox', { name: '河南省' }).click();
  await page.getByRole('menuitemcheckbox', { name: '许昌市' }).click();
  await page.keyboard.press('Escape');
  await expect(page).toHaveURL(/region=411000/);
  await expect(list.getByRole('link', { name: /沈阳/ })).toHaveCount(0);
  await expect(list.getByRole('link', { name: SPACE })).toBeVisible();

  await list.getByRole('link', { name: SPACE }).click();
  await expect(page).toHaveURL(/\/portal\/spaces\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('space-name')).toHaveText(SPACE);
  await expect(page.getByRole('heading', { level: 2, name: '成功案例' })).toBeVisible();
  await expect(page.getByTestId('space-cases').getByText('伺服压装机团队完成天使轮融资')).toBeVisible();
  await expect(page.getByTestId('space-contact').getByText('0374-6112345')).toBeVisible();
  await expect(page.getByTestId('space-international').getByText(/Fraunhofer IWU/)).toBeVisible();
  // The activity record (登记和宣传) lists the space's held events from the events module.
  await expect(page.getByTestId('space-activities').getByText(/项目路演对接会$/)).toBeVisible();

  await page.getByTestId('space-lang').getByText('英文版').click();
  await expect(page).toHaveURL(/lang=en/);
  await expect(page.getByTestId('space-name')).toHaveText(SPACE_EN);
  await expect(page.getByRole('heading', { level: 2, name: 'Success cases' })).toBeVisible();
  await expect(page.getByTestId('space-cases').getByText('Servo press team raises an angel round')).toBeVisible();
  // A case without an English version falls back to its Chinese text.
  await expect(page.getByTestId('space-cases').getByText('毕业企业获评国家高新技术企业')).toBeVisible();
  expect(errors).toEqual([]);
});

/** The operator keeps the page: 长葛智能装备's admin changes its English name in 空间门户; the public page shows it at once. */
test('the operator edits the English name in 空间门户 and the public page shows it', async ({ page }) => {
  const errors = collectErrors(page);
  await signIn(page, 'cg_zhineng');
  await page.getByRole('navigation', { name: '导航菜单' }).getByRole('menuitem', { name: '空间门户' }).click();
  await expect(page).toHaveURL(/\/app\/space-site/);
  const form = page.getByTestId('site-form');
  const nameEn = form.getByLabel('英文名称');
  await expect(nameEn).toHaveValue(SPACE_EN);
  await nameEn.fill('Changge Smart Equipment Maker Space');
  // A personal mobile as the public phone is refused under the field, and nothing is saved.
  await form.getByLabel('联系电话（座机或服务热线）').fill('13912345678');
  await page.getByTestId('site-save').click();
  await expect(form.getByText(/不要填写个人手机号/)).toBeVisible();
  await form.getByLabel('联系电话（座机或服务热线）').fill('0374-6112345');
  await page.getByTestId('site-save').click();
  await expect(page.getByText('已保存，公开主页已更新')).toBeVisible();
  await page.getByRole('link', { name: '查看公开主页' }).click();
  await page.getByTestId('space-lang').getByText('英文版').click();
  await expect(page.getByTestId('space-name')).toHaveText('Changge Smart Equipment Maker Space');
  expect(errors).toEqual([expect.stringMatching(/status of 400\b.*\/api\/spacesite\/[0-9a-f-]{36}$/)]);
});
