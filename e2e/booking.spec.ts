import fs from 'node:fs';
import { expect as baseExpect } from '@playwright/test';
import ExcelJS from 'exceljs';
import { apiSession, collectErrors, signIn, test } from './helpers';

// Browser suites share two cores: pages of a busy server answer slower than the default 5 s.
const expect = baseExpect.configure({ timeout: 20_000 });

fs.mkdirSync('test-results/screenshots', { recursive: true });
test.use({ viewport: { width: 1366, height: 768 } });

/** A filed space of the demo history (src/seed/history-data.ts): the platform-wide search covers filed spaces only. */
const SPACE_ADMIN = 'sy_huakang';
const FILED_SPACE = '沈阳浑南生物医药专业化众创空间';
const HALF_HOUR = 30 * 60_000;
const SHANGHAI = 8 * 3600_000;
/** An instant as its Shanghai day and time: ['2026-12-04', '09:30']. */
const shanghai = (at: number) => {
  const iso = new Date(at + SHANGHAI).toISOString();
  return [iso.slice(0, 10), iso.slice(11, 16)] as const;
};

/**
 * Issue 15's path through the pages: 华康's space admin shares a laser cutter (set up through the API:
 * open round the clock to outside makers, no notice); the maker 陈晨 finds it through the platform-wide
 * search, books the next half hour in the day's slot view and shows the QR code; the space's desk
 * checks the booking in by its code and out again; the booking is in the space's usage export.
 */
test('a maker finds a machine through search, books it, is checked in by staff, and the booking shows in the usage export', async ({ page, browser }) => {
  // Two users, two sessions and a download on a shared machine: more than the default 90 s.
  test.setTimeout(240_000);
  const errors = collectErrors(page);
  const admin = await apiSession(SPACE_ADMIN);
  const spaces = (await admin.call('get', '/api/spaces?pageSize=100')) as { items: { id: string; name: string }[] };
  const space = spaces.items.find((s) => s.name === FILED_SPACE)!;
  const name = `激光切割机 E2E-${Date.now().toString(36)}`;
  const allDay = { open: 0, close: 1440 };
  const resource = (await admin.call('post', `/api/booking/spaces/${space.id}/resources`, {
    kind: 'equipment',
    name,
    category: '激光切割',
    specs: { 幅面: '1300×900 mm', 功率: '100 W' },
    location: '一层加工区 A-03',
    description: '木板、亚克力切割与雕刻',
    feeBasis: 'cost_recovery',
    feeUnit: 'hour',
    priceFen: 6000,
    freeQuotaHours: 0,
    openingHours: [allDay, allDay, allDay, allDay, allDay, allDay, allDay],
  })) as { id: string };
  await admin.call('put', `/api/booking/resources/${resource.id}/rules/outside_maker`, {
    windowDays: 7,
    noticeMinutes: 0,
    minMinutes: 30,
    maxMinutes: 240,
    bufferMinutes: 0,
    dailyCapMinutes: 480,
    futureCap: 5,
    needsApproval: false,
    requiresQualification: false,
  });

  // The maker searches the whole platform by keyword and category.
  await signIn(page, 'maker_chen');
  await page.getByRole('navigation', { name: '导航菜单' }).getByRole('menuitem', { name: '设备预约' }).click();
  await page.getByTestId('booking-search-q').fill(name);
  await page.getByRole('button', { name: /查\s*询/ }).click();
  await expect(page).toHaveURL(/q=/);
  await expect(page.getByTestId('booking-resource-link')).toHaveCount(1);
  await expect(page.getByRole('row').filter({ hasText: name })).toContainText(space.name);
  await page.getByTestId('booking-resource-link').click();
  await expect(page.getByText('1300×900 mm')).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: '外部创客' })).toBeVisible();

  // The next half hour, at least a minute ahead; check-in opens 30 minutes before the start, so in
  // the last minute before a half hour the test waits for it to pass (else the slot booked is the
  // half hour after, whose check-in the desk would try before it opens).
  const untilNextHalfHour = HALF_HOUR - (Date.now() % HALF_HOUR);
  if (untilNextHalfHour <= 60_000) await page.waitForTimeout(untilNextHalfHour + 1_000);
  const start = Math.ceil((Date.now() + 60_000) / HALF_HOUR) * HALF_HOUR;
  const [day, time] = shanghai(start);
  if (day !== shanghai(Date.now())[0]) await page.goto(`/app/booking/${resource.id}?day=${day}`);
  await page.getByTestId(`slot-${time}`).click();
  await page.getByTestId('booking-end').click();
  await page.locator('.ant-select-item-option').first().click();
  await page.getByLabel('用途').fill('样机外壳切割');
  await page.screenshot({ path: 'test-results/screenshots/booking-slots.png' });
  await page.getByTestId('booking-submit').click();
  await expect(page).toHaveURL(/\/app\/my-bookings/);
  const mine = page.getByRole('row').filter({ hasText: name });
  await expect(mine).toContainText('已确认');
  await mine.getByTestId('booking-qr').click();
  await expect(page.getByRole('dialog').locator('.ant-qrcode')).toBeVisible();
  const token = (await page.getByTestId('booking-token').innerText()).trim();
  expect(token.length).toBeGreaterThanOrEqual(16);
  await page.screenshot({ path: 'test-results/screenshots/booking-qr.png' });

  // The space's staff scan the code at the desk, then check the maker out.
  const desk = await (await browser.newContext({ baseURL: test.info().project.use.baseURL, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1366, height: 768 } })).newPage();
  const deskErrors = collectErrors(desk);
  await signIn(desk, SPACE_ADMIN, `/app/resources?space=${space.id}&tab=today`);
  const row = desk.getByRole('row').filter({ hasText: name });
  await expect(row).toContainText('陈晨');
  await expect(row).toContainText('已确认');
  await desk.getByTestId('check-in-token').locator('input').fill(token);
  await desk.getByTestId('check-in-token').locator('input').press('Enter');
  await expect(row).toContainText('使用中');
  await row.getByTestId('booking-check-out').click();
  await desk.getByRole('dialog').getByRole('button', { name: /确\s*定/ }).click();
  await expect(row).toContainText('已完成');
  await desk.screenshot({ path: 'test-results/screenshots/booking-desk.png' });

  // The usage export of the booking's month holds it, with the maker and the check-in.
  const from = `${day.slice(0, 8)}01`;
  const to = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  await desk.goto(`/app/resources?space=${space.id}&tab=usage&from=${from}&to=${to}`);
  await expect(desk.getByRole('row').filter({ hasText: name })).toContainText('1');
  const download = desk.waitForEvent('download');
  await desk.getByTestId('usage-export').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/资源使用记录.*\.xlsx$/);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(fs.readFileSync((await file.path())!) as unknown as ArrayBuffer);
  const rows: string[][] = [];
  book.worksheets[0]!.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
  const booked = rows.find((r) => r.includes(name));
  expect(booked, JSON.stringify(rows.slice(0, 5))).toBeDefined();
  expect(booked!.join('|')).toContain('陈晨');
  expect(booked!.join('|')).toContain('已完成');
  expect(booked!.join('|')).toContain('外部创客');

  expect(errors).toEqual([]);
  expect(deskErrors).toEqual([]);
});

/**
 * The desks tell a space that is not filed yet why makers cannot find its offers: the robot space is
 * an applicant, so its resources and services stay off the platform-wide searches; the filed 华康
 * space is told nothing.
 */
test('a space not yet filed is told its resources and services are not listed on the searches; a filed one is not', async ({ page }) => {
  const errors = collectErrors(page);
  await signIn(page, 'op_robot_admin', '/app/resources?tab=resources');
  await expect(page.getByTestId('resources-not-listed')).toContainText('尚未备案');
  await page.goto('/app/services?tab=catalogue');
  await expect(page.getByTestId('services-not-listed')).toContainText('沈阳智能机器人专业化众创空间');
  await page.context().clearCookies();
  await signIn(page, SPACE_ADMIN, '/app/resources?tab=resources');
  await expect(page.getByTestId('resource-create')).toBeVisible();
  await expect(page.getByTestId('resources-not-listed')).toHaveCount(0);
  await page.goto('/app/services?tab=catalogue');
  await expect(page.getByTestId('service-add')).toBeVisible();
  await expect(page.getByTestId('services-not-listed')).toHaveCount(0);
  expect(errors).toEqual([]);
});
