import { sql } from 'drizzle-orm';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { SYSTEM_CONTEXT } from '../modules/audit/service.ts';
import { createAccountInTx } from '../modules/identity/accounts.ts';
import { hashPassword } from '../modules/identity/password.ts';
import type { Role } from '../modules/identity/schema.ts';
import { users } from '../modules/identity/schema.ts';
import { createOrganisationInTx, type NewOrganisation } from '../modules/orgs/service.ts';
import { usccCheckChar } from '../shared/validation/uscc.ts';

/** The one password of every demo account (demo mode only; printed at start). */
export const DEMO_PASSWORD = 'Demo@2026';

const uscc = (first17: string) => `${first17}${usccCheckChar(first17)}`;

interface DemoOrg extends NewOrganisation {
  key: string;
  accounts: { username: string; displayName: string; roles: Role[] }[];
}

/**
 * Small, realistic demo data (issue 2): Liaoning (沈阳, 大连), Jiangsu (南京, 苏州, a national high-tech
 * zone committee, the provincial incubator association as intake agency), Henan 许昌 with two counties,
 * the national ministry; three operators with their hosts; two experts; one maker.
 */
export const DEMO_ORGS: DemoOrg[] = [
  {
    key: 'platform', name: 'Hatchery 平台运维中心', kind: 'platform', regionCode: '000000',
    accounts: [
      { username: 'sysadmin', displayName: '系统管理员', roles: ['system_admin'] },
      { username: 'secadmin', displayName: '安全管理员', roles: ['security_admin'] },
      { username: 'auditadmin', displayName: '审计管理员', roles: ['audit_admin'] },
    ],
  },
  {
    key: 'most', name: '中华人民共和国科学技术部', kind: 'authority', authorityLevel: 'national', regionCode: '000000',
    accounts: [
      { username: 'most_admin', displayName: '科技部管理员', roles: ['authority_admin'] },
      { username: 'most_reviewer', displayName: '科技部审核员', roles: ['authority_reviewer'] },
    ],
  },
  {
    key: 'ln', name: '辽宁省科学技术厅', kind: 'authority', authorityLevel: 'province', regionCode: '210000',
    accounts: [
      { username: 'ln_admin', displayName: '辽宁省科技厅管理员', roles: ['authority_admin'] },
      { username: 'ln_reviewer', displayName: '辽宁省科技厅审核员', roles: ['authority_reviewer'] },
    ],
  },
  {
    key: 'sy', name: '沈阳市科学技术局', kind: 'authority', authorityLevel: 'city', regionCode: '210100',
    accounts: [
      { username: 'sy_admin', displayName: '沈阳市科技局管理员', roles: ['authority_admin'] },
      { username: 'sy_reviewer', displayName: '沈阳市科技局审核员', roles: ['authority_reviewer'] },
    ],
  },
  {
    key: 'dl', name: '大连市科学技术局', kind: 'authority', authorityLevel: 'city', regionCode: '210200',
    accounts: [
      { username: 'dl_admin', displayName: '大连市科技局管理员', roles: ['authority_admin'] },
      { username: 'dl_reviewer', displayName: '大连市科技局审核员', roles: ['authority_reviewer'] },
    ],
  },
  {
    key: 'js', name: '江苏省科学技术厅', kind: 'authority', authorityLevel: 'province', regionCode: '320000',
    accounts: [
      { username: 'js_admin', displayName: '江苏省科技厅管理员', roles: ['authority_admin'] },
      { username: 'js_reviewer', displayName: '江苏省科技厅审核员', roles: ['authority_reviewer'] },
    ],
  },
  {
    key: 'nj', name: '南京市科学技术局', kind: 'authority', authorityLevel: 'city', regionCode: '320100',
    accounts: [
      { username: 'nj_admin', displayName: '南京市科技局管理员', roles: ['authority_admin'] },
      { username: 'nj_reviewer', displayName: '南京市科技局审核员', roles: ['authority_reviewer'] },
    ],
  },
  {
    key: 'sz', name: '苏州市科学技术局', kind: 'authority', authorityLevel: 'city', regionCode: '320500',
    accounts: [
      { username: 'sz_admin', displayName: '苏州市科技局管理员', roles: ['authority_admin'] },
      { username: 'sz_reviewer', displayName: '苏州市科技局审核员', roles: ['authority_reviewer'] },
    ],
  },
  {
    key: 'szgx', name: '苏州高新技术产业开发区管理委员会', kind: 'recommending_unit', recommenderType: 'hitech_zone_committee',
    regionCode: '320505',
    accounts: [
      { username: 'szgx_admin', displayName: '苏州高新区管委会管理员', roles: ['authority_admin'] },
      { username: 'szgx_reviewer', displayName: '苏州高新区管委会审核员', roles: ['authority_reviewer'] },
    ],
  },
  {
    key: 'js_intake', name: '江苏省科技企业孵化器协会', kind: 'intake_agency', regionCode: '320000',
    uscc: uscc('51320000MJ5444418'),
    accounts: [{ username: 'js_intake', displayName: '孵化器协会受理员', roles: ['intake_clerk'] }],
  },
  {
    key: 'xc', name: '许昌市科学技术局', kind: 'authority', authorityLevel: 'city', regionCode: '411000',
    accounts: [
      { username: 'xc_admin', displayName: '许昌市科技局管理员', roles: ['authority_admin'] },
      { username: 'xc_reviewer', displayName: '许昌市科技局审核员', roles: ['authority_reviewer'] },
    ],
  },
  {
    key: 'cg', name: '长葛市科学技术局', kind: 'authority', authorityLevel: 'county', regionCode: '411082',
    accounts: [
      { username: 'cg_admin', displayName: '长葛市科技局管理员', roles: ['authority_admin'] },
      { username: 'cg_reviewer', displayName: '长葛市科技局审核员', roles: ['authority_reviewer'] },
    ],
  },
  {
    key: 'yz', name: '禹州市科学技术局', kind: 'authority', authorityLevel: 'county', regionCode: '411081',
    accounts: [
      { username: 'yz_admin', displayName: '禹州市科技局管理员', roles: ['authority_admin'] },
      { username: 'yz_reviewer', displayName: '禹州市科技局审核员', roles: ['authority_reviewer'] },
    ],
  },
  // Hosts (建设主体) of the professional spaces.
  {
    key: 'host_robot', name: '沈阳新锐机器人集团有限公司', kind: 'host', hostType: 'leading_enterprise', regionCode: '210112',
    uscc: uscc('91210100MA0P1N7K2'), accounts: [],
  },
  {
    key: 'host_univ', name: '金陵理工大学', kind: 'host', hostType: 'university', regionCode: '320113',
    uscc: uscc('12320000466007214'), accounts: [],
  },
  // Operators (运营主体).
  {
    key: 'op_robot', name: '沈阳新锐智造众创科技有限公司', kind: 'operator', regionCode: '210112',
    uscc: uscc('91210112MA10XR3B6'),
    accounts: [
      { username: 'op_robot_admin', displayName: '新锐智造空间管理员', roles: ['operator_admin'] },
      { username: 'op_robot_staff', displayName: '新锐智造空间运营专员', roles: ['operator_staff'] },
    ],
  },
  {
    key: 'op_univ', name: '南京金陵理工科技园发展有限公司', kind: 'operator', regionCode: '320113',
    uscc: uscc('91320113MA1MXKJ03'),
    accounts: [
      { username: 'op_univ_admin', displayName: '金陵理工空间管理员', roles: ['operator_admin'] },
      { username: 'op_univ_staff', displayName: '金陵理工空间运营专员', roles: ['operator_staff'] },
    ],
  },
  {
    key: 'op_cg', name: '长葛市创新工场企业管理有限公司', kind: 'operator', regionCode: '411082',
    uscc: uscc('91411082MA44PNNT4'),
    accounts: [
      { username: 'op_cg_admin', displayName: '长葛创新工场管理员', roles: ['operator_admin'] },
      { username: 'op_cg_staff', displayName: '长葛创新工场运营专员', roles: ['operator_staff'] },
    ],
  },
  {
    key: 'experts_js', name: '江苏省科技评审专家库', kind: 'expert_body', regionCode: '320000',
    accounts: [{ username: 'expert_wang', displayName: '王教授（评审专家）', roles: ['expert'] }],
  },
  {
    key: 'experts_ln', name: '辽宁省科技评审专家库', kind: 'expert_body', regionCode: '210000',
    accounts: [{ username: 'expert_li', displayName: '李研究员（评审专家）', roles: ['expert'] }],
  },
  {
    key: 'maker_team', name: '陈晨智能硬件创客团队', kind: 'maker_team', regionCode: '210102',
    accounts: [{ username: 'maker_chen', displayName: '陈晨（创客）', roles: ['maker'] }],
  },
];

export const DEMO_ACCOUNTS = DEMO_ORGS.flatMap((o) =>
  o.accounts.map((a) => ({ ...a, organisation: o.name })),
);

export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
  return (row?.n ?? 0) === 0;
}

/** Seeds the demo organisations and accounts in one transaction; returns the accounts created. */
export async function seedDemo(db: Db, config: Config) {
  // One hash for the shared demo password keeps seeding fast; demo accounts are not real accounts.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    for (const { key: _key, accounts, ...org } of DEMO_ORGS) {
      const created = await createOrganisationInTx(tx, SYSTEM_CONTEXT, org);
      for (const account of accounts) {
        await createAccountInTx(
          tx,
          config,
          SYSTEM_CONTEXT,
          { ...account, password: DEMO_PASSWORD, orgId: created.id, mustChangePassword: false },
          passwordHash,
        );
      }
    }
  });
  return DEMO_ACCOUNTS;
}
