import { expect } from '@playwright/test';
import { collectErrors, signIn, test } from './helpers';

test('signed out, a visitor searches the policy library in Chinese and opens a policy with its metadata, support items and interpretation', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/');
  // The portal home's 政策文件 box lists the latest published policies and links the library.
  await expect(page.getByRole('heading', { level: 2, name: '政策文件' })).toBeVisible();
  await page.getByTestId('public-policies').getByRole('link', { name: /查看全部 \d+ 件政策文件/ }).click();
  await expect(page).toHaveURL(/\/portal\/policies$/);
  await expect(page.getByRole('heading', { level: 1, name: '政策文件库' })).toBeVisible();

  // A two-character term finds the 许昌 guide; a 发文字号 finds the State Council's opinion.
  await page.getByRole('searchbox', { name: '检索' }).fill('许昌');
  await page.getByRole('button', { name: /^检\s?索$/ }).click();
  await expect(page).toHaveURL(/q=/);
  const results = page.getByTestId('policy-results');
  // The answer to this search, not the list it replaces (kept on screen while loading).
  await expect(results.getByText('共 1 件')).toBeVisible();
  await expect(results.getByRole('link', { name: '许昌市发展众创空间工作指引（试行）' })).toBeVisible();
  await expect(results.getByTestId('policy-validity')).toHaveText('失效');
  // The same search downloads as open data (CSV with BOM, JSON).
  const csv = await page.getByTestId('policies-export-csv').getAttribute('href');
  expect(csv).toMatch(/\/api\/public\/policies\/export\?.*format=csv/);
  const exported = await page.request.get(csv!);
  expect(exported.status()).toBe(200);
  const lines = (await exported.text()).replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain('许昌市发展众创空间工作指引（试行）');
  expect(lines[1]).toContain('失效');

  await page.getByRole('searchbox', { name: '检索' }).fill('国办发〔2016〕7号');
  await page.getByRole('button', { name: /^检\s?索$/ }).click();
  // Ranked by where the number occurs: the document's own 发文字号 before the texts that cite it.
  await expect(results.getByRole('link').first()).toHaveText('国务院办公厅关于加快众创空间发展服务实体经济转型升级的指导意见');
  const opinion = results.getByRole('link', { name: '国务院办公厅关于加快众创空间发展服务实体经济转型升级的指导意见', exact: true });
  await expect(opinion).toBeVisible();
  await opinion.click();

  await expect(page).toHaveURL(/\/portal\/policies\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('policy-title')).toHaveText('国务院办公厅关于加快众创空间发展服务实体经济转型升级的指导意见');
  const meta = page.getByTestId('policy-metadata');
  await expect(meta.getByText('国务院办公厅', { exact: true })).toBeVisible();
  await expect(meta.getByText('国办发〔2016〕7号')).toBeVisible();
  await expect(meta.getByText('2016-02-14', { exact: true })).toBeVisible();
  await expect(meta.getByText('2016-02-18', { exact: true })).toBeVisible();
  await expect(page.getByTestId('policy-body')).toContainText('促进众创空间专业化发展');
  await expect(page.getByTestId('policy-support-items')).toContainText('研发费用税前加计扣除');
  // Its interpretation opens from the page, and links back.
  await page.getByTestId('policy-interpretations').getByRole('link', { name: /解读$/ }).click();
  await expect(page.getByText('本文是以下政策文件的解读：')).toBeVisible();
  expect(errors).toEqual([]);
});

test('a city drafts a policy with a support item, publishes it, and the public library shows it', async ({ page }) => {
  const errors = collectErrors(page);
  await signIn(page, 'sy_admin');
  await page.getByRole('menuitem', { name: '政策文件管理' }).click();
  await expect(page).toHaveURL(/\/app\/policies$/);
  await page.getByTestId('policy-create').click();
  await page.getByTestId('policy-form-title').fill('沈阳市众创空间运营补助实施细则');
  await page.getByLabel('发文机关').fill('沈阳市科学技术局');
  await page.getByLabel('发文字号').fill('沈科发〔2026〕9号');
  await page.getByTestId('policy-form-body').fill('第一条 对经备案的市级众创空间给予运营补助。\n第二条 本细则自发布之日起施行。');
  await page.getByRole('button', { name: '添加扶持事项' }).click();
  await page.getByPlaceholder('扶持事项').fill('市级众创空间运营补助');
  await page.getByPlaceholder('上限（万元）').fill('30');
  await page.getByTestId('policy-save').click();
  await expect(page.getByText('已保存')).toBeVisible();
  await expect(page).toHaveURL(/\/app\/policies\/[0-9a-f-]{36}$/);
  await page.getByTestId('policy-publish').click();
  await page.getByRole('button', { name: /^确\s?定$|^OK$/ }).click();
  await expect(page.getByText('已发布', { exact: true }).first()).toBeVisible();
  await page.getByRole('link', { name: '公开页面' }).click();
  await expect(page.getByTestId('policy-title')).toHaveText('沈阳市众创空间运营补助实施细则');
  await expect(page.getByTestId('policy-support-items')).toContainText('市级众创空间运营补助');
  await expect(page.getByTestId('policy-metadata')).toContainText('沈科发〔2026〕9号');
  expect(errors).toEqual([]);
});
