import { expect, type Page } from '@playwright/test';
import { apiSession, collectErrors, PDF, signIn, test } from './helpers';

/** A filed space of the demo history (src/seed/history-data.ts) and its operator's admin. */
const SPACE_ADMIN = 'sy_huakang';
const FILED_SPACE = '沈阳浑南生物医药专业化众创空间';

/** A date 60 days ahead, YYYY-MM-DD (Beijing). */
const ahead = () => new Date(Date.now() + 8 * 3600_000 + 60 * 86_400_000).toISOString().slice(0, 10);

test('a maker finds a service, orders it; the operator quotes, the maker accepts, the operator delivers, the maker rates', async ({ browser }) => {
  // Two people, six steps, each a round of pages on a machine shared with other runs.
  test.setTimeout(300_000);
  const baseURL = test.info().project.use.baseURL!;
  // The operator of a filed space (the platform-wide search covers filed spaces only) lists a service
  // of its own for this test (a name no other run has).
  const name = `浏览器测试检验检测-${Date.now().toString(36)}`;
  const op = await apiSession(SPACE_ADMIN);
  const mySpaces = (await op.call('get', '/api/spaces?pageSize=100')).items as { id: string; name: string }[];
  const spaceId = mySpaces.find((s) => s.name === FILED_SPACE)!.id;
  await op.call('post', `/api/services/spaces/${spaceId}/catalogue`, { name, kind: 'testing', description: '细胞毒性检测，出具检测报告。', priceBasis: 'quote', leadDays: 10, active: true });

  const makerPage: Page = await (await browser.newContext({ baseURL, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })).newPage();
  const operatorPage: Page = await (await browser.newContext({ baseURL, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })).newPage();
  const makerErrors = collectErrors(makerPage);
  const operatorErrors = collectErrors(operatorPage);

  // The maker searches the platform by keyword and orders it.
  await signIn(makerPage, 'maker_chen');
  await makerPage.getByRole('menuitem', { name: '找服务' }).click();
  await makerPage.getByTestId('market-q').fill(name);
  await makerPage.getByRole('button', { name: /查\s?询/ }).click();
  const found = makerPage.getByRole('row').filter({ hasText: name });
  await expect(found).toContainText(FILED_SPACE);
  await found.getByTestId('service-order').click();
  await makerPage.getByTestId('order-note').fill('5 个医用导管样品的细胞毒性检测。');
  await makerPage.getByTestId('order-submit').click();
  await expect(makerPage).toHaveURL(/\/app\/my-orders/);
  const mine = makerPage.getByRole('row').filter({ hasText: name });
  await expect(mine).toContainText('待报价');

  // The operator sees it in its queue and quotes.
  await signIn(operatorPage, SPACE_ADMIN);
  await operatorPage.getByRole('menuitem', { name: '服务目录与订单' }).click();
  const queued = operatorPage.getByRole('row').filter({ hasText: name });
  await expect(queued).toContainText('待报价');
  await queued.getByTestId('order-quote').click();
  const quote = operatorPage.locator('.ant-modal');
  await quote.getByTestId('quote-amount').fill('3600');
  await quote.getByLabel('承诺交付日期').click();
  await quote.getByLabel('承诺交付日期').fill(ahead());
  await quote.getByLabel('承诺交付日期').press('Enter');
  await quote.getByTestId('order-action-submit').click();
  await expect(queued).toContainText('已报价');
  await expect(queued).toContainText('¥3,600.00');

  // The maker accepts the quote.
  await makerPage.reload();
  await mine.getByTestId('order-accept').click();
  await makerPage.locator('.ant-modal').getByTestId('order-action-submit').click();
  await expect(mine).toContainText('已接受');

  // The operator delivers a report file with a note.
  await operatorPage.reload();
  await queued.getByTestId('order-deliver').click();
  const deliver = operatorPage.locator('.ant-modal');
  await deliver.locator('input[type=file]').setInputFiles({ name: '细胞毒性检测报告.pdf', mimeType: 'application/pdf', buffer: PDF });
  await expect(deliver).toContainText('已上传：细胞毒性检测报告.pdf');
  await deliver.getByTestId('deliver-note').fill('检测报告见附件。');
  await deliver.getByTestId('order-action-submit').click();
  await expect(queued).toContainText('已交付');

  // The maker opens the order, sees the delivered file, and rates it.
  await makerPage.reload();
  await mine.getByText(name, { exact: true }).click();
  const detail = makerPage.locator('.ant-drawer');
  await expect(detail.getByTestId('order-file')).toHaveText('细胞毒性检测报告.pdf');
  await detail.getByTestId('order-rate').click();
  const rate = makerPage.locator('.ant-modal');
  await rate.getByTestId('rate-comment').fill('报告规范，交付及时。');
  await rate.getByTestId('order-action-submit').click();
  await expect(detail.getByTestId('order-detail')).toContainText('已评价');
  await makerPage.keyboard.press('Escape');
  await expect(mine).toContainText('已评价');
  await makerPage.screenshot({ path: 'test-results/screenshots/services-maker-orders.png', fullPage: true });

  // The operator's queue filtered by state keeps the filter in the address.
  await operatorPage.reload();
  await operatorPage.getByTestId('queue-state').click();
  await operatorPage.locator('.ant-select-item-option').filter({ hasText: '已评价' }).click();
  await operatorPage.getByRole('button', { name: /查\s?询/ }).click();
  await expect(operatorPage).toHaveURL(/state=rated/);
  await expect(queued).toBeVisible();
  await operatorPage.screenshot({ path: 'test-results/screenshots/services-operator-queue.png', fullPage: true });

  expect(makerErrors).toEqual([]);
  expect(operatorErrors).toEqual([]);
  await op.ctx.dispose();
});
