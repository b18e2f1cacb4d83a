import fs from 'node:fs';
import { expect as baseExpect } from '@playwright/test';
import { apiSession, collectErrors, signIn, test } from './helpers';

// Browser suites share two cores: pages of a busy server answer slower than the default 5 s.
const expect = baseExpect.configure({ timeout: 20_000 });

fs.mkdirSync('test-results/screenshots', { recursive: true });
test.use({ viewport: { width: 1366, height: 768 } });

/** A filed space of the demo history (src/seed/history-data.ts): the public activity register lists filed spaces only. */
const SPACE_ADMIN = 'sy_huakang';
const FILED_SPACE = '沈阳浑南生物医药专业化众创空间';
const HOUR = 3600_000;

/**
 * Issue 16's path through the pages: 华康's space admin registers a salon (the draft through the API)
 * and publishes it on 活动管理; the maker 陈晨 finds the space in the public directory, follows the
 * event's 报名 link on its page to 活动报名, signs up and shows the check-in code; the space's scanner
 * checks it in (a second scan counts nothing); the event is marked held with its summary and appears
 * on the portal's public 活动登记 with its attendance and no names, and on the space's own page.
 */
test('staff publish an event, a maker signs up from the directory, is checked in, and the held event shows on the space’s public activity record', async ({ page, browser }) => {
  test.setTimeout(240_000);
  const errors = collectErrors(page);
  const admin = await apiSession(SPACE_ADMIN);
  const spaces = (await admin.call('get', '/api/spaces?pageSize=100')) as { items: { id: string; name: string }[] };
  const space = spaces.items.find((s) => s.name === FILED_SPACE)!;
  const title = `生物医药合规沙龙 ${Date.now().toString(36)}`;
  const now = Date.now();
  const draft = (await admin.call('post', `/api/events/spaces/${space.id}`, {
    title,
    kind: 'salon',
    role: 'joint',
    partners: ['沈阳药科大学'],
    subField: '创新药',
    description: '药品注册与临床试验合规要点交流。',
    place: '一层路演厅',
    onlineUrl: null,
    startsAt: new Date(now - HOUR).toISOString(),
    endsAt: new Date(now + 2 * HOUR).toISOString(),
    capacity: 30,
    signupOpensAt: new Date(now - 24 * HOUR).toISOString(),
    signupClosesAt: new Date(now + HOUR).toISOString(),
    needsApproval: false,
  })) as { id: string; revision: number };
  // Its sign-up form asks one required question.
  await admin.call('put', `/api/events/${draft.id}/form`, { fields: [{ type: 'text', labelZh: '所在团队', required: true }], revision: draft.revision });

  // The space's admin publishes it on 活动管理.
  const desk = await (await browser.newContext({ baseURL: test.info().project.use.baseURL, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1366, height: 768 } })).newPage();
  const deskErrors = collectErrors(desk);
  await signIn(desk, SPACE_ADMIN);
  await desk.getByRole('navigation', { name: '导航菜单' }).getByRole('menuitem', { name: '活动管理' }).click();
  await desk.getByRole('link', { name: title }).click();
  await expect(desk).toHaveURL(new RegExp(`/app/events/${draft.id}`));
  // The draft is edited (more seats), then published.
  await desk.getByRole('button', { name: /编\s*辑/ }).click();
  await desk.getByRole('dialog').getByLabel('名额').fill('40');
  await desk.getByRole('dialog').getByRole('button', { name: /保\s*存/ }).click();
  await expect(desk.getByText('已占名额 0 / 40')).toBeVisible();
  await desk.getByRole('button', { name: /发\s*布/ }).click();
  await expect(desk.getByText('已发布').first()).toBeVisible();

  // The maker finds the space in the public directory, opens its page and follows the event's 报名 link.
  await signIn(page, 'maker_chen');
  await page.goto('/portal/spaces');
  await page.getByRole('search').getByLabel('名称、领域或英文名称').fill('浑南生物医药');
  await page.getByRole('search').getByLabel('名称、领域或英文名称').press('Enter');
  await page.getByTestId('space-directory').getByRole('link', { name: FILED_SPACE }).click();
  await expect(page.getByTestId('space-name')).toHaveText(FILED_SPACE);
  const spacePage = page.url();
  await expect(page.getByTestId('space-open-events')).toContainText(title);
  await page.getByTestId('space-open-events').getByRole('link', { name: `报名 ${title}` }).click();
  await expect(page).toHaveURL(new RegExp(`/app/my-events\\?spaceId=${space.id}`));
  await expect(page.getByText('仅显示该众创空间的活动')).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: title });
  await row.getByRole('button', { name: /报\s*名/ }).click();
  // The form opens first: the required question is answered.
  const answers = page.getByRole('dialog');
  await answers.getByLabel('所在团队').fill('康复器械创客团队');
  await answers.getByRole('button', { name: /确\s*定|OK/ }).click();
  await expect(page.getByText('报名结果：已确认')).toBeVisible();
  await page.getByRole('tab', { name: '我的活动' }).click();
  const mine = page.getByRole('row').filter({ hasText: title });
  await expect(mine).toContainText('已确认');
  await mine.getByText('签到二维码').click();
  await expect(page.getByRole('dialog').locator('.ant-qrcode')).toBeVisible();
  const token = (await page.getByTestId('signup-token').innerText()).trim();
  expect(token.length).toBeGreaterThanOrEqual(16);
  await page.screenshot({ path: 'test-results/screenshots/events-qr.png' });

  // The scanner checks the code in; a second scan is not counted again. The second code is typed
  // while the first scan's figures are still being read again: it stays in the box when they arrive.
  await desk.reload();
  await desk.getByRole('tab', { name: '签到' }).click();
  const eventRead = /\/api\/events\/[0-9a-f-]{36}$/;
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await desk.route(eventRead, async (route) => {
    await held;
    await route.continue();
  });
  await desk.getByLabel('签到码').fill(token);
  await desk.getByRole('button', { name: /签\s*到/ }).last().click();
  await expect(desk.getByTestId('scan-result')).toContainText('签到成功');
  await desk.getByLabel('签到码').fill(token);
  const reread = desk.waitForResponse((r) => eventRead.test(new URL(r.url()).pathname) && r.request().method() === 'GET');
  release();
  await reread;
  await desk.unroute(eventRead);
  await expect(desk.getByLabel('签到码')).toHaveValue(token);
  await desk.getByLabel('签到码').press('Enter');
  await expect(desk.getByTestId('scan-result')).toContainText('已签到');
  await desk.screenshot({ path: 'test-results/screenshots/events-scanner.png' });

  // The staff read the answer in the sign-up list.
  await desk.getByRole('tab', { name: '报名名单' }).click();
  await expect(desk.getByTestId('signup-answers').first()).toContainText('所在团队：康复器械创客团队');
  // …and export it: a workbook with the answer as a column.
  const download = desk.waitForEvent('download');
  await desk.getByTestId('signups-export').click();
  expect((await download).suggestedFilename()).toBe(`${title}-报名名单.xlsx`);
  await desk.getByRole('tab', { name: '签到' }).click();

  // Marked held with its summary.
  await desk.getByRole('button', { name: '标记为已举办' }).click();
  await desk.getByRole('dialog').getByLabel('活动总结（不少于 10 字）').fill('二十余位创业者参加，围绕临床试验合规展开交流。');
  await desk.getByRole('dialog').getByRole('button', { name: /确\s*定|OK/ }).click();
  await expect(desk.getByText('已举办').first()).toBeVisible();
  // A photo of the event (a PNG) goes up on the held event.
  await desk.getByTestId('event-photos').locator('input[type=file]').setInputFiles('test-results/screenshots/events-scanner.png');
  await expect(desk.getByTestId('event-photos').locator('.ant-upload-list-item')).toHaveCount(1);
  // A second one, then moved first: the public record shows them in that order.
  await desk.getByTestId('event-photos').locator('input[type=file]').setInputFiles('test-results/screenshots/events-qr.png');
  await expect(desk.getByTestId('event-photos').locator('.ant-upload-list-item')).toHaveCount(2);
  const firstBefore = await desk.getByTestId('event-photos').locator('.ant-upload-list-item img').first().getAttribute('src');
  await desk.getByTestId('event-photos').getByRole('button', { name: '前移' }).last().click();
  await expect(desk.getByText('照片顺序已调整，活动登记按此顺序展示')).toBeVisible();
  await expect(desk.getByTestId('event-photos').locator('.ant-upload-list-item img').last()).toHaveAttribute('src', firstBefore!);

  // The portal's public register lists it with the attendance, and no name.
  const visitor = await (await browser.newContext({ baseURL: test.info().project.use.baseURL, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })).newPage();
  await visitor.goto('/portal/activities');
  const item = visitor.getByTestId('activity-item').filter({ hasText: title });
  await expect(item).toContainText(FILED_SPACE);
  await expect(item).toContainText('签到 1 人');
  await expect(item).toContainText('联合举办');
  await expect(visitor.getByText('陈晨')).toHaveCount(0);
  await expect(item.getByTestId('activity-photos').locator('img')).toHaveCount(2);
  expect(await item.getByTestId('activity-photos').locator('img').last().getAttribute('src')).toContain(`/photos/${firstBefore!.split('/').pop()}`);
  await visitor.screenshot({ path: 'test-results/screenshots/events-public.png' });
  // …and so does the space's own public page (登记和宣传), where the maker found it.
  await visitor.goto(new URL(spacePage).pathname);
  await expect(visitor.getByTestId('space-activities')).toContainText(title);
  await expect(visitor.getByText('陈晨')).toHaveCount(0);

  expect(errors).toEqual([]);
  expect(deskErrors).toEqual([]);
});
