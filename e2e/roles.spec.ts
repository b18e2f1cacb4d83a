import fs from 'node:fs';
import { expect } from '@playwright/test';
import { collectErrors, sideMenu, signIn, test } from './helpers';

const OPERATOR = ['我的机构', '我的众创空间', '申报批次', '我的申报', '变更报告', '年度统计', '年度评价', '信用记录', '在孵企业', '设备与场地', '设备预约', '我的预约', '服务目录与订单', '活动管理', '活动报名', '导师与辅导', '空间门户', '众包任务', '路演与大赛征集', '基金与投融资'];
const AUTHORITY = ['变更报告', '年度统计', '撤销建议', '统计指标目录', '统计评价', '年度评价', '审核任务', '备案条件规则集', '公示管理', '推荐', '信用记录', '在孵企业', '活动报名', '辖区活动统计', '导师与辅导', '众包与投融资统计', '数据看板', '服务平台统计', '审定与备案', '专家评审', '政策文件管理', '扶持登记', '支持重复预警'];
const EVERYONE = ['政策订阅', '通知', '个人设置'];
/** Every user lands on the workbench, first in every menu. */
const LANDING = '工作台';

/**
 * One demo account per role: the side menu shows exactly that role's items, a page outside the role
 * answers 403, nothing logs an error, and a full-page screenshot is kept for review.
 */
const CASES: { role: string; username: string; org: string; menu: string[]; forbidden: string }[] = [
  { role: 'system_admin', username: 'sysadmin', org: 'Hatchery 平台运维中心', menu: ['活动报名', '用户管理', '机构管理', '邮件发件箱'], forbidden: '/app/audit' },
  { role: 'security_admin', username: 'secadmin', org: 'Hatchery 平台运维中心', menu: ['活动报名', '用户管理'], forbidden: '/app/admin/orgs' },
  { role: 'audit_admin', username: 'auditadmin', org: 'Hatchery 平台运维中心', menu: ['活动报名', '审计日志'], forbidden: '/app/admin/users' },
  {
    role: 'authority_admin',
    username: 'most_admin',
    org: '中华人民共和国科学技术部',
    menu: ['变更报告', '年度统计', '撤销建议', '统计指标目录', '统计评价', '年度评价', '审核任务', '申报批次管理', '消息模板', '备案条件规则集', '审核流程', '公示管理', '信用记录', '在孵企业', '活动报名', '辖区活动统计', '导师与辅导', '众包与投融资统计', '数据看板', '服务平台统计', '审定与备案', '专家库', '政策文件管理', '扶持登记', '支持重复预警'],
    forbidden: '/app/applications',
  },
  { role: 'authority_reviewer', username: 'ln_reviewer', org: '辽宁省科学技术厅', menu: AUTHORITY, forbidden: '/app/calls-admin' },
  { role: 'intake_clerk', username: 'js_intake', org: '江苏省科技企业孵化器协会', menu: ['审核任务', '信用记录', '活动报名'], forbidden: '/app/decisions' },
  { role: 'operator_admin', username: 'op_robot_admin', org: '沈阳新锐智造众创科技有限公司', menu: OPERATOR, forbidden: '/app/review' },
  { role: 'operator_staff', username: 'op_univ_staff', org: '南京金陵理工科技园发展有限公司', menu: OPERATOR, forbidden: '/app/admin/users' },
  { role: 'expert', username: 'expert_wang', org: '江苏省科技评审专家库', menu: ['活动报名', '众包评审', '路演大赛评审', '评审任务'], forbidden: '/app/review' },
  { role: 'maker', username: 'maker_chen', org: '陈晨智能硬件创客团队', menu: ['设备预约', '我的预约', '找服务', '我的订单', '活动报名', '众包任务大厅', '路演与大赛'], forbidden: '/app/audit' },
];

fs.mkdirSync('test-results/screenshots', { recursive: true });

for (const c of CASES) {
  test(`${c.role} (${c.username}) sees exactly the menu of the role`, async ({ page }) => {
    const errors = collectErrors(page);
    await signIn(page, c.username);
    await expect(page.getByTestId('current-user')).toContainText(c.org);

    await expect(sideMenu(page)).toHaveText([LANDING, ...c.menu, ...EVERYONE]);
    await expect(page.getByRole('menuitem', { name: LANDING })).toHaveClass(/ant-menu-item-selected/);
    // Let the landing page's data arrive before the picture is taken.
    await expect(page.locator('.ant-spin-spinning')).toHaveCount(0);
    await page.screenshot({ path: `test-results/screenshots/${c.role}.png`, fullPage: true });

    await page.goto(c.forbidden);
    await expect(page.getByText('无权访问')).toBeVisible();
    await expect(sideMenu(page)).toHaveText([LANDING, ...c.menu, ...EVERYONE]);
    expect(errors).toEqual([]);
  });
}
