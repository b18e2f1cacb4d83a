import { describe, expect, it } from 'vitest';
import type { SpaceProfileFacts } from '../spaces/service.ts';
import { BASIC_INFO_FIELDS, BasicInfo, checkBasicInfo, missingBasicInfo, missingReport, normaliseBasicInfo, plainText, Report, sanitiseReport, type Report as ReportT } from './dossier.ts';
import { COMPLETE_BASIC_INFO, COMPLETE_REPORT } from './fixtures.test-helper.ts';
import { buildProfile, prefillBasicInfo } from './profile.ts';

describe('基础信息表 schema', () => {
  it('holds every field of 附件2 and accepts a complete form', () => {
    expect(Object.keys(BASIC_INFO_FIELDS)).toHaveLength(28);
    expect(BasicInfo.safeParse(COMPLETE_BASIC_INFO).success).toBe(true);
    expect(BASIC_INFO_FIELDS.floorAreaM2.unit).toBe('平方米');
    expect(BASIC_INFO_FIELDS.angelFundWan.unit).toBe('万元');
  });

  it('refuses unknown fields, negative counts and more than two decimals', () => {
    expect(BasicInfo.safeParse({ status: 'submitted' }).success).toBe(false);
    expect(BasicInfo.safeParse({ teamTotal: -1 }).success).toBe(false);
    expect(BasicInfo.safeParse({ teamTotal: 1.5 }).success).toBe(false);
    expect(BasicInfo.safeParse({ angelFundWan: 1.234 }).success).toBe(false);
    expect(BasicInfo.safeParse({ angelFundWan: 300.25 }).success).toBe(true);
  });

  it('accepts an empty draft', () => {
    expect(BasicInfo.safeParse({}).success).toBe(true);
    expect(checkBasicInfo({})).toEqual([]);
  });
});

describe('checkBasicInfo (format and cross-field checks)', () => {
  it('passes a consistent form', () => {
    expect(checkBasicInfo(COMPLETE_BASIC_INFO)).toEqual([]);
  });

  it.each([
    [{ teamTotal: 5, teamCollegePlus: 6 }, 'basicInfo.teamCollegePlus', '其中大专以上人数（6人）不能超过管理团队人员总数（5人）', 'cannot exceed Management team size'],
    [{ floorAreaM2: 100, publicServiceAreaM2: 100.5 }, 'basicInfo.publicServiceAreaM2', '公共办公与服务场地面积（100.5平方米）不能超过自主支配场地建筑面积（100平方米）', 'cannot exceed Self-controlled floor area'],
    [{ principalMobile: '1380000' }, 'basicInfo.principalMobile', '负责人联系手机应为 11 位手机号码', "Principal's mobile must be a mainland mobile number"],
    [{ contactMobile: '12800000000' }, 'basicInfo.contactMobile', '联系人联系手机应为 11 位手机号码', "Contact's mobile must be a mainland mobile number"],
    [{ legalRepresentativePhone: 'abc' }, 'basicInfo.legalRepresentativePhone', '法人代表联系电话应为固定电话', 'must be a landline'],
    [{ email: 'not-an-email' }, 'basicInfo.email', 'Email 格式不正确', 'Email is not a valid address'],
    [{ builtByUniversity: { yes: false, name: '某大学' } }, 'basicInfo.builtByUniversity.name', '是否由高校建立选“否”时不填写名称', 'no name when the answer is no'],
  ] satisfies [BasicInfo, string, string, string][])('names the field in Chinese and English: %j', (info, field, zh, en) => {
    const [error, ...rest] = checkBasicInfo(info);
    expect(rest).toEqual([]);
    expect(error!.field).toBe(field);
    expect(error!.message).toContain(zh);
    expect(error!.messageEn).toContain(en);
  });

  it('allows equal values (大专+ = total; public area = total area)', () => {
    expect(checkBasicInfo({ teamTotal: 5, teamCollegePlus: 5, floorAreaM2: 100, publicServiceAreaM2: 100 })).toEqual([]);
  });

  it('normalises mobiles written with +86 and separators, landlines stay', () => {
    expect(normaliseBasicInfo({ principalMobile: '+86 138-0000-0001', legalRepresentativePhone: '025-83232116' })).toEqual({
      principalMobile: '13800000001',
      legalRepresentativePhone: '025-83232116',
    });
  });
});

describe('completeness', () => {
  it('lists every unanswered field of 附件2, and the name a "是" needs', () => {
    expect(missingBasicInfo(COMPLETE_BASIC_INFO)).toEqual([]);
    const missing = missingBasicInfo({ ...COMPLETE_BASIC_INFO, mentors: undefined, onlinePlatform: { yes: true } });
    expect(missing.map((m) => m.field)).toEqual(['basicInfo.mentors', 'basicInfo.onlinePlatform.name']);
    expect(missing[0]!.message).toBe('创业导师数未填写');
    expect(missingBasicInfo({})).toHaveLength(28);
  });

  it('needs every section of 附件3 and 3–5 success cases, each with title and content', () => {
    expect(missingReport(COMPLETE_REPORT)).toEqual([]);
    const two = missingReport({ ...COMPLETE_REPORT, successCases: COMPLETE_REPORT.successCases!.slice(0, 2) });
    expect(two).toEqual([expect.objectContaining({ field: 'report.successCases', message: '成功案例应为3–5个，现有2个' })]);
    const six = missingReport({ ...COMPLETE_REPORT, successCases: [...COMPLETE_REPORT.successCases!, ...COMPLETE_REPORT.successCases!] });
    expect(six[0]!.message).toBe('成功案例应为3–5个，现有6个');
    const blank = missingReport({ ...COMPLETE_REPORT, currentStatus: '<p> </p>', successCases: [{ title: '', content: '' }, ...COMPLETE_REPORT.successCases!.slice(1)] });
    expect(blank.map((m) => m.field)).toEqual(['report.currentStatus', 'report.successCases.0.title', 'report.successCases.0.content']);
    expect(missingReport({}).map((m) => m.field)).toEqual([
      'report.hostOverview',
      'report.currentStatus',
      'report.overallResults',
      'report.goalsAndTasks',
      'report.organisationAndSupport',
      'report.successCases',
    ]);
  });
});

describe('rich text', () => {
  it('keeps basic formatting and drops scripts, attributes, links and images', () => {
    const dirty: ReportT = {
      hostOverview: '<p onclick="x()">甲<strong>乙</strong><script>alert(1)</script><a href="javascript:x">链接</a><img src=x onerror=y></p><ul><li>项</li></ul>',
      successCases: [{ title: '案例', content: '<em style="color:red">丙</em><iframe src="//evil"></iframe>' }],
    };
    const clean = sanitiseReport(Report.parse(dirty));
    expect(clean.hostOverview).toBe('<p>甲<strong>乙</strong>链接</p><ul><li>项</li></ul>');
    expect(clean.successCases![0]!.content).toBe('<em>丙</em>');
    expect(plainText('<p>a &amp; b</p><p>&lt;c&gt;</p>')).toBe('a & b <c>');
  });
});

const FACTS = {
  space: {
    id: 's', name: '沈阳智能制造专业化众创空间', category: 'professional', regularType: null, industry: 'advanced_equipment', industryName: '高端装备制造',
    subField: '工业机器人', foundedOn: '2016-05-01', regionCode: '210112', regionName: '浑南区', regionPath: '000000/210000/210100/210112',
    onlinePlatform: { name: '新锐智造创客云', url: null }, techPlatform: null, managementSystems: { entryStandard: true, exitConditions: true, incubateeDatabase: false },
  },
  operator: {
    id: 'o', name: '沈阳新锐智造众创科技有限公司', uscc: null, regionCode: '210112', nature: 'enterprise_private', legalRepresentative: '张伟', principalName: null,
    principalMobile: null, contactName: '王强', contactMobile: '13900000002', phone: null, email: null, address: '沈阳市浑南区创新路1号',
  },
  hosts: [{ id: 'h', name: '沈阳新锐机器人集团有限公司', hostType: 'leading_enterprise', uscc: null, credentials: { keyLabLevel: 'city', engineeringCentreLevel: 'province', enterpriseTechCentreLevel: 'national' } }],
} as unknown as SpaceProfileFacts;

describe('prefill and profile', () => {
  it('prefills what the registry knows and leaves the rest for the applicant', () => {
    expect(prefillBasicInfo(FACTS)).toEqual({
      spaceName: '沈阳智能制造专业化众创空间',
      foundedOn: '2016-05-01',
      operatorName: '沈阳新锐智造众创科技有限公司',
      operatorNature: 'enterprise_private',
      legalRepresentative: '张伟',
      contactName: '王强',
      contactMobile: '13900000002',
      address: '沈阳市浑南区创新路1号',
      builtByEnterprise: { yes: true, name: '沈阳新锐机器人集团有限公司' },
      builtByUniversity: { yes: false },
      builtByResearchInstitute: { yes: false },
      professionalDirection: '高端装备制造（工业机器人）',
      onlinePlatform: { yes: true, name: '新锐智造创客云' },
      publicTechPlatform: { yes: false },
      managementSystems: { entryStandard: true, exitConditions: true, incubateeDatabase: false },
    });
  });

  it('builds the evaluation input from registry, form, report and slots; declared indicators win', () => {
    const profile = buildProfile(FACTS, {
      basicInfo: COMPLETE_BASIC_INFO,
      report: COMPLETE_REPORT,
      indicators: { indicators: { incubatedEnterprises: 16, leaseYears: 5 } },
      filledSlots: new Set(['applicant_commitment', 'recommendation_letter']),
      commitmentConfirmed: false,
    });
    expect(profile.space).toMatchObject({ name: '沈阳智能制造专业化众创空间', category: 'professional', subField: '工业机器人' });
    expect(profile.host).toEqual({ type: 'leading_enterprise', labLevel: 'province', provincialTechCentre: true });
    expect(profile.operator).toEqual({ hasManagementSystems: true });
    expect(profile.indicators).toMatchObject({ staffTotal: 12, staffCollegePlus: 10, mentors: 6, fundWan: 500, incubatedEnterprises: 16, leaseYears: 5 });
    expect(profile.facts).toMatchObject({ onlinePlatform: true, openPublicTechPlatform: true, hasInvestmentFund: true });
    expect(profile.materials).toEqual({ basicInfo: true, report: true, applicantCommitment: false, authorityCommitment: false, recommendationLetter: true });
    expect(profile.lists!.successCases).toHaveLength(3);
  });
});
