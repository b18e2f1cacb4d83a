import { expect, type Page } from '@playwright/test';
import { type ChildProcess, spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { collectErrors, DEMO_PASSWORD, fillLogin, refused, signIn, test } from './helpers';

/** Picks an option of the Ant Design Select labelled `label` in the open dialog, searching first if asked. */
async function choose(page: Page, label: string, option: string, search?: string) {
  const select = page.getByRole('dialog').getByLabel(label);
  await select.click();
  const dropdown = page.locator('.ant-select-dropdown:visible');
  if (search) {
    const answered = page.waitForResponse((r) => r.url().includes(`q=${encodeURIComponent(search)}`));
    await select.fill(search);
    await answered;
  }
  await dropdown.getByTitle(option, { exact: true }).click();
}

test('the system administrator creates an organisation and an account; the new user must change the password', async ({ page }) => {
  // Three pages of forms and two sign-ins: over 90 s when two browsers and Vitest share the machine.
  test.setTimeout(180_000);
  const errors = collectErrors(page);
  await signIn(page, 'sysadmin');

  await page.getByRole('menuitem', { name: '机构管理' }).click();
  // The lived-in demo holds more organisations than a page: sorted by name, the association is found by the filter.
  await page.getByLabel('机构名称 / 统一社会信用代码').fill('孵化器协会');
  await page.getByRole('button', { name: /查\s?询/ }).click();
  await expect(page.getByRole('cell', { name: '江苏省科技企业孵化器协会' })).toBeVisible();
  await page.getByRole('button', { name: '新建机构' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('机构名称').fill('无锡市科技创业服务中心');
  await choose(page, '机构类型', '受理单位');
  // Regions load level by level from /api/regions.
  await dialog.getByLabel('所在地区').click();
  const region = (name: string) => page.locator('.ant-cascader-menu-item', { hasText: name });
  await region('江苏省').click();
  await region('无锡市').click();
  await expect(region('梁溪区')).toBeVisible();
  await dialog.getByLabel('机构名称').click();
  await dialog.getByRole('button', { name: /提\s?交/ }).click();
  await expect(dialog).toBeHidden();
  await page.getByLabel('机构名称 / 统一社会信用代码').fill('无锡');
  await page.getByRole('button', { name: /查\s?询/ }).click();
  await expect(page.getByRole('row', { name: /无锡市科技创业服务中心.*受理单位.*无锡市（320200）/ })).toBeVisible();

  await page.getByRole('menuitem', { name: '用户管理' }).click();
  await page.getByRole('button', { name: '新建用户' }).click();
  await dialog.getByLabel('用户名').fill('wx_intake');
  await dialog.getByLabel('姓名').fill('无锡受理员');
  await dialog.getByLabel('初始密码').fill('12345678');
  await choose(page, '所属机构', '无锡市科技创业服务中心', '无锡');
  await choose(page, '角色', '创客');
  await dialog.getByRole('button', { name: /提\s?交/ }).click();
  // The server's field errors land under the fields they name, one problem at a time.
  // The server names the role by its key or (newer) its Chinese name.
  await expect(dialog.getByText(/角色(“创客”| maker )不适用于该类机构/)).toBeVisible();
  await expect(dialog.getByText('请根据提示修改标红的字段')).toBeVisible();
  await dialog.locator('.ant-select-selection-item-remove').click();
  await choose(page, '角色', '受理单位工作人员');
  await dialog.getByRole('button', { name: /提\s?交/ }).click();
  await expect(dialog.getByText('这是常见密码，容易被猜中')).toBeVisible();
  await dialog.getByLabel('初始密码').fill('Wuxi#Intake2026');
  await dialog.getByRole('button', { name: /提\s?交/ }).click();
  await expect(dialog).toBeHidden();
  await page.getByLabel('用户名 / 姓名').fill('wx_');
  await page.getByRole('button', { name: /查\s?询/ }).click();
  await expect(page.getByRole('row', { name: /wx_intake.*无锡受理员.*受理单位工作人员.*正常/ })).toBeVisible();

  // Disabling asks first; enabling does not.
  await page.getByLabel('用户名 / 姓名').fill('yz_admin');
  await page.getByRole('button', { name: /查\s?询/ }).click();
  const row = page.getByRole('row', { name: /yz_admin/ });
  await row.getByRole('button', { name: /停\s?用/ }).click();
  await expect(page.getByRole('dialog')).toContainText('确定停用用户“禹州市科技局管理员”吗？');
  await page.getByRole('dialog').getByRole('button', { name: /确\s?定/ }).click();
  await expect(row.getByText('已停用')).toBeVisible();
  await row.getByRole('button', { name: /启\s?用/ }).click();
  await expect(row.getByText('正常')).toBeVisible();

  await page.getByRole('menuitem', { name: '邮件发件箱' }).click();
  await expect(page.getByRole('columnheader', { name: '收件人' })).toBeVisible();
  await expect(page.locator('.ant-spin-spinning')).toHaveCount(0);

  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await fillLogin(page, 'wx_intake', 'Wuxi#Intake2026');
  await expect(page).toHaveURL(/\/change-password$/);
  await page.getByLabel('当前密码').fill('Wuxi#Intake2026');
  await page.getByLabel('新密码', { exact: true }).fill('Wuxi#Changed2026');
  await page.getByLabel('确认新密码').fill('Wuxi#Changed2026');
  await page.getByRole('button', { name: '修改密码' }).click();
  await expect(page.getByRole('menuitem', { name: '审核任务' })).toBeVisible();
  await expect(page.getByTestId('current-user')).toContainText('无锡市科技创业服务中心');
  expect(errors).toEqual([refused(400, '/api/admin/users'), refused(400, '/api/admin/users')]);
});

test('the security administrator unlocks a locked account and ends sessions, but cannot create accounts', async ({ page, request }) => {
  // Lock js_reviewer from outside the browser: five wrong passwords (LOGIN_MAX_FAILURES). The
  // accounts locked and forced off here are used by no other spec file, which may run meanwhile.
  const { csrfToken } = (await (await request.get('/api/auth/csrf')).json()) as { csrfToken: string };
  for (let i = 0; i < 5; i++) {
    await request.post('/api/auth/login', { headers: { 'x-csrf-token': csrfToken }, data: { username: 'js_reviewer', password: `wrong-${i}` } });
  }
  // nj_admin signs in elsewhere, so forcing it off has a session to end.
  const elsewhere = await request.post('/api/auth/login', { headers: { 'x-csrf-token': csrfToken }, data: { username: 'nj_admin', password: DEMO_PASSWORD } });
  expect(elsewhere.status()).toBe(200);

  const errors = collectErrors(page);
  await signIn(page, 'secadmin');
  await page.getByRole('menuitem', { name: '用户管理' }).click();
  await expect(page.getByLabel('用户名 / 姓名')).toBeVisible();
  await expect(page.getByRole('button', { name: '新建用户' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /停\s?用/ })).toHaveCount(0);

  await page.getByLabel('用户名 / 姓名').fill('js_reviewer');
  await page.getByRole('button', { name: /查\s?询/ }).click();
  const locked = page.getByRole('row', { name: /js_reviewer/ });
  await expect(locked.getByText('已锁定')).toBeVisible();
  await locked.getByRole('button', { name: /解\s?锁/ }).click();
  await expect(page.getByText('已解除用户“江苏省科技厅审核员”的登录锁定')).toBeVisible();
  await expect(locked.getByText('已锁定')).toHaveCount(0);

  await page.getByLabel('用户名 / 姓名').fill('nj_admin');
  await page.getByRole('button', { name: /查\s?询/ }).click();
  await page.getByRole('row', { name: /nj_admin/ }).getByRole('button', { name: '强制下线' }).click();
  await page.getByRole('dialog').getByRole('button', { name: /确\s?定/ }).click();
  await expect(page.getByText(/用户“南京市科技局管理员”已强制下线，结束 [1-9]\d* 个登录会话/)).toBeVisible();
  expect((await request.get('/api/me')).status()).toBe(401);
  expect(errors).toEqual([]);
});

test('the audit administrator reads the log, filters it and verifies its integrity', async ({ page }) => {
  // Many pages and saves: past 90 s when two browsers and Vitest share a busy machine.
  test.setTimeout(180_000);
  const errors = collectErrors(page);
  // Signed out once first, so the log holds a sign-out whichever tests ran before. The landing
  // workbench's own request must end first: answered after the sign-out, it is a 401 in the console.
  const workbench = page.waitForResponse((r) => r.url().endsWith('/api/workbench'));
  await signIn(page, 'auditadmin');
  await workbench;
  await page.getByRole('button', { name: '退出登录' }).click();
  // The sign-out's answer clears the session's cookies: signing in again before it arrives loses the new ones.
  await expect(page).toHaveURL(/\/login$/);
  await signIn(page, 'auditadmin');
  await page.getByRole('menuitem', { name: '审计日志' }).click();
  // Actions and objects by name: the sign-in reads 登录, its object the account's name.
  // The log's page is loaded on first use: on a busy machine it may take longer than the default wait.
  await expect(page.getByRole('row', { name: /审计管理员（auditadmin）.*登录.*账号：.*（auditadmin）.*成功/ }).first()).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('cell', { name: 'auth.login' })).toHaveCount(0);
  await page.getByLabel('结果', { exact: true }).click();
  await page.locator('.ant-select-dropdown:visible').getByTitle('失败').click();
  await page.getByRole('button', { name: /查\s?询/ }).click();
  await expect(page).toHaveURL(/result=failure/);
  await expect(page.getByRole('row', { name: /成功/ })).toHaveCount(0);
  await page.getByRole('button', { name: /重\s?置/ }).click();
  // The reset view has settled (the address and the rows) before the next filter is opened, or the
  // re-rendered filter bar detaches the dropdown being clicked.
  await expect(page).not.toHaveURL(/result=/);
  await expect(page.getByRole('row', { name: /成功/ }).first()).toBeVisible();

  // The action filter is a select of names, not a box expecting codes.
  // The filter's select, not the sortable column of the same name.
  const actionSelect = page.getByRole('combobox', { name: /^操作/ });
  await actionSelect.click();
  await actionSelect.fill('退出');
  await page.locator('.ant-select-dropdown:visible').getByTitle('退出登录', { exact: true }).click();
  await page.getByRole('button', { name: /查\s?询/ }).click();
  await expect(page.getByRole('row', { name: /退出登录/ }).first()).toBeVisible();
  await expect(page.getByRole('row', { name: /\d{2}:\d{2}:\d{2}.*(?<!退出)登录/ })).toHaveCount(0);

  // The view lives in the address: a reload (or a shared link) shows the same rows, Back the previous view.
  await expect(page).toHaveURL(/action=auth\.logout/);
  await page.getByRole('columnheader', { name: /时间/ }).click();
  await expect(page).toHaveURL(/sort=at/);
  await page.reload();
  // The select names the action once the catalogue has loaded again.
  await expect(page.getByTestId('audit-action-select')).toContainText('退出登录', { timeout: 20_000 });
  await expect(page.getByRole('row', { name: /退出登录/ }).first()).toBeVisible();
  await expect(page.getByRole('row', { name: /\d{2}:\d{2}:\d{2}.*(?<!退出)登录/ })).toHaveCount(0);
  await page.goBack();
  await expect(page).toHaveURL(/action=auth\.logout/);
  await expect(page).not.toHaveURL(/sort=at/);

  // The export takes the filter on screen and is named for the log.
  const download = page.waitForEvent('download');
  await page.getByTestId('audit-export').click();
  expect((await download).suggestedFilename()).toMatch(/^审计日志-.*\.xlsx$/);

  // An object's name narrows the log to that object.
  await page.getByRole('row', { name: /退出登录/ }).first().getByRole('link').click();
  await expect(page.getByText(/仅显示与账号“.*”有关的记录/)).toBeVisible();
  await expect(page).toHaveURL(/objectType=user/);
  await page.getByRole('link', { name: '显示全部记录' }).click();

  await page.getByRole('button', { name: '校验完整性' }).click();
  await expect(page.getByRole('status')).toContainText('审计日志完整');
  expect(errors).toEqual([]);
});

test('the system administrator edits an account and resets a password; the user must change it', async ({ page }) => {
  const errors = collectErrors(page);
  await signIn(page, 'sysadmin');
  await page.getByRole('menuitem', { name: '用户管理' }).click();
  const find = async (username: string) => {
    await page.getByLabel('用户名 / 姓名').fill(username);
    await page.getByRole('button', { name: /查\s?询/ }).click();
    return page.getByRole('row', { name: new RegExp(username) });
  };

  // Administrator accounts offer neither edit nor reset (三权分立: the CLI's job).
  await expect((await find('auditadmin')).getByRole('button', { name: /编\s?辑|重置密码/ })).toHaveCount(0);

  const row = await find('sz_reviewer');
  await row.getByRole('button', { name: /编\s?辑/ }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('option', { name: '系统管理员' })).toHaveCount(0);
  await dialog.getByLabel('姓名').fill('苏州审核员（调岗）');
  await dialog.getByLabel('电子邮箱').fill('sz.reviewer@example.cn');
  await dialog.getByRole('button', { name: /提\s?交/ }).click();
  await expect(dialog).toBeHidden();
  await expect(row.getByRole('cell', { name: '苏州审核员（调岗）' })).toBeVisible();

  const reset = await find('szgx_reviewer');
  await reset.getByRole('button', { name: '重置密码' }).click();
  await page.getByRole('dialog').getByRole('button', { name: /确\s?定/ }).click();
  const temporary = (await page.getByTestId('temporary-password').innerText()).trim();
  expect(temporary).toMatch(/^[A-Za-z2-9]{4}-[A-Za-z2-9]{4}-[A-Za-z2-9]{4}$/);
  await page.getByRole('dialog').getByRole('button', { name: /确\s?定|知道了|OK/ }).click();

  await page.getByRole('button', { name: '退出登录' }).click();
  // The users page has a 用户名 field of its own: sign in only once the sign-in page is there (the
  // address changes before the users page has gone).
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByText('用户登录')).toBeVisible();
  await fillLogin(page, 'szgx_reviewer', temporary);
  await expect(page).toHaveURL(/\/change-password$/);
  await page.getByLabel('当前密码').fill(temporary);
  await page.getByLabel('新密码', { exact: true }).fill('Suzhou#Changed2026');
  await page.getByLabel('确认新密码').fill('Suzhou#Changed2026');
  await page.getByRole('button', { name: '修改密码' }).click();
  await expect(page.getByTestId('current-user')).toBeVisible();
  expect(errors).toEqual([]);
});

test('忘记密码 without mail sends people to the administrator', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/login');
  await page.getByRole('link', { name: '忘记密码？' }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
  await expect(page.getByText('本平台未开通邮件找回密码')).toBeVisible();
  await expect(page.getByText(/请联系系统管理员重置密码/)).toBeVisible();
  await page.getByRole('link', { name: '返回登录' }).click();
  await expect(page).toHaveURL(/\/login$/);
  expect(errors).toEqual([]);
});

/**
 * The mailed reset needs a server that sends mail: a second demo server, its SMTP pointed at a
 * catcher in this process, so the link is read from the mail it really sent.
 */
test.describe('忘记密码 by mail', () => {
  const port = Number(process.env.E2E_PORT ?? 3100) + 1;
  const base = `http://localhost:${port}`;
  const inbox: string[] = [];
  let smtp: SMTPServer;
  let server: ChildProcess;

  test.beforeAll(async () => {
    test.setTimeout(240_000);
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, _session, done) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          inbox.push(Buffer.concat(chunks).toString('utf8'));
          done();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const smtpPort = (smtp.server.address() as AddressInfo).port;
    server = spawn(process.execPath, ['--import', 'tsx', 'e2e/serve.ts'], {
      // The demo's accounts are all it needs: without the lived-in history it is up in seconds.
      env: { ...process.env, PORT: String(port), LOG_LEVEL: 'warn', LOGIN_RATE_PER_MINUTE: '1000', SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, HATCHERY_DEMO_HISTORY: 'false' },
      stdio: 'ignore',
    });
    await expect.poll(async () => (await fetch(`${base}/api/health`).catch(() => null))?.status ?? 0, { timeout: 220_000, intervals: [1000] }).toBe(200);
  });

  test.afterAll(async () => {
    server?.kill('SIGTERM');
    await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
  });

  test('a link mailed through the outbox sets a new password once', async ({ browser }) => {
    const context = await browser.newContext({ baseURL: base });
    const page = await context.newPage();
    const errors = collectErrors(page);

    // The system admin gives dl_reviewer an address (the demo accounts have none).
    await signIn(page, 'sysadmin');
    await page.getByRole('menuitem', { name: '用户管理' }).click();
    await page.getByLabel('用户名 / 姓名').fill('dl_reviewer');
    await page.getByRole('button', { name: /查\s?询/ }).click();
    await page.getByRole('row', { name: /dl_reviewer/ }).getByRole('button', { name: /编\s?辑/ }).click();
    await page.getByRole('dialog').getByLabel('电子邮箱').fill('dl.reviewer@example.cn');
    await page.getByRole('dialog').getByRole('button', { name: /提\s?交/ }).click();
    await expect(page.getByRole('dialog')).toBeHidden();
    await page.getByRole('button', { name: '退出登录' }).click();

    await page.getByRole('link', { name: '忘记密码？' }).click();
    // The sign-in form has a 用户名 field too: wait for this page's form before filling.
    await expect(page.getByRole('button', { name: '发送重设链接' })).toBeVisible();
    await page.getByLabel('用户名').fill('dl_reviewer');
    await page.getByLabel('电子邮箱').fill('dl.reviewer@example.cn');
    await page.getByRole('button', { name: '发送重设链接' }).click();
    await expect(page.getByText('请查收邮件')).toBeVisible();

    await expect.poll(() => inbox.length, { timeout: 30_000 }).toBeGreaterThan(0);
    // Quoted-printable may fold the link; unfold it first.
    const mail = inbox[0]!.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
    const link = /\/reset-password\?token=[A-Za-z0-9_-]{43}/.exec(mail)?.[0];
    expect(link).toBeDefined();
    await page.goto(link!);
    await page.getByLabel('新密码', { exact: true }).fill('Dalian#Reset2026');
    await page.getByLabel('确认新密码').fill('Dalian#Reset2026');
    await page.getByRole('button', { name: '设置新密码' }).click();
    await expect(page.getByText('新密码已设置')).toBeVisible();

    // Used once: the same link now fails, naming why.
    await page.goto(link!);
    await page.getByLabel('新密码', { exact: true }).fill('Dalian#Again2026');
    await page.getByLabel('确认新密码').fill('Dalian#Again2026');
    await page.getByRole('button', { name: '设置新密码' }).click();
    await expect(page.getByText('重设密码链接无效、已使用或已过期，请重新申请')).toBeVisible();

    await page.goto('/login');
    await fillLogin(page, 'dl_reviewer', 'Dalian#Reset2026');
    await expect(page.getByTestId('current-user')).toBeVisible();
    expect(errors).toEqual([refused(400, '/api/auth/password-reset/complete')]);
    await context.close();
  });
});

test('notifications and profile pages open for every user, in English too', async ({ page }) => {
  const errors = collectErrors(page);
  await signIn(page, 'op_cg_staff');
  await page.getByRole('menuitem', { name: '通知' }).click();
  // The demo's bookings waiting for approval told the space's desk, this staff member among them.
  await expect(page.getByRole('cell', { name: /预约待审批/ }).first()).toBeVisible();
  await page.getByRole('menuitem', { name: '个人设置' }).click();
  await expect(page.getByText('运营主体工作人员')).toBeVisible();
  await page.getByLabel('当前密码').fill('wrong-password');
  await page.getByLabel('新密码', { exact: true }).fill('Another#Pass2026');
  await page.getByLabel('确认新密码').fill('Another#Pass2027');
  await page.getByRole('button', { name: '修改密码' }).click();
  await expect(page.getByText('两次输入的新密码不一致')).toBeVisible();
  await page.getByLabel('确认新密码').fill('Another#Pass2026');
  await page.getByRole('button', { name: '修改密码' }).click();
  await expect(page.locator('.ant-form-item-explain-error', { hasText: '当前密码不正确' })).toBeVisible();

  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('menuitem', { name: 'Profile' })).toBeVisible();
  await expect(page.getByText('Operator staff')).toBeVisible();
  await page.getByRole('menuitem', { name: 'Notifications' }).click();
  await expect(page.getByRole('button', { name: 'Mark all as read' })).toBeVisible();
  await page.goto('/app/no-such-page');
  await expect(page.getByText('Page not found', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: '中文' }).click();
  expect(errors).toEqual([refused(401, '/api/me/password')]);
});
