import fs from 'node:fs';
import { expect, type Page } from '@playwright/test';
import { collectErrors, refused, signIn, test } from './helpers';

/** The toolbar's buttons, not "保存并预览" or the confirmation's button (names end with the icon's label first). */
const SAVE = /(^|\s)保\s?存$/;
const PUBLISH = /(^|\s)发\s?布$/;
const LIAONING = '辽宁省专业化众创空间基本条件';
const TEAMS = '细分领域创业团队或企业数量';

async function openLiaoning(page: Page) {
  await page.getByRole('menuitem', { name: '备案条件规则集' }).click();
  await page.getByRole('link', { name: LIAONING, exact: true }).click();
  await expect(page.getByTestId('condition-ln-2-5-teams')).toContainText('≥ 15 家');
}

/** Clones liaoning-2019 into the signed-in admin's jurisdiction and waits for the draft page. */
async function cloneLiaoning(page: Page, title: string) {
  await page.getByRole('button', { name: '复制为本辖区草稿' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('草稿名称').fill(title);
  await dialog.getByRole('button', { name: /确\s?定/ }).click();
  await expect(page.getByText(/已复制为草稿“liaoning-2019-\d{6}”/)).toBeVisible();
  await expect(page.getByRole('button', { name: SAVE })).toBeVisible();
  await expect(page.locator('.ant-card-head-title').filter({ hasText: title })).toBeVisible();
}

fs.mkdirSync('test-results/screenshots', { recursive: true });

test('an authority admin clones a rule set, raises a threshold, previews it and publishes a new version', async ({ page }) => {
  // Many pages and saves: past 90 s when two browsers and Vitest share a busy machine.
  test.setTimeout(180_000);
  const errors = collectErrors(page);
  await signIn(page, 'ln_admin');
  await openLiaoning(page);
  // The shipped version is published: it reads, it cannot be edited.
  await expect(page.getByTestId('condition-ln-2-6-mentors')).toContainText('每15家在孵企业至少1名行业导师（不足按整组计）');
  await expect(page.getByTestId('condition-ln-2-1-host')).toContainText('佐证材料，审核确认');
  await expect(page.getByRole('button', { name: SAVE })).toHaveCount(0);
  await expect(page.getByText('已发布的版本不可修改')).toBeVisible();

  await cloneLiaoning(page, '辽宁省专业化众创空间基本条件（2026 修订）');
  await expect(page.getByTestId('condition-ln-2-5-teams')).toContainText('≥ 15 家');
  await page.getByLabel(`${TEAMS} 门槛`).fill('20');
  await expect(page.getByTestId('condition-ln-2-5-teams')).toContainText('≥ 20 家');
  // The server evaluates saved versions only: the preview says so until the edit is saved.
  await expect(page.getByText('预览基于已保存版本')).toBeVisible();
  await expect(page.getByRole('button', { name: PUBLISH })).toBeDisabled();
  await page.getByRole('button', { name: SAVE }).click();
  await expect(page.getByText('已保存', { exact: true })).toBeVisible();
  await expect(page.getByText('预览基于已保存版本')).toHaveCount(0);

  const preview = page.getByTestId('preview');
  await preview.getByLabel(TEAMS).fill('18');
  await expect(page.getByTestId('result-ln-2-5-teams')).toContainText('细分领域创业团队或企业数量应不少于20家，申报值18家，不符合');
  await expect(page.getByTestId('result-ln-2-5-teams').locator('[data-outcome="fail"]')).toBeVisible();
  await preview.getByLabel(TEAMS).fill('21');
  await expect(page.getByTestId('result-ln-2-5-teams')).toContainText('申报值21家，符合');
  await page.screenshot({ path: 'test-results/screenshots/criteria-draft.png', fullPage: true });

  await page.getByRole('button', { name: PUBLISH }).click();
  const confirm = page.getByRole('dialog');
  await expect(confirm).toContainText('发布后该版本不可再修改');
  await confirm.getByRole('button', { name: PUBLISH }).click();
  await expect(page.getByText(/已发布为第 \d+ 版/)).toBeVisible();

  // Published: no edit controls any more, the raised threshold stays.
  await expect(page.getByText('已发布的版本不可修改')).toBeVisible();
  await expect(page.getByTestId('condition-ln-2-5-teams')).toContainText('≥ 20 家');
  await expect(page.getByRole('button', { name: SAVE })).toHaveCount(0);
  await expect(page.getByRole('button', { name: PUBLISH })).toHaveCount(0);
  await expect(page.getByRole('button', { name: '添加条件' })).toHaveCount(0);
  await expect(page.getByLabel(`${TEAMS} 门槛`)).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^删除条件/ })).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('a draft keeps its edits when someone else saved first, and takes added and removed conditions', async ({ page }) => {
  // Many pages and saves: past 90 s when two browsers and Vitest share a busy machine.
  test.setTimeout(180_000);
  const errors = collectErrors(page);
  await signIn(page, 'ln_admin');
  await openLiaoning(page);
  await cloneLiaoning(page, '辽宁省条件（并发修改测试）');
  const id = page.url().split('/').at(-1)!;

  // Remove the fund condition and add a count of success cases.
  await page.getByRole('button', { name: '删除条件 投资基金规模' }).click();
  await expect(page.getByTestId('condition-ln-2-7-fund')).toHaveCount(0);
  await page.getByRole('button', { name: '添加条件' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('条件类型').click();
  await page.locator('.ant-select-dropdown:visible').getByTitle('数量', { exact: true }).click();
  await dialog.getByLabel('条款出处').fill('辽宁指引 补充');
  await dialog.getByLabel('字段').click();
  await dialog.getByLabel('字段').fill('成功案例');
  await page.locator('.ant-select-dropdown:visible').getByTitle('成功案例', { exact: true }).click();
  await dialog.getByLabel('最少').fill('3');
  await dialog.getByRole('button', { name: /确\s?定/ }).click();
  await expect(page.getByText('辽宁指引 补充', { exact: true })).toBeVisible();
  const added = page.locator('[data-testid^="condition-custom-"]');
  await expect(added).toContainText('≥ 3 个');

  // The server checks what the browser does not: a maximum below the minimum is named at its condition.
  await added.getByLabel('成功案例 最多').fill('2');
  await expect(added).toContainText('3–2 个');
  await page.getByRole('button', { name: SAVE }).click();
  await expect(page.getByText('服务器未接受修改')).toBeVisible();
  await expect(added.locator('.ant-typography-danger')).toContainText('上限');
  await page.screenshot({ path: 'test-results/screenshots/criteria-server-errors.png' });
  await added.getByLabel('成功案例 最多').fill('5');
  await expect(added).toContainText('3–5 个');

  // Another administrator saves the draft in the meantime.
  const detail = await (await page.request.get(`/api/criteria/rule-sets/${id}`)).json();
  const csrf = (await page.context().cookies()).find((c) => c.name.endsWith('hatchery_csrf'))!.value;
  const other = await page.request.put(`/api/criteria/rule-sets/${id}`, {
    headers: { 'x-csrf-token': csrf },
    data: { revision: detail.revision, definition: { ...detail.definition, title: '他人修改的标题' } },
  });
  expect(other.ok()).toBe(true);

  await page.getByRole('button', { name: SAVE }).click();
  await expect(page.getByText('保存失败：该草稿已被他人修改')).toBeVisible();
  // Nothing the user did is lost.
  await expect(page.getByTestId('condition-ln-2-7-fund')).toHaveCount(0);
  await expect(page.getByText('辽宁指引 补充', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: '以我的修改覆盖最新版本' }).click();
  await expect(page.getByText('已保存', { exact: true })).toBeVisible();
  await expect(page.getByText('保存失败：该草稿已被他人修改')).toHaveCount(0);
  await page.reload();
  await expect(page.getByText('辽宁指引 补充', { exact: true })).toBeVisible();
  await expect(page.getByTestId('condition-ln-2-7-fund')).toHaveCount(0);
  expect(errors).toEqual([refused(400, `/api/criteria/rule-sets/${id}`), refused(409, `/api/criteria/rule-sets/${id}`)]);
});

test('a reviewer reads the rule sets but cannot clone or edit them', async ({ page }) => {
  const errors = collectErrors(page);
  await signIn(page, 'ln_reviewer');
  await page.getByRole('menuitem', { name: '备案条件规则集' }).click();
  await expect(page.getByRole('row', { name: /liaoning-2019.*已发布/ }).first()).toBeVisible();
  await expect(page.getByRole('row', { name: /jiangsu-2018/ })).toBeVisible();
  await expect(page.locator('.ant-spin-spinning')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screenshots/criteria-list.png', fullPage: true });
  await page.getByRole('link', { name: '江苏省国家专业化众创空间备案推荐条件', exact: true }).click();
  await expect(page.getByTestId('condition-js-a3-cases')).toContainText('3–5 个');
  await expect(page.getByTestId('condition-js-3-1-name')).toContainText('众创空间名称须为 XXX专业化众创空间');
  await expect(page.getByTestId('condition-js-1-host')).toContainText('须为 龙头骨干企业、科研院所、高校、新型研发机构 之一');
  await page.getByRole('link', { name: /返回规则集列表/ }).click();
  await openLiaoning(page);
  await expect(page.getByRole('button', { name: '复制为本辖区草稿' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: SAVE })).toHaveCount(0);
  // The preview takes what the registry knows about a space of the jurisdiction.
  await page.getByLabel('选择空间').click();
  await page.locator('.ant-select-dropdown:visible').getByTitle('沈阳智能机器人专业化众创空间').click();
  await expect(page.getByText('已带入“沈阳智能机器人专业化众创空间”的登记信息')).toBeVisible();
  await expect(page.getByTestId('result-ln-2-4')).toContainText('应为“是”，申报为“是”，符合');
  await expect(page.locator('.ant-spin-spinning')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screenshots/criteria-reviewer.png', fullPage: true });
  expect(errors).toEqual([]);
});
