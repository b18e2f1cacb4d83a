import { expect, type Page } from '@playwright/test';
import { apiSession, collectErrors, PDF, signIn, test } from './helpers';

test('a maker applies to an open call, a reviewer scores it, the organiser publishes and the portal shows the result', async ({ browser }) => {
  test.setTimeout(300_000);
  const baseURL = test.info().project.use.baseURL!;
  const stamp = Date.now() % 1_000_000;
  const title = `浏览器测试路演征集${stamp}`;
  const project = `浏览器测试项目${stamp}`;
  const context = () => browser.newContext({ baseURL, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const [staff, maker, expert, visitor] = (await Promise.all([0, 1, 2, 3].map(async () => (await context()).newPage()))) as [Page, Page, Page, Page];
  const errors = [staff, maker, expert, visitor].map(collectErrors);

  // The robot space opens a call on one of its roadshows whose window closes in a minute (the browser
  // test cannot wait days); expert_li reviews it. Drafting it through the form is covered by the API tests.
  const organiser = await apiSession('op_robot_staff');
  const events = (await organiser.call('get', '/api/events/managed?kind=roadshow&pageSize=100')).items as { id: string; spaceId: string; spaceName: string; status: string }[];
  const roadshow = events.find((e) => e.spaceName === '沈阳智能机器人专业化众创空间' && e.status !== 'cancelled')!;
  const experts = (await organiser.call('get', '/api/pitch-calls/panel-candidates')) as { userId: string; displayName: string }[];
  const closesAt = new Date(Date.now() + 60_000);
  const draft = await organiser.call('post', `/api/pitch-calls/spaces/${roadshow.spaceId}`, {
    eventId: roadshow.id,
    title,
    field: 'advanced_equipment',
    eligibility: '机器人方向的创客团队。',
    opensAt: new Date(Date.now() - 60_000).toISOString(),
    closesAt: closesAt.toISOString(),
    criteria: [
      { name: '技术创新性', weight: 60 },
      { name: '市场前景', weight: 40 },
    ],
    awardCount: 1,
    panelUserIds: [experts.find((e) => e.displayName === '李研究员（评审专家）')!.userId],
  });
  await organiser.call('post', `/api/pitch-calls/${draft.id}/open`, { revision: draft.revision });

  // A maker finds it among the open calls and applies with a business plan.
  await signIn(maker, 'maker_chen');
  await maker.getByRole('menuitem', { name: '路演与大赛' }).click();
  await maker.getByRole('link', { name: title }).click();
  await maker.getByTestId('pitch-app-name').fill(project);
  await maker.getByTestId('pitch-app-summary').fill('面向汽车零部件工厂的视觉抓取模组，识别准确率 99%。');
  await maker.getByTestId('pitch-app-team').fill('陈晨（负责人）、王磊（结构）');
  await maker.locator('input[type=file]').setInputFiles({ name: '商业计划书.pdf', mimeType: 'application/pdf', buffer: PDF });
  await expect(maker.getByText('商业计划书.pdf')).toBeVisible();
  await maker.getByTestId('pitch-app-submit').click();
  await expect(maker.getByTestId('my-pitch-open')).toBeVisible();

  // Once the window has closed the organiser starts the review.
  await signIn(staff, 'op_robot_staff');
  await staff.waitForTimeout(Math.max(0, closesAt.getTime() - Date.now() + 1_000));
  await staff.goto(`/app/pitch-calls/${draft.id}`);
  await expect(staff.getByTestId('pitch-applications')).toContainText(project);
  await staff.getByTestId('pitch-review').click();
  await staff.locator('.ant-popconfirm').getByRole('button', { name: /确\s?定|OK/ }).click();
  await expect(staff.getByText('评审中').first()).toBeVisible();

  // The assigned expert declares no conflict and scores each criterion.
  await signIn(expert, 'expert_li');
  await expert.getByRole('menuitem', { name: '路演大赛评审' }).click();
  await expert.getByTestId(`review-open-${project}`).click();
  await expert.getByTestId('pitch-score-c1').fill('90');
  await expert.getByTestId('pitch-score-c2').fill('80');
  await expert.getByTestId('pitch-score-save').click();
  await expect(expert.locator('.ant-drawer')).toContainText('李研究员（评审专家）：86');

  // The organiser sees the ranking, names the award and publishes.
  await staff.reload();
  await expect(staff.getByTestId('pitch-applications')).toContainText('86');
  await staff.getByTestId(`pitch-award-${project}`).fill('最佳路演项目');
  await staff.getByTestId('pitch-save-awards').click();
  await expect(staff.getByText('已保存奖项')).toBeVisible();
  await staff.getByTestId('pitch-publish').click();
  await staff.locator('.ant-popconfirm').getByRole('button', { name: /确\s?定|OK/ }).click();
  await expect(staff.getByTestId('pitch-results')).toContainText(project);

  // Anyone sees the result on the portal: project, team, rank and award; no person, no score.
  await visitor.goto('/portal/pitches');
  await visitor.getByText('评审结果').click();
  const item = visitor.getByTestId('public-pitches').locator('.ant-list-item').filter({ hasText: title });
  await expect(item).toContainText(`${project}（陈晨智能硬件创客团队）`);
  await expect(item).toContainText('最佳路演项目');
  await expect(visitor.locator('body')).not.toContainText('陈晨（');
  await expect(visitor.locator('body')).not.toContainText('王磊');

  for (const e of errors) expect(e).toEqual([]);
});
