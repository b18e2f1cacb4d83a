import { sql } from 'drizzle-orm';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { SYSTEM_CONTEXT } from '../modules/audit/index.ts';
import type { CallLevel, CHAIN_TEMPLATES, Role } from '../shared/domain.ts';
import { createAccountInTx, hashPassword, users } from '../modules/identity/index.ts';
import {
  createMakerProfileInTx,
  createOrganisationInTx,
  createProfileInTx,
  linkHostInTx,
  type HostCredentials,
  type NewOrganisation,
  type ProfileInput,
} from '../modules/orgs/index.ts';
import { defaultMaterialSlots, insertCallInTx, publishedRuleSetId } from '../modules/calls/index.ts';
import { createSpaceInTx, type SpaceInput } from '../modules/spaces/index.ts';
import { insertPublishedChainInTx, shippedChainVersionId } from '../modules/chains/index.ts';
import { addToPoolInTx, type PoolProfile } from '../modules/experts/index.ts';
import type { Tx } from '../db/client.ts';
import { usccCheckChar } from '../shared/validation/uscc.ts';
import { BEIJING_OFFSET_MS } from '../shared/beijing-time.ts';

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
 * the national ministry; three operators with their hosts; four experts per provincial pool; one maker. Issue 3 adds
 * the operators' profiles, one space each, and one open call per review chain.
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
    accounts: [
      { username: 'expert_wang', displayName: '王教授（评审专家）', roles: ['expert'] },
      { username: 'expert_zhao', displayName: '赵研究员（评审专家）', roles: ['expert'] },
      { username: 'expert_sun', displayName: '孙高工（评审专家）', roles: ['expert'] },
      { username: 'expert_zhou', displayName: '周教授（评审专家）', roles: ['expert'] },
    ],
  },
  {
    key: 'experts_ln', name: '辽宁省科技评审专家库', kind: 'expert_body', regionCode: '210000',
    accounts: [
      { username: 'expert_li', displayName: '李研究员（评审专家）', roles: ['expert'] },
      { username: 'expert_liu', displayName: '刘教授（评审专家）', roles: ['expert'] },
      { username: 'expert_ma', displayName: '马高工（评审专家）', roles: ['expert'] },
      { username: 'expert_gao', displayName: '高研究员（评审专家）', roles: ['expert'] },
    ],
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

/** Registry profiles (001 附件2) of the demo operators and the credentials of their hosts. */
const DEMO_PROFILES: Record<string, ProfileInput | { hostCredentials: HostCredentials }> = {
  op_robot: {
    nature: 'enterprise_private', legalRepresentative: '赵立新', principalName: '孙海涛', principalMobile: '13804001234',
    contactName: '刘晓雨', contactMobile: '13904005678', phone: '024-83786600', email: 'maker@xinrui-robot.example.cn',
    address: '辽宁省沈阳市浑南区创新路 155 号',
  },
  op_univ: {
    nature: 'enterprise_state', legalRepresentative: '周文博', principalName: '吴静怡', principalMobile: '13851001234',
    contactName: '陈子豪', contactMobile: '13770005678', phone: '025-85481234', email: 'space@jlpark.example.cn',
    address: '江苏省南京市栖霞区仙林大道 88 号',
  },
  op_cg: {
    nature: 'enterprise_private', legalRepresentative: '王建国', principalName: '李春燕', principalMobile: '13703741234',
    contactName: '张明', contactMobile: '15937415678', phone: '0374-6212345', email: 'cxgc@changge.example.cn',
    address: '河南省长葛市长社路 268 号',
  },
  host_robot: { hostCredentials: { enterpriseTechCentreLevel: 'national', keyLabLevel: 'province', engineeringCentreLevel: 'province', goodRecord3Years: true, hasServiceManagementSystems: true } },
  host_univ: { hostCredentials: { keyLabLevel: 'national', engineeringCentreLevel: 'province', goodRecord3Years: true, hasServiceManagementSystems: true } },
};

/** One space per demo operator, as issue 3 describes them; hosts by their DEMO_ORGS key. */
const DEMO_SPACES: { operator: string; hosts: string[]; space: Omit<SpaceInput, 'hostIds'> }[] = [
  {
    operator: 'op_robot', hosts: ['host_robot'],
    space: {
      name: '沈阳智能机器人专业化众创空间', category: 'professional', industry: 'advanced_equipment', subField: '工业机器人与智能制造',
      foundedOn: '2016-05-18', regionCode: '210112',
      onlinePlatform: { name: '新锐智造创客云平台', url: 'https://maker.xinrui-robot.example.cn' },
      techPlatform: { name: '机器人检测与中试公共技术服务平台', url: 'https://lab.xinrui-robot.example.cn' },
      managementSystems: { entryStandard: true, exitConditions: true, incubateeDatabase: true },
    },
  },
  {
    operator: 'op_univ', hosts: ['host_univ'],
    space: {
      name: '金陵理工生物医药专业化众创空间', category: 'professional', industry: 'biotechnology', subField: '生物医药',
      foundedOn: '2015-09-10', regionCode: '320113',
      onlinePlatform: { name: '金陵理工创新创业服务平台', url: 'https://cxcy.jlpark.example.cn' },
      techPlatform: { name: '生物医药分析测试中心', url: 'https://biotest.jlpark.example.cn' },
      managementSystems: { entryStandard: true, exitConditions: true, incubateeDatabase: true, other: '知识产权管理办法' },
    },
  },
  {
    operator: 'op_cg', hosts: [],
    space: {
      name: '长葛创新工场众创空间', category: 'regular', regularType: 'tech_support', industry: 'new_materials', subField: '超硬材料与再生金属',
      foundedOn: '2017-03-01', regionCode: '411082',
      onlinePlatform: { name: '长葛创新工场线上服务平台', url: 'https://www.cgcxgc.example.cn' },
      managementSystems: { entryStandard: true, exitConditions: true, incubateeDatabase: false },
    },
  },
];

/** One published, open call per review chain (DESIGN §4), closing three months after seeding. */
const DEMO_CALLS: { authority: string; title: string; level: CallLevel; ruleSet: string; categories: ('regular' | 'professional')[]; chain: (typeof CHAIN_TEMPLATES)[number]; description: string }[] = [
  {
    authority: 'xc', title: '许昌市{year}年度众创空间备案申报', level: 'city', ruleSet: 'xuchang-2016-regular', categories: ['regular'], chain: 'xuchang_city',
    description: '按照《许昌市众创空间备案管理办法》，经县（市、区）科技主管部门初审并书面推荐后，市科技局定期审核，达标一批，备案一批。',
  },
  {
    authority: 'ln', title: '{year}年辽宁省专业化众创空间备案申报', level: 'province', ruleSet: 'liaoning-2019', categories: ['professional'], chain: 'liaoning_province',
    description: '申报单位在省科技厅平台在线填报并上传证明材料，经所在市科技局真实性审查并公示无异议后书面推荐，省科技厅组织评审。',
  },
  {
    authority: 'js', title: '{year}年国家专业化众创空间备案推荐', level: 'national', ruleSet: 'jiangsu-2018', categories: ['professional'], chain: 'jiangsu_national',
    description: '由各设区市科技局（科委）、国家高新区管委会出具推荐函，连同申报材料报送省科技厅委托受理单位（省科技企业孵化器协会），省科技厅形式审查后择优向科技部推荐。',
  },
];

const check = (key: string, label: string, labelEn: string) => ({ key, label, labelEn });

/**
 * A jurisdiction's own chain (issue 10): Jiangsu's provincial filing, which no seed document
 * describes, adapted from the Liaoning chain by the province and published, so its admins find a
 * chain of their own beside the shipped ones.
 */
const DEMO_OWN_CHAIN = {
  key: 'jiangsu_province',
  authority: 'js',
  basedOnKey: 'liaoning_province',
  chain: {
    name: '江苏省级备案：市级审核推荐 → 省级形式审查 → 专家评审 → 公示 → 省级审定备案',
    nameEn: 'Jiangsu provincial filing: city review and recommendation → provincial formal review → expert review → public notice → provincial decision',
    level: 'province',
    requiresFiling: null,
    definition: {
      stages: [
        {
          key: 'city_review', kind: 'review', name: '设区市科技局审核', nameEn: 'City bureau review', actor: { kind: 'authority', level: 'city' }, dueDays: 15,
          checklist: [check('materials_authentic', '申报材料真实、准确', 'The materials are authentic and accurate'), check('conditions_met', '符合备案条件', 'The filing conditions are met')],
        },
        {
          key: 'city_recommend', kind: 'recommend', name: '设区市科技局书面推荐', nameEn: 'City bureau recommendation', actor: { kind: 'authority', level: 'city' }, dueDays: 10,
          checklist: [check('credit_checked', '申报单位无不良信用记录', 'The applicant has no bad credit record')], documents: ['letter'],
        },
        {
          key: 'province_formal', kind: 'review', name: '省级形式审查', nameEn: 'Provincial formal review', actor: { kind: 'authority', level: 'province' }, dueDays: 15,
          checklist: [check('format', '材料格式、签章符合要求', 'Format, signatures and seals as required'), check('naming', '名称规范（XXX专业化众创空间）', 'Name follows the rule (XXX专业化众创空间)')],
        },
        {
          key: 'province_expert', kind: 'expert', name: '省级专家评审', nameEn: 'Provincial expert review', actor: { kind: 'authority', level: 'province' }, dueDays: 20,
          checklist: [check('scores_complete', '专家评分已完成', 'Expert scoring complete')],
        },
        { key: 'province_notice', kind: 'notice', name: '拟备案名单公示', nameEn: 'Public notice of the proposed list', actor: { kind: 'authority', level: 'province' }, dueDays: 7, checklist: [] },
        {
          key: 'province_decision', kind: 'decision', name: '省级审定备案', nameEn: 'Provincial decision and filing', actor: { kind: 'authority', level: 'province' }, dueDays: 10,
          checklist: [check('decision_basis', '审定依据充分', 'The decision is well founded')], filingLevel: 'province',
        },
      ],
    },
  },
};

/**
 * The provincial expert pools (专家库): enough experts in each that the demo call's auto-assignment
 * finds three per application, most of them in the field of the province's demo space.
 */
const DEMO_EXPERTS: { username: string; pool: string; profile: Omit<PoolProfile, 'conflictOrgIds' | 'affiliationOrgId'> }[] = [
  { username: 'expert_wang', pool: 'js', profile: { fields: ['biotechnology', 'medicine_health'], affiliation: '南京大学生命科学学院', regionCode: '320102' } },
  { username: 'expert_zhao', pool: 'js', profile: { fields: ['biotechnology', 'new_materials'], affiliation: '江苏省产业技术研究院', regionCode: '320505' } },
  { username: 'expert_sun', pool: 'js', profile: { fields: ['medicine_health', 'biotechnology'], affiliation: '无锡药明生物技术股份有限公司', regionCode: '320214' } },
  { username: 'expert_zhou', pool: 'js', profile: { fields: ['electronic_information', 'modern_services'], affiliation: '东南大学', regionCode: '320115' } },
  { username: 'expert_li', pool: 'ln', profile: { fields: ['advanced_equipment', 'electronic_information'], affiliation: '中国科学院沈阳自动化研究所', regionCode: '210102' } },
  { username: 'expert_liu', pool: 'ln', profile: { fields: ['advanced_equipment', 'new_materials'], affiliation: '大连理工大学', regionCode: '210211' } },
  { username: 'expert_ma', pool: 'ln', profile: { fields: ['advanced_equipment'], affiliation: '鞍钢集团工程技术有限公司', regionCode: '210303' } },
  { username: 'expert_gao', pool: 'ln', profile: { fields: ['electronic_information', 'modern_services'], affiliation: '东北大学', regionCode: '210102' } },
];

const DAY_MS = 24 * 60 * 60 * 1000;

/** 17:00 Asia/Shanghai (UTC+8, no daylight saving) on the day `days` from `from`. */
const shanghaiFivePm = (from: Date, days: number) => {
  const d = new Date(from.getTime() + days * DAY_MS + BEIJING_OFFSET_MS);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), 9));
};

/** Profiles, host links, spaces and calls on top of the organisations and accounts. */
async function seedRegistry(tx: Tx, orgIds: Map<string, { id: string; regionCode: string }>, adminIds: Map<string, string>) {
  const org = (key: string) => orgIds.get(key)!;
  for (const [key, profile] of Object.entries(DEMO_PROFILES)) await createProfileInTx(tx, org(key).id, profile);
  await createMakerProfileInTx(tx, org('maker_team').id, {
    makerType: 'team',
    members: 4,
    fields: ['electronic_information', 'advanced_equipment'],
    affiliation: '东北大学机器人科学与工程学院',
    intro: '四名在读研究生组成的团队，做桌面级协作机械臂与教育机器人套件，已完成第二版样机，需要激光切割、3D 打印和示波器等设备。',
  });
  for (const { operator, hosts, space } of DEMO_SPACES) {
    for (const host of hosts) await linkHostInTx(tx, SYSTEM_CONTEXT, org(operator).id, org(host).id);
    await createSpaceInTx(tx, SYSTEM_CONTEXT, org(operator), { ...space, hostIds: hosts.map((h) => org(h).id) });
  }
  const now = new Date();
  const year = shanghaiFivePm(now, 0).getUTCFullYear();
  await insertPublishedChainInTx(tx, SYSTEM_CONTEXT, { ...DEMO_OWN_CHAIN, ownerRegionCode: org(DEMO_OWN_CHAIN.authority).regionCode, createdBy: adminIds.get(DEMO_OWN_CHAIN.authority) ?? null });
  for (const c of DEMO_CALLS) {
    const ruleSetId = await publishedRuleSetId(tx, c.ruleSet);
    if (!ruleSetId) throw new Error(`demo seed: rule set ${c.ruleSet} is not loaded`);
    const chainId = await shippedChainVersionId(tx, c.chain);
    if (!chainId) throw new Error(`demo seed: review chain ${c.chain} is not loaded`);
    await insertCallInTx(tx, SYSTEM_CONTEXT, {
      title: c.title.replace('{year}', String(year)),
      level: c.level,
      year,
      authorityOrgId: org(c.authority).id,
      regionCode: org(c.authority).regionCode,
      opensAt: new Date(now.getTime() - 7 * DAY_MS),
      closesAt: shanghaiFivePm(now, 90),
      eligibleCategories: c.categories,
      ruleSetId,
      materialSlots: defaultMaterialSlots(c.level),
      chainId,
      description: c.description,
      status: 'published',
      publishedAt: now,
      createdBy: adminIds.get(c.authority) ?? null,
    });
  }
}

/** Seeds the demo organisations, accounts, registry and calls in one transaction; returns the accounts created. */
export async function seedDemo(db: Db, config: Config) {
  // One hash for the shared demo password keeps seeding fast; demo accounts are not real accounts.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    const orgIds = new Map<string, { id: string; regionCode: string }>();
    const adminIds = new Map<string, string>();
    const userIds = new Map<string, string>();
    for (const { key, accounts, ...org } of DEMO_ORGS) {
      const created = await createOrganisationInTx(tx, SYSTEM_CONTEXT, org);
      orgIds.set(key, created);
      for (const account of accounts) {
        const user = await createAccountInTx(
          tx,
          config,
          SYSTEM_CONTEXT,
          { ...account, password: DEMO_PASSWORD, orgId: created.id, mustChangePassword: false },
          passwordHash,
        );
        if (account.roles.includes('authority_admin')) adminIds.set(key, user.id);
        userIds.set(account.username, user.id);
      }
    }
    await seedRegistry(tx, orgIds, adminIds);
    for (const e of DEMO_EXPERTS)
      await addToPoolInTx(tx, SYSTEM_CONTEXT, orgIds.get(e.pool)!.id, userIds.get(e.username)!, { ...e.profile, affiliationOrgId: null, conflictOrgIds: [] });
  });
  return DEMO_ACCOUNTS;
}
