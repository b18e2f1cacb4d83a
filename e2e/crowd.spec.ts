import { expect, type Page } from '@playwright/test';
import { apiSession, collectErrors, PDF, signIn, test } from './helpers';

/** A date 90 days ahead, YYYY-MM-DD (Beijing). */
const ahead = () => new Date(Date.now() + 8 * 3600_000 + 90 * 86_400_000).toISOString().slice(0, 10);

test('staff publish a challenge, a maker submits a solution, a panel member scores it, staff award it and the portal announces it', async ({ browser }) => {
  test.setTimeout(300_000);
  const baseURL = test.info().project.use.baseURL!;
  const title = `浏览器测试众包任务${Date.now() % 1_000_000}`;
  const context = () => browser.newContext({ baseURL, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const staff: Page = await (await context()).newPage();
  const maker: Page = await (await context()).newPage();
  const expert: Page = await (await context()).newPage();
  const visitor: Page = await (await context()).newPage();
  const errors = [staff, maker, expert, visitor].map(collectErrors);

  // The robot space's operations officer drafts the challenge with a panel of one expert and publishes it.
  await signIn(staff, 'op_robot_staff');
  await staff.getByRole('menuitem', { name: '众包任务' }).click();
  await staff.getByTestId('challenge-create').click();
  const form = staff.locator('.ant-modal');
  await form.getByTestId('challenge-space').click();
  await staff.locator('.ant-select-dropdown:visible').getByText('沈阳智能机器人专业化众创空间').click();
  await form.getByTestId('challenge-title').fill(title);
  await form.getByTestId('challenge-field').click();
  await staff.locator('.ant-select-dropdown:visible').getByText('高端装备制造').click();
  await form.getByTestId('challenge-description').fill('机器人关节减速器在低速时噪声偏大，需要一种降噪方案，噪声降低 5 分贝以上。');
  await form.getByTestId('challenge-deliverables').fill('降噪方案说明与测试报告');
  await form.getByTestId('challenge-confidentiality').fill('集团提供的减速器图纸不得外传。');
  await form.getByTestId('challenge-reward').fill('30000');
  await form.getByLabel('截止日期').click();
  await form.getByLabel('截止日期').fill(ahead());
  await form.getByLabel('截止日期').press('Enter');
  await form.getByTestId('challenge-panel').click();
  await staff.locator('.ant-select-dropdown:visible').getByText('李研究员（评审专家）').click();
  await form.getByTestId('challenge-title').click();
  await form.getByRole('button', { name: /提\s?交/ }).click();
  const row = staff.getByRole('row').filter({ hasText: title });
  await expect(row).toContainText('草稿');
  await row.getByRole('link', { name: title }).click();
  await staff.getByTestId('challenge-publish').click();
  await expect(staff.getByText('征集中').first()).toBeVisible();

  // A maker finds it in the challenge hall and submits a solution with a file.
  await signIn(maker, 'maker_chen');
  await maker.getByRole('menuitem', { name: '众包任务大厅' }).click();
  await maker.getByRole('link', { name: title }).click();
  await maker.getByTestId('solution-title').fill('斜齿修形降噪方案');
  await maker.getByTestId('solution-summary').fill('对减速器斜齿进行齿廓修形并增加阻尼垫，实测噪声降低 6 分贝。');
  await maker.locator('input[type=file]').setInputFiles({ name: '降噪方案.pdf', mimeType: 'application/pdf', buffer: PDF });
  await expect(maker.getByText('降噪方案.pdf')).toBeVisible();
  await maker.getByTestId('solution-submit').click();
  await expect(maker.getByTestId('my-solution-open')).toBeVisible();

  // The staff close submissions; the panel's expert scores the solution.
  await staff.reload();
  await expect(staff.getByTestId('solutions-table')).toContainText('斜齿修形降噪方案');
  await staff.getByTestId('challenge-judge').click();
  await staff.locator('.ant-popconfirm').getByRole('button', { name: /确\s?定|OK/ }).click();
  await expect(staff.getByText('评审中').first()).toBeVisible();

  await signIn(expert, 'expert_li');
  await expert.getByRole('menuitem', { name: '众包评审' }).click();
  await expert.getByRole('link', { name: title }).click();
  await expert.getByTestId('solution-open-陈晨智能硬件创客团队').click();
  await expert.getByTestId('score-value').fill('91');
  await expert.getByTestId('score-comment').fill('修形方案可靠，成本低。');
  await expert.getByTestId('score-save').click();
  await expect(expert.locator('.ant-drawer')).toContainText('李研究员（评审专家）：91');
  await expect(expert.locator('.ant-drawer')).toContainText('阻尼垫');

  // The staff award it: the IP terms are recorded with the award.
  await staff.reload();
  await expect(staff.getByTestId('solutions-table')).toContainText('91');
  // The staff are not on this panel: they award on its scores and never see the solution's content.
  await staff.getByTestId('solution-open-陈晨智能硬件创客团队').click();
  await expect(staff.getByTestId('solution-content-private')).toHaveText('方案内容仅评审组和提交团队可见');
  await expect(staff.locator('.ant-drawer')).toContainText('李研究员（评审专家）：91');
  await expect(staff.locator('.ant-drawer')).not.toContainText('阻尼垫');
  await staff.keyboard.press('Escape');
  await expect(staff.locator('.ant-drawer-open')).toHaveCount(0);
  await staff.getByTestId('solution-award-陈晨智能硬件创客团队').click();
  await staff.locator('.ant-popconfirm').getByRole('button', { name: /确\s?定|OK/ }).click();
  await expect(staff.getByTestId('challenge-award')).toContainText('陈晨智能硬件创客团队');
  await expect(staff.getByTestId('challenge-award')).toContainText('归属发包方');

  // Anyone sees the award on the portal: the team and the reward, no person and no solution.
  await visitor.goto('/portal/crowd');
  await visitor.getByText('评定结果').click();
  await visitor.getByRole('link', { name: title }).click();
  await expect(visitor.getByTestId('challenge-award')).toContainText('陈晨智能硬件创客团队，奖金 30,000 元');
  await expect(visitor.locator('body')).not.toContainText('斜齿修形降噪方案');
  await expect(visitor.locator('body')).not.toContainText('陈晨（创客）');

  // The solution stays private: another team's account cannot open it.
  const other = await apiSession('maker_zhang');
  const challenges = (await other.call('get', '/api/crowd/published?pageSize=100')).items as { id: string; title: string }[];
  const id = challenges.find((c) => c.title === title)!.id;
  expect(((await other.call('get', `/api/crowd/challenges/${id}/solutions`)) as { items: unknown[] }).items).toEqual([]);

  for (const e of errors) expect(e).toEqual([]);
});

test('an operator reads its financing requests with matching investors and recorded investments, and its funds', async ({ page }) => {
  const errors = collectErrors(page);
  await signIn(page, 'cg_zhineng');
  await page.getByRole('menuitem', { name: '基金与投融资' }).click();
  const funded = page.getByRole('row').filter({ has: page.getByRole('cell', { name: '已获投资', exact: true }) }).first();
  await expect(funded).toBeVisible();
  await funded.locator('a').first().click();
  const drawer = page.locator('.ant-drawer');
  await expect(drawer).toContainText('匹配的投资方');
  await expect(drawer).toContainText('中原科创天使投资合伙企业');
  await expect(drawer).toContainText('投资记录');
  await drawer.getByRole('button', { name: 'Close' }).or(drawer.locator('.ant-drawer-close')).first().click();
  await page.getByRole('tab', { name: '基金' }).click();
  await expect(page.getByRole('row').filter({ hasText: '长葛智能装备天使基金' })).toContainText('1,000');
  await page.getByRole('tab', { name: '投资方' }).click();
  await expect(page.getByRole('row').filter({ hasText: '许昌产业升级投资基金' })).toBeVisible();
  expect(errors).toEqual([]);
});
