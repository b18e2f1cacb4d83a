import type { CallLevel, MaterialSlot } from './schema.ts';

const slot = (key: string, name: string, required: boolean, description?: string): MaterialSlot => ({ key, name, required, ...(description ? { description } : {}) });

/** Evidence every filing asks for, whatever the level (003 第五、六条; 002 §二; 000 §三). */
const EVIDENCE: MaterialSlot[] = [
  slot('business_licence', '营业执照', true, '运营主体营业执照或法人登记证书复印件（加盖公章）'),
  slot('premises_proof', '场地证明/租赁合同', true, '自有产权证明或租赁合同（租期不少于 5 年），注明面积'),
  slot('equipment_list', '设备清单', true, '研发设计、检验检测、模型加工、中试生产等设备设施清单及价值'),
  slot('management_systems', '管理制度', true, '入驻标准、退出条件、在孵项目或企业数据库等运营管理制度'),
  slot('success_cases', '成功案例证明', true, '成功孵化或投资案例的证明材料'),
];

/**
 * The material slots a new call starts with, by level; the authority edits them before publishing.
 * Province and national calls require the fund and mentor evidence their conditions name (002
 * §二(六)(七); 000 §三); the national call adds the five materials of 001 §二, of which the
 * recommendation letter and the authority's commitment come from the recommending unit, not the
 * applicant, so they are optional at the applicant's submission.
 */
export function defaultMaterialSlots(level: CallLevel): MaterialSlot[] {
  const fundAndMentors = level !== 'city';
  const slots = [
    ...EVIDENCE,
    slot('fund_proof', '基金证明', fundAndMentors, '创业投资基金、创新基金或合作设立股权投资基金的证明（规模以万元计）'),
    slot('mentor_appointments', '导师聘书', fundAndMentors, '创新创业导师聘书或服务协议'),
    slot('applicant_commitment', '申报单位信用承诺书', true, '运营主体法人签字并加盖公章后的扫描件（001 附件4）'),
  ];
  if (level === 'national') {
    slots.push(
      slot('authority_commitment', '主管部门信用承诺书', false, '由推荐单位出具并盖章（001 附件5）'),
      slot('recommendation_letter', '推荐函', false, '由设区市科技局（科委）或国家高新区管委会出具'),
    );
  }
  return slots;
}
