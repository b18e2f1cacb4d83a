import { expect } from '@playwright/test';
import { collectErrors, signIn, signInWithForm, test } from './helpers';

test('an operator admin edits the organisation profile and a space; the naming rule shows on the name', async ({ page }) => {
  const errors = collectErrors(page);
  await signIn(page, 'op_robot_admin');

  await page.getByRole('menuitem', { name: '我的机构' }).click();
  await expect(page.getByText('沈阳新锐智造众创科技有限公司').first()).toBeVisible();
  await page.getByRole('button', { name: '修改机构信息' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('联系人', { exact: true }).fill('刘晓');
  await dialog.getByRole('button', { name: /提\s?交/ }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.locator('.ant-descriptions').getByText('刘晓')).toBeVisible();
  await expect(page.getByRole('cell', { name: '沈阳新锐机器人集团有限公司' })).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/my-organisation.png', fullPage: true });

  await page.getByRole('menuitem', { name: '我的众创空间' }).click();
  const row = page.getByRole('row').filter({ hasText: '沈阳智能机器人专业化众创空间' });
  await row.getByRole('button', { name: /^修\s?改$/ }).click();
  await expect(dialog.getByLabel('所在地区')).toBeVisible();
  await expect(dialog.locator('.ant-cascader')).toContainText('沈阳市');
  await dialog.getByLabel('众创空间名称').fill('沈阳智能机器人众创空间');
  await dialog.getByRole('button', { name: /提\s?交/ }).click();
  await expect(dialog.getByText('专业化众创空间的名称须为“XXX专业化众创空间”').last()).toBeVisible();
  await dialog.getByLabel('众创空间名称').fill('沈阳智能机器人专业化众创空间');
  await dialog.getByLabel('细分领域').fill('协作机器人');
  await dialog.getByRole('button', { name: /提\s?交/ }).click();
  await expect(dialog).toHaveCount(0);
  await row.getByRole('button', { name: '沈阳智能机器人专业化众创空间' }).click();
  await expect(page.locator('.ant-drawer').getByText('高端装备制造 · 协作机器人')).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/my-spaces.png', fullPage: true });
  expect(errors).toEqual([]);
});

test('operator staff see the organisation with masked mobiles and cannot edit it', async ({ page }) => {
  const errors = collectErrors(page);
  await signIn(page, 'op_univ_staff');
  await page.getByRole('menuitem', { name: '我的机构' }).click();
  await expect(page.getByText('手机号码已部分隐藏')).toBeVisible();
  await expect(page.getByText(/^1\d\d\*{4}\d{4}$/).first()).toBeVisible();
  await expect(page.getByRole('button', { name: '修改机构信息' })).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('an operator registers from the login page and signs in with the new account', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/login');
  await page.getByRole('link', { name: '申报单位注册' }).click();
  await expect(page).toHaveURL(/\/register$/);
  const form = page.locator('form#register');
  await form.getByLabel('运营主体名称').fill('长葛市星火创客空间管理有限公司');
  await form.getByLabel('统一社会信用代码').fill('91411082ma4x8tq21m');
  await form.getByLabel('所在地区').click();
  for (const region of ['河南省', '许昌市', '长葛市']) await page.locator('.ant-cascader-menu-item').filter({ hasText: region }).click();
  await form.getByLabel('运营主体性质').click();
  await page.locator('.ant-select-item-option').filter({ hasText: '企业（民营）' }).click();
  await form.getByLabel('法人代表', { exact: true }).fill('孙立');
  await form.getByLabel('联系人', { exact: true }).fill('周晴');
  await form.getByLabel('联系人联系手机').fill('1380000');
  await form.getByLabel('用户名').fill('xinghuo_admin');
  await form.getByLabel('姓名').fill('星火管理员');
  await form.getByLabel('密码', { exact: true }).fill('Xinghuo#2026ok');
  await form.getByLabel('确认新密码').fill('Xinghuo#2026ok');
  await form.getByRole('button', { name: /注\s?册/ }).click();
  await expect(page.getByText('应为 11 位手机号码（如 13800000000）')).toBeVisible();
  await form.getByLabel('联系人联系手机').fill('13800001234');
  await page.screenshot({ path: 'test-results/screenshots/register.png', fullPage: true });
  await form.getByRole('button', { name: /注\s?册/ }).click();
  await expect(page).toHaveURL(/\/login$/);
  await signInWithForm(page, 'xinghuo_admin', 'Xinghuo#2026ok');
  await expect(page.getByTestId('current-user')).toContainText('长葛市星火创客空间管理有限公司');
  expect(errors).toEqual([]);
});

test('a maker team registers from the login page, signs in and edits its maker profile', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/login');
  await page.getByRole('link', { name: '创客注册' }).click();
  await expect(page).toHaveURL(/\/register\?as=maker$/);
  const form = page.locator('form#register-maker');
  await form.getByText('创客团队').click();
  await form.getByLabel('团队名称').fill('长葛无人机创客团队');
  await form.getByLabel('团队人数').fill('1');
  await form.getByLabel('专业领域').click();
  await page.locator('.ant-select-item-option').filter({ hasText: '高端装备制造' }).click();
  await form.getByLabel('所在地区').click();
  for (const region of ['河南省', '许昌市', '长葛市']) await page.locator('.ant-cascader-menu-item').filter({ hasText: region }).click();
  await form.getByLabel('用户名').fill('cg_drone');
  await form.getByLabel('姓名').fill('周航');
  await form.getByLabel('密码', { exact: true }).fill('Drone#Maker2026');
  await form.getByLabel('确认新密码').fill('Drone#Maker2026');
  await form.getByRole('button', { name: /注\s?册/ }).click();
  await expect(form.getByText('团队人数为 2–200 人')).toBeVisible();
  await form.getByLabel('团队人数').fill('3');
  await page.screenshot({ path: 'test-results/screenshots/register-maker.png', fullPage: true });
  await form.getByRole('button', { name: /注\s?册/ }).click();
  await expect(page).toHaveURL(/\/login$/);

  await signInWithForm(page, 'cg_drone', 'Drone#Maker2026');
  await expect(page.getByTestId('current-user')).toContainText('长葛无人机创客团队');
  await page.goto('/app/profile');
  const profile = page.locator('form#maker-profile');
  await expect(profile.getByLabel('团队名称')).toHaveValue('长葛无人机创客团队');
  await profile.getByLabel('所在学校或单位').fill('许昌职业技术学院');
  await profile.getByRole('button', { name: '保存档案' }).click();
  await expect(page.getByText('创客档案已保存')).toBeVisible();
  await page.reload();
  await expect(page.locator('form#maker-profile').getByLabel('所在学校或单位')).toHaveValue('许昌职业技术学院');
  expect(errors).toEqual([]);
});
