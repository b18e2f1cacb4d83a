import fs from 'node:fs';
import { type APIRequestContext, expect, type Page } from '@playwright/test';
import { COMPLETE_BASIC_INFO, COMPLETE_REPORT } from '../src/modules/applications/fixtures.test-helper';
import { CHAINS } from '../src/shared/chains';
import { apiSession as api, type ApiSession as Api, attempt, collectErrors, copySpace, ofAttempt, signIn, test } from './helpers';

const DEMO_SPACE = '沈阳智能机器人专业化众创空间';
const LIAONING = CHAINS.liaoning_province.stages;
const checklist = (stageKey: string) => LIAONING.find((s) => s.key === stageKey)!.checklist.map((c) => ({ key: c.key, verdict: 'ok', note: `已核查：${c.label}` }));

fs.mkdirSync('test-results/screenshots', { recursive: true });


/**
 * A space of the operator's own, copied from its demo space under a name of this attempt, applies to
 * the 辽宁 call and submits. A retried attempt starts again with a new space: the first attempt's
 * application has moved on and can no longer be edited.
 */
async function submitLiaoning(op: Api): Promise<{ id: string; space: string }> {
  const open = (await op.call('get', '/api/calls/open')).items as { id: string; chain: { key: string; shipped: boolean } | null; materialSlots: { key: string; name: string; required: boolean }[]; eligibleSpaces: { id: string; name: string }[] }[];
  const call = open.find((c) => c.chain?.shipped && c.chain.key === 'liaoning_province')!;
  const demo = call.eligibleSpaces.find((s) => s.name === DEMO_SPACE)!;
  const space = await copySpace(op, demo.id, (name) => name.replace('专业化众创空间', `${attempt()}号专业化众创空间`));
  const { id } = await op.call('post', '/api/applications', { callId: call.id, spaceId: space.id });
  const app = await op.call('get', `/api/applications/${id}`);
  const basicInfo = { ...COMPLETE_BASIC_INFO, spaceName: space.name, operatorName: app.basicInfo.operatorName };
  await op.call('put', `/api/applications/${id}/dossier`, { revision: app.revision, basicInfo, report: COMPLETE_REPORT });
  for (const slot of call.materialSlots.filter((s) => s.required)) await op.call('post', `/api/applications/${id}/attachments`, { slotKey: slot.key, fileId: await op.upload(`${slot.name}.pdf`) });
  await op.call('post', `/api/applications/${id}/commitment/confirm`, {});
  const saved = await op.call('get', `/api/applications/${id}`);
  expect(saved.missing, JSON.stringify(saved.missing)).toEqual([]);
  await op.call('post', `/api/applications/${id}/submit`, { revision: saved.revision });
  return { id, space: space.name };
}

async function fillChecklist(page: Page, stageKey: string) {
  for (const item of LIAONING.find((s) => s.key === stageKey)!.checklist) {
    await page.getByTestId(`checklist-verdict-${item.key}`).click();
    await page.locator('.ant-select-dropdown:visible').getByTitle('符合', { exact: true }).click();
    await page.getByTestId(`checklist-note-${item.key}`).fill(`已核查：${item.label}`);
  }
}

test('a city reviewer returns, the operator resubmits, the notice runs, the province approves and the space is on the public filing list', async ({ browser }) => {
  // Five sign-ins and the whole chain: over 150 s when CI's Vitest runs share the machine.
  test.setTimeout(300_000);
  const op = await api('op_robot_admin');
  const { id, space } = await submitLiaoning(op);
  const listTitle = ofAttempt('2026年辽宁省专业化众创空间备案名单');

  // 沈阳 city reviewer returns the application with a comment and a resubmission date.
  const reviewer = await browser.newPage();
  const reviewerErrors = collectErrors(reviewer);
  await signIn(reviewer, 'sy_reviewer');
  await reviewer.getByRole('menuitem', { name: '审核任务' }).click();
  await reviewer.getByRole('link', { name: space }).first().click();
  await expect(reviewer).toHaveURL(new RegExp(`/app/review/${id}$`));
  await reviewer.getByTestId('review-return').click();
  await reviewer.getByTestId('return-note').fill('创业导师人数与聘书不符，请核实后补充');
  await reviewer.getByTestId('return-field-0').locator('input').fill('basicInfo.mentors');
  await reviewer.getByTestId('return-comment-0').fill('请按导师聘书核实导师人数');
  const due = reviewer.getByTestId('return-due');
  await due.click();
  await due.fill('2030-12-31 18:00:00');
  await due.press('Enter');
  await reviewer.getByTestId('review-return-confirm').click();
  await expect(reviewer.getByText('已退回申请人修改')).toBeVisible();

  // The operator sees the comments, corrects the figure and resubmits.
  const operator = await browser.newPage();
  const operatorErrors = collectErrors(operator);
  await signIn(operator, 'op_robot_admin', `/app/applications/${id}`);
  await expect(operator.getByTestId('return-comments')).toContainText('请按导师聘书核实导师人数');
  await operator.getByLabel('创业导师数', { exact: true }).fill('10');
  await expect(operator.getByTestId('save-state')).toHaveText('已自动保存');
  await operator.getByTestId('resubmit').click();
  await operator.getByTestId('resubmit-note').fill('已按意见补充导师聘书');
  await operator.getByRole('button', { name: /确\s?定|重新提交/ }).last().click();
  await expect(operator.getByTestId('application-status').first()).toHaveText('审核中');
  await operator.screenshot({ path: 'test-results/screenshots/review-resubmitted.png', fullPage: true });

  // The reviewer sees what changed in the new round and passes with a verdict and note on every item.
  await reviewer.reload();
  await reviewer.getByRole('tab', { name: /各轮差异/ }).click();
  await expect(reviewer.getByRole('button', { name: '第 1 轮 → 第 2 轮' })).toBeVisible();
  await expect(reviewer.getByRole('row', { name: '创业导师数 6 10' })).toBeVisible();
  await fillChecklist(reviewer, 'city_authenticity');
  await reviewer.getByLabel('审核意见').fill('材料真实，同意通过');
  await reviewer.getByTestId('review-pass').click();
  await reviewer.getByTestId('review-pass-confirm').click();
  await expect(reviewer.getByText('已通过，申请进入下一环节')).toBeVisible();
  await reviewer.screenshot({ path: 'test-results/screenshots/review-stage-work.png', fullPage: true });
  // The full dossier opens read-only for the reviewer, mobiles masked.
  await reviewer.goto(`/app/applications/${id}`);
  await expect(reviewer.getByText(space).first()).toBeVisible();
  await expect(reviewer.getByTestId('resubmit')).toHaveCount(0);
  await expect(reviewer.getByLabel('负责人联系手机')).toHaveValue('138****0001');
  await expect(reviewer.getByLabel('法人代表联系电话')).toHaveValue('024-****2116');
  // "查看完整" asks why, then shows that one number in the dialog only; the view is audited.
  await reviewer.getByTestId('reveal-principalMobile').click();
  await reviewer.getByTestId('reveal-submit').click();
  await expect(reviewer.getByText('请填写查看理由')).toBeVisible();
  await reviewer.getByTestId('reveal-reason').fill('电话核实负责人任职情况');
  await reviewer.getByTestId('reveal-submit').click();
  await expect(reviewer.getByTestId('revealed-value')).toHaveText('13800000001');
  await reviewer.screenshot({ path: 'test-results/screenshots/review-reveal.png', fullPage: true });
  await reviewer.locator('.ant-modal-footer').getByRole('button', { name: /关\s?闭/ }).click();
  await expect(reviewer.getByTestId('revealed-value')).toHaveCount(0);
  await expect(reviewer.getByLabel('负责人联系手机')).toHaveValue('138****0001');

  // The city publishes the notice; the public reads it; when it has run its course the admin concludes it.
  const sy = await api('sy_admin');
  const notice = await sy.call('post', '/api/notices', {
    callId: (await op.call('get', `/api/applications/${id}`)).call.id,
    stageKey: 'city_notice',
    applicationIds: [id],
    title: '沈阳市专业化众创空间真实性审查结果公示',
    body: '公示期内如有异议，请实名提出。',
    startsAt: new Date(Date.now() - 60_000).toISOString(),
    endsAt: new Date(Date.now() + 8_000).toISOString(),
  });
  const visitor = await browser.newPage();
  await visitor.goto('/portal/notices');
  await visitor.getByRole('link', { name: '沈阳市专业化众创空间真实性审查结果公示' }).first().click();
  await expect(visitor.getByText(space)).toBeVisible();
  await expect(visitor.getByText(/1[3-9]\d{9}/)).toHaveCount(0);
  await visitor.screenshot({ path: 'test-results/screenshots/review-public-notice.png', fullPage: true });

  // When the notice has run its course with no open objection, the conclusion job moves the application on.
  await expect.poll(async () => (await op.call('get', `/api/applications/${id}`)).stage.key, { timeout: 60_000 }).toBe('city_recommend');
  const admin = await browser.newPage();
  const adminErrors = collectErrors(admin);
  await signIn(admin, 'sy_admin', `/app/notices/${notice.id}`);
  await expect(admin.getByText(space).first()).toBeVisible();
  await expect(admin.getByTestId('notice-conclude')).toHaveCount(0);
  await admin.screenshot({ path: 'test-results/screenshots/review-notice-admin.png', fullPage: true });

  // Recommendation and expert review have their own tests; here they run through the API.
  const syReviewer = await api('sy_reviewer');
  const batch = await syReviewer.call('post', '/api/recommendations', { callId: (await op.call('get', `/api/applications/${id}`)).call.id, stageKey: 'city_recommend', items: [{ applicationId: id, checklist: checklist('city_recommend') }] });
  const linked = await syReviewer.call('post', `/api/recommendations/${batch.id}/documents`, { letterFileId: await syReviewer.upload('推荐函（盖章）.pdf') });
  await sy.call('post', `/api/recommendations/${batch.id}/send`, { revision: linked.revision });
  const ln = await api('ln_admin');
  const callId = (await op.call('get', `/api/applications/${id}`)).call.id;
  await ln.call('post', '/api/expert-stage/auto-assign', { callId, stageKey: 'province_expert' });
  for (const username of ['expert_li', 'expert_liu', 'expert_ma', 'expert_gao']) {
    const expert = await api(username);
    const mine = ((await expert.call('get', '/api/expert/assignments')).items as { id: string; applicationId: string }[]).find((a) => a.applicationId === id);
    if (!mine) continue;
    await expert.call('post', `/api/expert/assignments/${mine.id}/declare`, { confirm: true });
    await expert.call('post', `/api/expert/assignments/${mine.id}/scores`, { scores: { foundation: 88, services: 86, results: 90, operation: 85 }, comment: '专业特色鲜明' });
  }
  await (await api('ln_reviewer')).call('post', `/api/review/applications/${id}/pass`, { stageKey: 'province_expert', checklist: checklist('province_expert'), note: '专家评审通过' });

  // The province approves and releases the filing list.
  const province = await browser.newPage();
  const provinceErrors = collectErrors(province);
  await signIn(province, 'ln_admin', '/app/decisions');
  await province.getByTestId('decision-call').click();
  await province.locator('.ant-select-dropdown:visible').getByText(/辽宁省专业化众创空间备案申报/).click();
  const row = province.getByRole('row').filter({ hasText: space });
  await row.getByTestId('decision-open').click();
  await province.locator('.ant-modal').getByText('准予备案', { exact: true }).click();
  await province.getByLabel('审定理由').fill('符合辽宁省专业化众创空间备案条件');
  for (const area of await province.locator('.ant-modal textarea').all()) if (!(await area.inputValue())) await area.fill('审定依据充分');
  await province.getByTestId('decision-save').click();
  await expect(row.getByText('准予备案')).toBeVisible();
  await row.getByRole('checkbox').check();
  await province.getByTestId('decision-release').click();
  await province.getByLabel('名单标题').fill(listTitle);
  await province.getByLabel('文号').fill('辽科发〔2026〕12号');
  await province.getByLabel('发文日期').fill('2026-11-22');
  await province.getByLabel('发文日期').press('Enter');
  await expect(province.getByTestId('release-item')).toHaveCount(1);
  await province.getByTestId('decision-release-confirm').click();
  await expect(province.getByTestId('release-item')).toHaveCount(0);

  // The space is on the public filing list.
  await visitor.goto('/portal/filing-lists');
  await visitor.getByRole('link', { name: listTitle }).click();
  await expect(visitor.getByTestId('filing-list-entry').filter({ hasText: space })).toBeVisible();
  await expect(visitor.getByText('辽科发〔2026〕12号')).toBeVisible();
  await visitor.screenshot({ path: 'test-results/screenshots/review-filing-list.png', fullPage: true });

  for (const errors of [reviewerErrors, operatorErrors, adminErrors, provinceErrors]) expect(errors).toEqual([]);
  for (const ctx of [op.ctx, sy.ctx, syReviewer.ctx, ln.ctx] as APIRequestContext[]) await ctx.dispose();
});
