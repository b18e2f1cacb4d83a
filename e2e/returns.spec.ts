import fs from 'node:fs';
import { expect as baseExpect, type Page } from '@playwright/test';
import { apiSession, collectErrors, signIn, test } from './helpers';

// Browser suites share two cores: pages of a busy server answer slower than the default 5 s (the return page loads its catalogue, findings and history).
const expect = baseExpect.configure({ timeout: 45_000 });

fs.mkdirSync('test-results/screenshots', { recursive: true });
test.use({ viewport: { width: 1366, height: 768 } });

const MEMBERS = '创业团队人员数量';

async function passCityCheck(page: Page) {
  for (const key of ['figures_plausible', 'warnings_explained']) {
    await page.getByTestId(`checklist-verdict-${key}`).click();
    await page.locator('.ant-select-dropdown:visible').getByTitle('符合', { exact: true }).click();
    await page.getByTestId(`checklist-note-${key}`).fill('已核对');
  }
}

/**
 * A statistics return through 辽宁's round (src/seed/history-returns.ts: the city checks, the
 * province accepts), on 沈阳数联's return that nothing else touches: the operator hands it in with
 * one warning explained, 沈阳 returns it with a comment on the field, the operator fixes it and hands
 * it in again, 沈阳 sees the change and passes it, the province accepts it — and then reopens it with
 * a reason, which the history shows.
 */
test('an operator files a return with a warning and a note, the city returns it, it is fixed, the province accepts and reopens it', async ({ browser }) => {
  test.setTimeout(300_000);
  const id = ((await (await apiSession('ln_returns')).call('get', '/api/returns/mine')).items as { id: string; state: string }[]).find((r) => r.state === 'draft')!.id;

  // The operator: a team count that makes R2 warn, explained in a note, then handed in.
  const operator = await browser.newPage();
  const operatorErrors = collectErrors(operator);
  await signIn(operator, 'ln_returns', `/app/returns/${id}`);
  await operator.getByLabel(MEMBERS).fill('600');
  await operator.getByRole('button', { name: /^保\s?存$/ }).click();
  await expect(operator.getByText(/^R2 /).first()).toBeVisible();
  // The figures the roster does not hold were explained when they were typed in: the new warning alone asks its note.
  await operator.getByRole('listitem').filter({ hasText: 'R2 ' }).getByPlaceholder('请说明原因（预警项须说明后才能提交）').fill('含年中入驻的两个大型团队，人员已核实');
  await operator.getByRole('button', { name: '提交报表' }).click();
  await expect(operator.getByText('报表已提交')).toBeVisible();

  // 沈阳 returns it with a comment on the field.
  const city = await browser.newPage();
  const cityErrors = collectErrors(city);
  await signIn(city, 'sy_reviewer', `/app/review/${id}`);
  await expect(city.getByTestId('return-finding-note').filter({ hasText: '人员已核实' })).toHaveCount(1);
  await city.getByTestId('review-return').click();
  await city.getByTestId('return-note').fill('创业团队人员数量明显偏高，请核实');
  await city.getByTestId('return-field-0').locator('input').fill('values.team_members');
  await city.getByTestId('return-comment-0').fill('请按入驻协议核实团队人数');
  const due = city.getByTestId('return-due');
  await due.click();
  await due.fill('2030-12-31 18:00:00');
  await due.press('Enter');
  await city.getByTestId('review-return-confirm').click();
  await expect(city.getByText('已退回填报单位修改')).toBeVisible();

  // The operator reads the comment in the history, fixes the figure and hands it in again.
  await operator.reload();
  const history = operator.getByTestId('return-history');
  await expect(history).toContainText('退回修改');
  await expect(history).toContainText('请按入驻协议核实团队人数');
  await operator.getByLabel(MEMBERS).fill('120');
  await operator.getByRole('button', { name: '重新提交' }).click();
  await expect(operator.getByText('报表已提交')).toBeVisible();

  // 沈阳 sees what changed and passes it on to the province.
  await city.reload();
  await expect(city.getByTestId('round-diffs')).toContainText(MEMBERS);
  await expect(city.getByTestId('round-diffs')).toContainText('600');
  await passCityCheck(city);
  await city.getByLabel('审核意见').fill('数据已核实，同意报送');
  await city.getByTestId('review-pass').click();
  await city.getByTestId('review-pass-confirm').click();
  await expect(city.getByText('已通过，申请进入下一环节')).toBeVisible();

  // The province accepts it (its decisions and the released list have browser tests of their own).
  const reviewer = await apiSession('ln_reviewer');
  const decision = await reviewer.call('post', '/api/decisions', { applicationId: id, stageKey: 'province_accept', outcome: 'approve', reason: '数据合理，予以审定', checklist: [{ key: 'accepted', verdict: 'ok', note: '同意' }] });
  const admin = await apiSession('ln_admin');
  const detail = await admin.call('get', `/api/returns/${id}`);
  await admin.call('post', '/api/decisions/release', { callId: detail.call.id, stageKey: 'province_accept', decisionIds: [decision.id], expectedCount: 1, title: '辽宁省统计报表审定结果', documentNumber: '辽科统〔2026〕3号', issuedOn: '2026-12-04' });

  // The province reopens it with a reason; the operator may edit it again and the history says why.
  const province = await browser.newPage();
  const provinceErrors = collectErrors(province);
  await signIn(province, 'ln_admin', `/app/returns/${id}`);
  await province.getByTestId('return-reopen').click();
  await province.getByTestId('return-reopen-confirm').click();
  await expect(province.getByText('请填写理由（至少 5 个字）')).toBeVisible();
  await province.getByTestId('return-reopen-reason').fill('抽查发现创业团队人员数与社保记录不符，请核实后重报');
  await province.getByTestId('return-reopen-confirm').click();
  await expect(province.getByText('报表已重新开放，已通知填报单位')).toBeVisible();
  await expect(province.getByTestId('return-reopen')).toHaveCount(0);
  const timeline = province.getByTestId('return-history');
  await expect(timeline).toContainText('重新开放');
  await expect(timeline).toContainText('抽查发现创业团队人员数与社保记录不符');
  await expect(timeline).toContainText('辽宁省科技厅管理员');
  await province.screenshot({ path: 'test-results/screenshots/returns-reopened.png', fullPage: true });

  await operator.reload();
  await expect(operator.getByRole('button', { name: '重新提交' })).toBeVisible();
  expect([...operatorErrors, ...cityErrors, ...provinceErrors]).toEqual([]);
});
