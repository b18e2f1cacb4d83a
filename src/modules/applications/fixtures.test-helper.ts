import type { BasicInfo, Report } from './dossier.ts';

/** A 基础信息表 with every field of 001 附件2 answered. */
export const COMPLETE_BASIC_INFO: BasicInfo = {
  spaceName: '沈阳智能制造专业化众创空间',
  foundedOn: '2016-05-01',
  operatorName: '沈阳新锐智造众创科技有限公司',
  operatorNature: 'enterprise_private',
  legalRepresentative: '张伟',
  legalRepresentativePhone: '024-83232116',
  principalName: '李娜',
  principalMobile: '13800000001',
  contactName: '王强',
  contactMobile: '13900000002',
  address: '沈阳市浑南区创新路1号',
  email: 'contact@example.cn',
  builtByEnterprise: { yes: true, name: '沈阳新锐机器人集团有限公司' },
  builtByUniversity: { yes: false },
  builtByResearchInstitute: { yes: false },
  professionalDirection: '高端装备制造（工业机器人）',
  teamTotal: 12,
  teamCollegePlus: 10,
  mentors: 6,
  floorAreaM2: 3200.5,
  publicServiceAreaM2: 1200,
  angelFundWan: 500,
  residentProjects: 20,
  residentEnterprises: 18,
  eventsHeld: 24,
  onlinePlatform: { yes: true, name: '新锐智造创客云' },
  publicTechPlatform: { yes: true, name: '机器人检测中心' },
  managementSystems: { entryStandard: true, exitConditions: true, incubateeDatabase: true },
};

const p = (text: string) => `<p>${text}</p>`;
export const COMPLETE_REPORT: Report = {
  hostOverview: p('集团概况'),
  currentStatus: p('空间现状'),
  overallResults: p('总体成效'),
  successCases: [1, 2, 3].map((i) => ({ title: `案例${i}`, content: p(`案例${i}内容`) })),
  goalsAndTasks: p('目标任务'),
  organisationAndSupport: p('组织保障'),
};

/** The body registering a regular space of 新锐智造 in 沈阳 浑南区 (no host needed) under `name`. */
export const xinruiSpace = (name: string) => ({
  name,
  category: 'regular',
  regularType: 'tech_support',
  industry: 'advanced_equipment',
  subField: '工业机器人',
  foundedOn: '2016-05-01',
  regionCode: '210112',
  hostIds: [],
  onlinePlatform: { name: '新锐智造创客云' },
  managementSystems: { entryStandard: true, exitConditions: true, incubateeDatabase: true },
});
