import fs from 'node:fs';
import { expect } from '@playwright/test';
import { apiSession, collectErrors, refused, signIn, test } from './helpers';

/** The toolbar's buttons, not the confirmation's (names end with the icon's label first). */
const SAVE = /(^|\s)保\s?存$/;
const PUBLISH = /(^|\s)发\s?布$/;
/** The demo's history: rounds of the years before this one, released with their grades. */
const YEAR = new Date().getFullYear();
const XUCHANG = '许昌市级众创空间2026年度评价方案（技术支撑类、投资驱动类、综合类）';

fs.mkdirSync('test-results/screenshots', { recursive: true });

test('an authority clones the evaluation scheme, edits an indicator (the server names a bad field), publishes and previews it', async ({ page }) => {
  const errors = collectErrors(page);
  test.setTimeout(240_000);
  await signIn(page, 'xc_admin');
  await page.getByRole('menuitem', { name: '统计评价' }).click();
  await expect(page.getByRole('link', { name: XUCHANG })).toBeVisible();
  await page.getByRole('link', { name: XUCHANG }).click();

  // The shipped version reads in words, marks the platform's own numbers, and cannot be edited.
  await expect(page.getByTestId('scoring-mentors')).toHaveText('不足3人不得分；达到3人得3分，每增加1人加0.5分，最高8分');
  await expect(page.getByTestId('item-workstations')).toContainText('统计报表：');
  await expect(page.getByTestId('platform-choice').first()).toBeVisible();
  await expect(page.getByTestId('bands')).toContainText('优秀');
  await expect(page.getByRole('button', { name: SAVE })).toHaveCount(0);

  await page.getByRole('button', { name: '复制为本辖区草稿' }).click();
  await page.getByRole('dialog').getByRole('button', { name: /确\s?定/ }).click();
  await expect(page.getByText(`已复制为草稿“${XUCHANG}”`)).toBeVisible();
  await expect(page.getByRole('button', { name: SAVE })).toBeVisible();
  const draftId = page.url().split('/').at(-1)!;

  // A cap below the base points: nothing is saved and the server's message sits under the cap.
  await page.getByLabel('创业导师 封顶分').fill('1');
  await page.getByRole('button', { name: SAVE }).click();
  await expect(page.getByTestId('scheme-errors')).toContainText('创业导师：封顶分不能低于基础分');
  await expect(page.getByTestId('item-mentors').locator('.ant-form-item-explain-error')).toHaveText('封顶分不能低于基础分');
  await page.getByLabel('创业导师 封顶分').fill('10');
  await page.getByRole('button', { name: SAVE }).click();
  await expect(page.getByText('已保存', { exact: true })).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/evaluation-draft.png', fullPage: true });

  await page.getByRole('button', { name: PUBLISH }).click();
  await page.getByRole('dialog').getByRole('button', { name: PUBLISH }).click();
  await expect(page.getByText('已发布为第 2 版')).toBeVisible();
  await expect(page.getByTestId('scoring-mentors')).toHaveText('不足3人不得分；达到3人得3分，每增加1人加0.5分，最高10分');

  // The preview scores last year's accepted returns of 许昌's spaces: grades as a chart, every point explained.
  await page.getByRole('tab', { name: '预览' }).click();
  await expect(page.getByText(/共试算 \d+ 个空间（\d{4} 年度数据）/)).toBeVisible();
  await expect(page.getByTestId('preview-distribution').locator('canvas')).toBeVisible();
  await page.getByRole('button', { name: '展开行' }).first().click();
  await expect(page.locator('[data-testid^="explanation-"]').first()).toContainText(/工位 \d+ 个：达到50得5分，每增加1个加0\.1分/);
  await page.screenshot({ path: 'test-results/screenshots/evaluation-preview.png', fullPage: true });

  // Last year's round: its published grades as a chart, every point of a space explained.
  await page.getByRole('menuitem', { name: '年度评价' }).click();
  await page.getByRole('link', { name: `许昌市${YEAR - 1}年度众创空间评价` }).click();
  await expect(page.getByTestId('round-distribution').locator('canvas')).toBeVisible();
  await expect(page.locator('[data-grade]').first()).toBeVisible();
  await page.getByRole('button', { name: '展开行' }).first().click();
  await expect(page.locator('[data-testid^="entry-explanation-"]').first()).toContainText(/评为/);
  // 神垕钧瓷 let the deadline pass: the due job handed it in as 应评未评, and it was published 不合格 for that.
  await expect(page.getByTestId('round-progress')).toContainText('其中应评未评 1');
  const missed = page.getByRole('row', { name: /神垕钧瓷文创众创空间/ });
  await expect(missed).toContainText('应评未评');
  await expect(missed.locator('[data-grade]')).toHaveAttribute('data-grade', 'fail');
  await page.screenshot({ path: 'test-results/screenshots/evaluation-round.png', fullPage: true });

  expect(errors).toEqual([refused(400, `/api/evaluation/schemes/${draftId}`)]);
});

test("an operator sees its spaces' evaluations: last year's grade explained, this year's summary to write", async ({ page }) => {
  const errors = collectErrors(page);
  await signIn(page, 'cg_zhineng');
  await page.getByRole('menuitem', { name: '年度评价' }).click();
  await page.getByRole('row', { name: new RegExp(`${YEAR - 1}年度`) }).first().getByRole('link').click();
  await expect(page.getByText('评价结果')).toBeVisible();
  await expect(page.getByTestId('my-explanation')).toContainText('评为');
  await page.getByRole('link', { name: /返回年度评价/ }).click();
  await page.getByRole('row', { name: new RegExp(`${YEAR}年度`) }).first().getByRole('link').click();
  await expect(page.getByText('年度工作总结')).toBeVisible();
  await expect(page.getByLabel('基本情况')).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/evaluation-operator.png', fullPage: true });
  expect(errors).toEqual([]);
});

/** The operator's account of each demo space of 许昌 (src/seed/history-data.ts). */
const OPERATOR_OF: Record<string, string> = {
  长社科创众创空间: 'cs_kechuang',
  钧都创客众创空间: 'yz_juncy',
  长葛再生金属创新众创空间: 'cg_zaisheng',
  禹州药谷众创空间: 'yz_yaogu',
  长葛电商创业众创空间: 'cg_fengchan',
  神垕钧瓷文创众创空间: 'yz_shenhou',
  长葛智能装备众创空间: 'cg_zhineng',
  禹州青年创业园众创空间: 'yz_qingnian',
  长葛汇智众创空间: 'cg_huizhi',
};

test('an authority releases a round’s grades on the decisions page, and the grade shows to the operator', async ({ page }) => {
  test.setTimeout(240_000);
  const errors = collectErrors(page);
  // This year's evaluation handed in (the history's one), brought to the city's decision through the
  // stages the other specs drive: the county's opinion, the scores, the notice, a recorded decision.
  const xc = await apiSession('xc_admin');
  const title = `许昌市${YEAR}年度众创空间评价`;
  const round = ((await xc.call('get', '/api/evaluation/rounds?pageSize=50')).items as { id: string; title: string }[]).find((r) => r.title === title)!;
  const entries = (await xc.call('get', `/api/evaluation/rounds/${round.id}/entries?pageSize=50`)).items as { id: string; status: string; space: { name: string; regionName: string } }[];
  const entry = entries.find((e) => e.status !== 'draft')!;
  const county = await apiSession(entry.space.regionName.startsWith('长葛') ? 'cg_reviewer' : 'yz_reviewer');
  await county.call('put', `/api/evaluation/entries/${entry.id}/opinion`, { opinion: '该空间年度工作总结属实，统计数据与日常掌握情况一致。' });
  await county.call('post', `/api/review/applications/${entry.id}/pass`, {
    stageKey: 'county_opinion',
    checklist: [
      { key: 'summary_read', verdict: 'ok', note: '已审阅' },
      { key: 'figures_checked', verdict: 'ok', note: '与日常掌握情况一致' },
    ],
    note: '同意参加评价',
  });
  await xc.call('post', `/api/evaluation/rounds/${round.id}/scores`, {});
  await xc.call('post', '/api/notices', {
    callId: round.id,
    stageKey: 'city_notice',
    applicationIds: [entry.id],
    title: `许昌市${YEAR}年度众创空间评价结果公示`,
    body: '现将评价结果予以公示，公示期内如有异议，请以实名书面形式向许昌市科学技术局反映。',
    startsAt: new Date(Date.now() - 60_000).toISOString(),
    endsAt: new Date(Date.now() + 3_000).toISOString(),
  });
  // The server's notice.conclude job moves it on once the notice ends (no objection).
  await expect
    .poll(async () => ((await xc.call('get', `/api/evaluation/rounds/${round.id}/entries?pageSize=50`)).items as { id: string; stageKey: string | null }[]).find((e) => e.id === entry.id)!.stageKey, { timeout: 60_000 })
    .toBe('city_decision');
  const reviewer = await apiSession('xc_reviewer');
  await reviewer.call('post', '/api/decisions', { applicationId: entry.id, stageKey: 'city_decision', outcome: 'approve', reason: '评价等次依据充分', checklist: [{ key: 'grade_basis', verdict: 'ok', note: '依据充分' }] });

  // The city's admin releases it as the published list of grades with its 文号.
  await signIn(page, 'xc_admin', '/app/decisions');
  await page.getByTestId('decision-call').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: title }).first().click();
  await page.getByRole('row', { name: new RegExp(entry.space.name) }).getByRole('checkbox').check();
  await page.getByTestId('decision-release').click();
  await page.getByLabel('名单标题').fill(`许昌市${YEAR}年度众创空间评价结果`);
  await page.getByLabel('文号').fill(`许科〔${YEAR}〕66号`);
  await page.getByLabel('发文日期').fill(`${YEAR}-12-01`);
  await page.getByLabel('发文日期').press('Enter');
  await page.getByTestId('decision-release-confirm').click();
  await expect(page.getByRole('row', { name: new RegExp(entry.space.name) })).toHaveCount(0);

  // The round page counts it published; its grade stands in the table.
  await page.getByRole('menuitem', { name: '年度评价' }).click();
  await page.getByRole('link', { name: title }).click();
  await expect(page.getByTestId('round-progress')).toContainText('已发布 1');
  const row = page.getByRole('row', { name: new RegExp(entry.space.name) });
  await expect(row.locator('[data-grade]')).toBeVisible();
  await expect(row.getByRole('link', { name: entry.space.name })).toHaveAttribute('href', /\/app\/space-timeline\//);
  await page.screenshot({ path: 'test-results/screenshots/evaluation-released.png', fullPage: true });

  // The space's history charts its grades over the years; the new one dated the day its list was issued.
  await row.getByRole('link', { name: entry.space.name }).click();
  const grades = page.getByTestId('timeline-grades');
  await expect(grades.locator('canvas')).toBeVisible();
  await expect(page.getByTestId('space-timeline')).toContainText(`市级${YEAR} 年度评价`);
  await expect(page.getByTestId('space-timeline')).toContainText(`许科〔${YEAR}〕66号`);
  await expect(page.getByTestId('space-timeline')).toContainText(`${YEAR}/12/01`);
  await grades.screenshot({ path: 'test-results/screenshots/space-grades-chart.png' });
  await grades.getByText('表格').click();
  await expect(grades.getByRole('row', { name: new RegExp(`许科〔${YEAR}〕66号（${YEAR}-12-01）`) })).toBeVisible();
  // The demo's two past years stand beside it.
  await expect(grades.locator('.ant-table-tbody tr.ant-table-row')).toHaveCount(3);
  await page.screenshot({ path: 'test-results/screenshots/space-timeline-grades.png', fullPage: true });

  // The operator reads this year's grade, explained.
  await page.goto('about:blank');
  await page.context().clearCookies();
  await signIn(page, OPERATOR_OF[entry.space.name]!);
  await page.getByRole('menuitem', { name: '年度评价' }).click();
  const mine = page.getByRole('row', { name: new RegExp(`${YEAR}年度`) }).filter({ hasText: entry.space.name });
  await expect(mine.locator('[data-grade]')).toBeVisible();
  await mine.getByRole('link').first().click();
  await expect(page.getByText('评价结果')).toBeVisible();
  await expect(page.getByTestId('my-explanation')).toContainText('评为');
  await page.screenshot({ path: 'test-results/screenshots/evaluation-operator-grade.png', fullPage: true });
  expect(errors).toEqual([]);
});
