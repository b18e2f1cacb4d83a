import fs from 'node:fs';
import { expect, type Page } from '@playwright/test';
import { collectErrors, refused, signIn, test } from './helpers';

const SAVE = /(^|\s)保存草稿$/;
const PUBLISH = /(^|\s)发\s?布$/;
const LIAONING = '辽宁省级备案：市级真实性审查 → 公示 → 推荐 → 省级评审 → 备案名单';
const DRAFT_NAME = '辽宁省级备案（不公示简化流程）';

fs.mkdirSync('test-results/screenshots', { recursive: true });

/** The order of the stages as the table shows them (the Chinese names in the edit inputs). */
async function stageNames(page: Page) {
  const inputs = page.getByTestId('stage-table').getByRole('textbox', { name: /^环节名称（中文）：\d+$/ });
  return inputs.evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
}

test('an authority admin clones a shipped chain, removes and reorders stages, publishes it and pins it in a new call', async ({ page }) => {
  // Many pages and saves: past 90 s when two browsers and Vitest share a busy machine.
  test.setTimeout(180_000);
  const errors = collectErrors(page);
  await signIn(page, 'ln_admin');
  await page.getByRole('menuitem', { name: '审核流程' }).click();
  // Shipped chains are listed beside the province's own (none yet for Liaoning).
  await expect(page.getByRole('link', { name: LIAONING })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'xuchang_city' })).toContainText('内置（全国通用）');
  // Each chain names what it moves, and the list filters by it.
  const kindColumn = await page.getByRole('columnheader').allInnerTexts();
  const kindAt = kindColumn.findIndex((h) => h.trim() === '适用事项');
  expect(kindAt).toBeGreaterThanOrEqual(0);
  await expect(page.getByRole('row').filter({ hasText: 'xuchang_city' }).getByRole('cell').nth(kindAt)).toHaveText('备案');
  await page.getByLabel('适用事项').click();
  await page.locator('.ant-select-item-option').filter({ hasText: '年度统计' }).click();
  await page.getByRole('button', { name: /查\s?询/ }).click();
  await expect(page.getByRole('row').filter({ hasText: 'annual_return_city' }).first().getByRole('cell').nth(kindAt)).toHaveText('年度统计');
  await expect(page.getByRole('row').filter({ hasText: 'xuchang_city' })).toHaveCount(0);
  await page.getByRole('button', { name: /重\s?置/ }).click();
  await page.getByRole('link', { name: LIAONING }).click();
  await expect(page.locator('.ant-descriptions-item').filter({ hasText: '适用事项' })).toContainText('备案');

  // A shipped version reads, it cannot be edited.
  await expect(page.getByText('已发布的版本不可修改')).toBeVisible();
  await expect(page.getByTestId('stage-table')).toContainText('审查结果公示');
  await expect(page.getByRole('button', { name: SAVE })).toHaveCount(0);

  await page.getByRole('button', { name: '复制为本辖区草稿' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('草稿名称').fill(DRAFT_NAME);
  await dialog.getByRole('button', { name: /确\s?定/ }).click();
  await expect(page.getByText('已复制为草稿“liaoning_province_210000”')).toBeVisible();
  await expect(page.getByRole('button', { name: SAVE })).toBeVisible();
  const draftId = page.url().split('/').pop()!;
  expect(await stageNames(page)).toEqual(['市级真实性审查', '审查结果公示', '市级书面推荐', '省级专家评审', '省级审定备案']);

  // Remove the notice, give the city review more time.
  await page.getByRole('button', { name: '删除环节：审查结果公示' }).click();
  await page.getByLabel('办理时限：市级真实性审查').fill('20');
  // Moving the expert review after the decision makes a chain that cannot run: the server says where.
  await page.getByRole('button', { name: '下移：省级专家评审' }).click();
  expect(await stageNames(page)).toEqual(['市级真实性审查', '市级书面推荐', '省级审定备案', '省级专家评审']);
  await page.getByRole('button', { name: SAVE }).click();
  const problems = page.getByTestId('chain-problems');
  await expect(problems).toContainText('第 4 个环节（省级专家评审） — 类型：最后一个环节须为审定环节');
  await expect(problems).toContainText('第 3 个环节（省级审定备案） — 给予备案：只有最后的审定环节可以给予备案');
  await expect(page.getByTestId('stage-table').getByText('最后一个环节须为审定环节（发布备案名单）')).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/chain-errors.png', fullPage: true });

  // Put it back, add a checklist item to the decision, save.
  await page.getByRole('button', { name: '上移：省级专家评审' }).click();
  await expect(problems).toHaveCount(0);
  expect(await stageNames(page)).toEqual(['市级真实性审查', '市级书面推荐', '省级专家评审', '省级审定备案']);
  const decisionRow = page.getByTestId('stage-table').getByRole('row').filter({ has: page.getByRole('textbox', { name: '环节名称（中文）：4' }) });
  await decisionRow.getByRole('button', { name: /展开行|Expand row/ }).click();
  await page.getByTestId('checklist-省级审定备案').getByRole('button', { name: '添加检查项' }).click();
  await page.getByLabel('检查项（中文）：省级审定备案 2').fill('已实地核查');
  await page.getByLabel('检查项（英文）：省级审定备案 2').fill('Site visited');
  await expect(page.getByRole('button', { name: PUBLISH })).toBeDisabled();
  await page.getByRole('button', { name: SAVE }).click();
  await expect(page.getByText('已保存', { exact: true })).toBeVisible();

  await page.getByRole('button', { name: PUBLISH }).click();
  const confirm = page.getByRole('dialog');
  await expect(confirm).toContainText('发布后该版本不可再修改');
  await confirm.getByRole('button', { name: PUBLISH }).click();
  await expect(page.getByText('已发布为第 1 版')).toBeVisible();
  await expect(page.getByText('已发布的版本不可修改')).toBeVisible();
  await expect(page.getByRole('button', { name: SAVE })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^删除环节/ })).toHaveCount(0);
  await expect(page.getByTestId('stage-table')).toContainText('20 天');
  await expect(page.getByTestId('stage-table')).not.toContainText('审查结果公示');
  await page.screenshot({ path: 'test-results/screenshots/chain-published.png', fullPage: true });

  // A new provincial call pins the published version.
  await page.getByRole('menuitem', { name: '申报批次管理' }).click();
  await page.getByRole('button', { name: '新建申报批次' }).click();
  const call = page.getByRole('dialog');
  await call.getByLabel('标题').fill('辽宁省第二批专业化众创空间备案（简化流程）');
  await call.getByLabel('级别').click();
  await page.locator('.ant-select-item-option').filter({ hasText: '省级' }).click();
  await expect(call.locator('input[value="business_licence"]')).toBeVisible();
  const [opens, closes] = [call.getByPlaceholder('开始日期'), call.getByPlaceholder('结束日期')];
  await opens.click();
  await opens.fill('2027-03-01 09:00');
  await opens.press('Enter');
  await closes.fill('2027-04-30 17:00');
  await closes.press('Enter');
  await call.getByLabel('审核流程').click();
  // Only the chains a provincial call of Liaoning may use: the shipped one and its own, no other province's.
  await expect(page.locator('.ant-select-item-option').filter({ hasText: '江苏省级备案' })).toHaveCount(0);
  await expect(page.locator('.ant-select-item-option').filter({ hasText: '许昌市备案' })).toHaveCount(0);
  await page.locator('.ant-select-item-option').filter({ hasText: `${DRAFT_NAME}（第 1 版） · 本辖区` }).click();
  await call.getByRole('button', { name: /提\s?交/ }).click();
  await expect(call).toHaveCount(0);

  const row = page.getByRole('row').filter({ hasText: '辽宁省第二批专业化众创空间备案（简化流程）' });
  await expect(row).toContainText(`${DRAFT_NAME}（第 1 版） · 本辖区`);
  await row.getByRole('button', { name: /^发\s?布$/ }).click();
  await page.getByRole('dialog').getByRole('button', { name: /确\s?定/ }).click();
  await expect(row.getByText('已发布')).toBeVisible();

  // The stage pages offer the call at once, with the stages of its own chain (GET /api/stages/mine),
  // beside the demo call of the shipped chain.
  await page.getByRole('menuitem', { name: '专家评审' }).click();
  await page.getByTestId('expert-call').click();
  const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
  await expect(options).toHaveCount(2);
  await expect(options.filter({ hasText: /^\d{4}年辽宁省专业化众创空间备案申报$/ })).toHaveCount(1);
  await page.locator('.ant-select-item-option').filter({ hasText: '辽宁省第二批专业化众创空间备案（简化流程）' }).click();
  // One expert stage: picked without a stage picker; the call's authority admin keeps its score sheet.
  await expect(page.getByTestId('expert-stage')).toHaveCount(0);
  await expect(page.getByText('该环节暂无待评审的申请')).toBeVisible();
  await expect(page.getByRole('tab', { name: '评分表' })).toBeVisible();
  await page.getByRole('menuitem', { name: '审定与备案' }).click();
  await page.getByTestId('decision-call').click();
  await page.locator('.ant-select-item-option').filter({ hasText: '辽宁省第二批专业化众创空间备案（简化流程）' }).click();
  await expect(page.getByText('本环节暂无待审定的申请')).toBeVisible();
  // The admin of the organisation working the stage releases.
  await expect(page.getByTestId('decision-release')).toBeVisible();
  // The one refused save is the browser's only complaint.
  expect(errors).toEqual([refused(400, `/api/chains/${draftId}`)]);
});

test('another province sees only the shipped chains and its own', async ({ page }) => {
  const errors = collectErrors(page);
  await signIn(page, 'js_admin');
  await page.getByRole('menuitem', { name: '审核流程' }).click();
  await expect(page.getByRole('link', { name: /^江苏省级备案：/ })).toBeVisible();
  await expect(page.getByText('liaoning_province_210000')).toHaveCount(0);
  // The seventeen shipped chains (four filing chains, the change-report chain, three return chains, two evaluation chains, two revocation chains, five support-disclosure chains) and Jiangsu's own.
  await expect(page.getByText('共 18 条')).toBeVisible();
  expect(errors).toEqual([]);
});
