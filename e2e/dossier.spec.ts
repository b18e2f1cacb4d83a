import fs from 'node:fs';
import { expect, type Page } from '@playwright/test';
import { readZip } from '../src/modules/documents/read-zip.test-helper';
import { apiSession, collectErrors, copySpace, refused, signIn, test } from './helpers';

/** A minimal valid one-page PDF: the server checks the file's magic bytes, not its extension alone. */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);
/** A 1×1 transparent PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

fs.mkdirSync('test-results/screenshots', { recursive: true });

/** Starts an application for the Xuchang space in the open 许昌 call and opens its dossier. */
async function startApplication(page: Page) {
  await page.getByRole('menuitem', { name: '申报批次' }).click();
  const call = page.getByTestId('open-call').filter({ hasText: /许昌市\d{4}年度众创空间备案申报/ });
  await call.getByRole('button', { name: /长葛创新工场众创空间/ }).click();
  await expect(page).toHaveURL(/\/app\/applications\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { name: /长葛创新工场众创空间/ }).or(page.getByText('长葛创新工场众创空间').first())).toBeVisible();
  return page.url().split('/').at(-1)!;
}

const saved = (page: Page) => expect(page.getByTestId('save-state')).toHaveText('已自动保存');

test('an operator prepares, self-assesses and submits an application with uploads', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = collectErrors(page);
  await signIn(page, 'op_cg_admin');
  await startApplication(page);

  // 基础信息表: prefilled from the registry; the rest filled in, with a cross-field check on the way.
  await expect(page.getByLabel('众创空间名称')).toHaveValue('长葛创新工场众创空间');
  await expect(page.getByLabel('法人代表', { exact: true })).toHaveValue('王建国');
  await page.getByLabel('管理团队人员总数').fill('12');
  await page.getByLabel('其中大专以上人数').fill('15');
  await expect(page.getByText('其中大专以上人数不能超过管理团队人员总数')).toBeVisible();
  await page.getByLabel('其中大专以上人数').fill('10');
  await expect(page.getByText('其中大专以上人数不能超过管理团队人员总数')).toHaveCount(0);
  const numbers: [string, string][] = [
    ['创业导师数', '8'],
    ['自主支配场地建筑面积', '2600'],
    ['公共办公与服务场地面积', '800'],
    ['天使投资（种子）基金（资金）规模', '600'],
    ['入驻项目数', '30'],
    ['入驻企业数', '22'],
    ['举办创新创业活动次数', '26'],
  ];
  for (const [label, value] of numbers) await page.getByLabel(label, { exact: true }).fill(value);
  const form = page.locator('form[id="dossier"]');
  for (const q of ['是否由高新技术企业或龙头骨干企业建立', '是否由高校建立', '是否由科研院所建立', '是否建有公共技术服务平台']) {
    const item = form.locator('.ant-form-item').filter({ hasText: q });
    await item.getByLabel('否').check();
  }
  const online = form.locator('.ant-form-item').filter({ hasText: '是否建有线上服务平台' });
  await online.getByLabel('是').check();
  const detailName = page.getByLabel('详细名称');
  if ((await detailName.inputValue()) === '') await detailName.fill('长葛创新工场线上服务平台');
  if (!(await page.getByLabel('主要专业方向（如互联网、新材料、生物医药、新能源等）').inputValue()))
    await page.getByLabel('主要专业方向（如互联网、新材料、生物医药、新能源等）').fill('新材料');
  await page.getByLabel('在孵项目/企业数据库').check();
  await saved(page);
  await page.screenshot({ path: 'test-results/screenshots/dossier-basic-info.png', fullPage: true });

  // 备案申报书: the outline and three success cases.
  await page.getByRole('button', { name: '下一步' }).click();
  for (const section of ['一、1. 建设主体基本情况', '一、2. 众创空间现状', '二、1. 总体成效', '三、发展目标和重点任务', '四、组织与保障'])
    await page.getByLabel(section).fill(`${section}：长葛创新工场围绕超硬材料与再生金属产业提供孵化服务。\n第二段 <b>不是</b> 标签。`);
  for (let i = 1; i <= 3; i++) {
    await page.getByRole('button', { name: '添加成功案例' }).click();
    const card = page.locator('.ant-card').filter({ hasText: `案例 ${i}` }).last();
    await card.getByLabel('案例标题').fill(`成功案例 ${i}`);
    await card.getByLabel('案例内容').fill(`案例 ${i} 的孵化经过与成效。`);
  }
  await saved(page);

  // 评价指标: only what the call's rule set asks beyond the 基础信息表, for this space's type (技术支撑类).
  await page.getByRole('button', { name: '下一步' }).click();
  const indicators = page.getByTestId('indicators');
  await expect(indicators.getByLabel('场地租赁期限')).toBeVisible();
  await expect(indicators.getByLabel('公共技术服务平台设备和软件总价值')).toBeVisible();
  await expect(indicators.getByText('全职投资管理人员')).toHaveCount(0);
  await expect(indicators.getByText('管理团队人员总数')).toHaveCount(0);
  // A condition depends on each of them: marked required, never "（可选）".
  await expect(indicators.getByText('（可选）')).toHaveCount(0);
  await expect(indicators.locator('.ant-form-item-required').first()).toBeVisible();
  const savedIndicators = page.waitForResponse(
    (r) => r.url().endsWith('/dossier') && r.request().method() === 'PUT' && (r.request().postDataJSON() as { indicators?: { indicators?: { leaseYears?: number } } }).indicators?.indicators?.leaseYears === 6,
  );
  await indicators.getByLabel('场地租赁期限').fill('6');
  expect((await savedIndicators).status()).toBe(200);
  await saved(page);
  await page.screenshot({ path: 'test-results/screenshots/dossier-indicators.png', fullPage: true });

  // 附件材料: every required slot gets a file; each shows its size and SHA-256. The signed
  // commitment is not among them: it is uploaded in the commitment step.
  await page.getByRole('button', { name: '下一步' }).click();
  await expect(page.getByTestId('slot-applicant_commitment')).toHaveCount(0);
  const required = ['business_licence', 'premises_proof', 'equipment_list', 'management_systems', 'success_cases'];
  for (const [i, slot] of required.entries()) {
    const card = page.getByTestId(`slot-${slot}`);
    const [name, buffer, mimeType] = i % 2 ? [`${slot}.png`, PNG, 'image/png'] : [`${slot}.pdf`, PDF, 'application/pdf'];
    const attached = page.waitForResponse((r) => r.url().endsWith('/attachments') && r.request().method() === 'POST');
    await card.locator('input[type=file]').setInputFiles({ name, mimeType, buffer });
    expect((await attached).status()).toBe(201);
    await expect(card.getByRole('cell', { name })).toBeVisible();
    await expect(card.getByText('长葛创新工场管理员')).toBeVisible();
  }
  await page.screenshot({ path: 'test-results/screenshots/dossier-attachments.png', fullPage: true });

  // 信用承诺书 together: the letter worded for this city call, the signed scan, then the confirmation,
  // which waits for the scan.
  await page.getByRole('button', { name: '下一步' }).click();
  const commitment = page.getByTestId('commitment-step');
  // The step left behind, with every required slot filled, has its check mark.
  const steps = page.getByTestId('dossier-steps');
  await expect(steps.locator('.ant-steps-item').nth(3)).toHaveClass(/ant-steps-item-finish/);
  const letter = await page.request.get((await commitment.getByRole('link', { name: '下载信用承诺书（Word）' }).getAttribute('href'))!);
  expect(letter.status()).toBe(200);
  const xml = readZip(Buffer.from(await letter.body())).find((e) => e.name === 'word/document.xml')!.data.toString('utf8');
  expect(xml).toContain('本单位向许昌市科学技术局承诺');
  expect(xml).not.toContain('取消推荐资格');
  expect(xml).not.toContain('王建国');
  await expect(commitment.getByTestId('commitment-confirm')).toBeDisabled();
  await expect(commitment.getByText('请先上传签字盖章后的扫描件')).toBeVisible();
  const scan = commitment.getByTestId('slot-applicant_commitment');
  const scanned = page.waitForResponse((r) => r.url().endsWith('/attachments') && r.request().method() === 'POST');
  await scan.locator('input[type=file]').setInputFiles({ name: '信用承诺书（签字盖章）.pdf', mimeType: 'application/pdf', buffer: PDF });
  expect((await scanned).status()).toBe(201);
  await expect(scan.getByRole('cell', { name: '信用承诺书（签字盖章）.pdf' })).toBeVisible();
  await commitment.getByRole('button', { name: '确认法定代表人已签署承诺' }).click();
  await page.getByRole('dialog').getByRole('button', { name: /确\s?定/ }).click();
  await expect(page.getByTestId('commitment-status')).toContainText('已于');
  await page.screenshot({ path: 'test-results/screenshots/dossier-commitment.png', fullPage: true });

  // 自评: each condition with its outcome and clause; the confirmed commitment's step has its check mark.
  await page.getByRole('button', { name: '下一步' }).click();
  await expect(steps.locator('.ant-steps-item').nth(4)).toHaveClass(/ant-steps-item-finish/);
  await expect(page.getByTestId('assessment').locator('[data-outcome]').first()).toBeVisible();
  const lease = page.getByTestId('assessment').locator('.ant-list-item').filter({ hasText: '申报值6年' });
  await expect(lease.locator('[data-outcome="pass"]')).toHaveText('符合');
  await expect(lease).toContainText('许昌指引 第五条(一)3：场地租赁期限应不少于5年，申报值6年，符合');
  await page.screenshot({ path: 'test-results/screenshots/dossier-assessment.png', fullPage: true });

  // 提交: nothing missing; the self-assessment is repeated, what is not met or lacks data named; confirm, submitted.
  await page.getByRole('button', { name: '下一步' }).click();
  await expect(page.getByText('申报材料已齐全，可以提交')).toBeVisible();
  const summary = page.getByTestId('submit-assessment');
  await expect(summary).toContainText('自评');
  await expect(summary.locator('[data-outcome]').first()).toBeVisible();
  await page.getByRole('button', { name: '提交申请' }).click();
  await page.getByRole('dialog').getByRole('button', { name: /确\s?定/ }).click();
  await expect(page.getByTestId('application-status')).toHaveText('已提交');
  await expect(page.getByRole('button', { name: '撤回申请' })).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/dossier-submitted.png', fullPage: true });

  await page.getByRole('menuitem', { name: '我的申报' }).click();
  // The space's row in this call (the calls-admin test leaves a draft of it in a call of its own).
  const row = page.getByRole('row').filter({ hasText: '长葛创新工场众创空间' }).filter({ hasText: /许昌市\d{4}年度众创空间备案申报/ });
  await expect(row.getByTestId('application-status')).toHaveText('已提交');
  // Handed in, the dossier is read, not filled in.
  await expect(row.getByRole('button', { name: '查看' })).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/my-applications.png', fullPage: true });

  // The call now leads back to the application instead of starting a second one.
  await page.getByRole('menuitem', { name: '申报批次' }).click();
  await page.getByTestId('open-call').filter({ hasText: /许昌市\d{4}年度众创空间备案申报/ }).getByRole('button', { name: '查看“长葛创新工场众创空间”的申报' }).click();
  await expect(page.getByTestId('application-status')).toHaveText('已提交');
  await expect(page.getByText('提交申请', { exact: true }).first()).toBeVisible();
  expect(errors).toEqual([]);
});

test('a stale save shows the conflict, keeps the input, and can overwrite', async ({ page }) => {
  // A space of its own: review.spec.ts submits the demo space's application to this call and may run meanwhile.
  const op = await apiSession('op_robot_admin');
  const open = (await op.call('get', '/api/calls/open')).items as { chain: { key: string; shipped: boolean } | null; eligibleSpaces: { id: string; name: string }[] }[];
  const liaoning = open.find((c) => c.chain?.shipped && c.chain.key === 'liaoning_province')!;
  const demo = liaoning.eligibleSpaces.find((s) => s.name === '沈阳智能机器人专业化众创空间')!;
  const space = await copySpace(op, demo.id, (name) => name.replace('专业化众创空间', `冲突${Date.now() % 100000}号专业化众创空间`));
  await op.ctx.dispose();

  const errors = collectErrors(page);
  await signIn(page, 'op_robot_admin');
  await page.getByRole('menuitem', { name: '申报批次' }).click();
  await page.getByTestId('open-call').filter({ hasText: '辽宁省' }).getByRole('button', { name: space.name }).click();
  await expect(page).toHaveURL(/\/app\/applications\/[0-9a-f-]{36}$/);
  const id = page.url().split('/').at(-1)!;
  await page.getByLabel('负责人', { exact: true }).fill('赵一');
  await saved(page);

  // Someone else saves in between (another tab, a colleague): the revision moves on.
  const csrf = (await page.context().cookies()).find((c) => c.name.endsWith('hatchery_csrf'))!.value;
  const current = await (await page.request.get(`/api/applications/${id}`)).json();
  const other = await page.request.put(`/api/applications/${id}/dossier`, {
    headers: { 'x-csrf-token': csrf },
    data: { revision: current.revision, basicInfo: { ...current.basicInfo, contactName: '别人改的' } },
  });
  expect(other.status()).toBe(200);

  await page.getByLabel('联系人', { exact: true }).fill('我的输入');
  await expect(page.getByTestId('conflict')).toContainText('申请已被他人修改');
  await expect(page.getByTestId('save-state')).toHaveText('未保存：版本冲突');
  await expect(page.getByLabel('联系人', { exact: true })).toHaveValue('我的输入');
  await page.screenshot({ path: 'test-results/screenshots/dossier-conflict.png', fullPage: true });

  await page.getByRole('button', { name: '用我的输入覆盖' }).click();
  await saved(page);
  await expect(page.getByTestId('conflict')).toHaveCount(0);
  await page.reload();
  await expect(page.getByLabel('联系人', { exact: true })).toHaveValue('我的输入');
  expect(errors).toEqual([refused(409, `/api/applications/${id}/dossier`)]);
});
