import type { ShippedChain } from '../chains/index.ts';

/**
 * The chains of the annual evaluation, shipped with the product (AFTER-FILING §3): the local
 * authority gives its opinion on each space's summary and figures, experts of the province's pool
 * score the qualitative items (expert stages sit at the province or above, where the pools are),
 * the grades go to a public notice with objections, and the evaluating authority releases them as a
 * published list with its 文号; the evaluation kind's effect writes the published grades. The last
 * decision's `filingLevel` is what the chain validator asks of every final decision: no filing is
 * given, the list's level is the grades' level.
 */
const OPINION = [
  { key: 'summary_read', label: '已审阅年度工作总结', labelEn: 'Work summary read' },
  { key: 'figures_checked', label: '统计数据与日常掌握情况一致', labelEn: 'Figures match what the authority knows' },
];
const EXPERT = [{ key: 'scores_complete', label: '专家评分已完成', labelEn: 'Expert scoring complete' }];
const DECISION = [{ key: 'grade_basis', label: '评价等次依据充分', labelEn: 'The grade is well founded' }];

/** The kind of submission an evaluation is, and of the chains it runs on. */
export const EVALUATION_KIND = 'evaluation';

export const EVALUATION_CHAINS: readonly ShippedChain[] = [
  {
    // 辽宁 (002 §四(二)): the city gives its opinion, the province scores, publicises and publishes.
    key: 'evaluation_city_province',
    kind: EVALUATION_KIND,
    level: 'province',
    name: '年度评价：市级意见 → 省级专家评分 → 公示 → 省级审定',
    nameEn: 'Annual evaluation: city opinion → provincial expert scoring → public notice → provincial decision',
    stages: [
      { key: 'city_opinion', kind: 'review', name: '市级意见', nameEn: 'City opinion', actor: { kind: 'authority', level: 'city' }, dueDays: 10, checklist: OPINION },
      { key: 'province_expert', kind: 'expert', name: '省级专家评分', nameEn: 'Provincial expert scoring', actor: { kind: 'authority', level: 'province' }, dueDays: 20, checklist: EXPERT },
      { key: 'province_notice', kind: 'notice', name: '评价结果公示', nameEn: 'Public notice of the grades', actor: { kind: 'authority', level: 'province' }, dueDays: 10, checklist: [] },
      { key: 'province_decision', kind: 'decision', name: '省级审定发布', nameEn: 'Provincial decision and publication', actor: { kind: 'authority', level: 'province' }, dueDays: 10, checklist: DECISION, filingLevel: 'province' },
    ],
  },
  {
    // 许昌 (003 第十条): a city files and evaluates its own spaces; expert pools sit at the province,
    // so a city round scores its expert items only where the city borrows the province's chain.
    key: 'evaluation_city',
    kind: EVALUATION_KIND,
    level: 'city',
    name: '年度评价：县级意见 → 公示 → 市级审定',
    nameEn: 'Annual evaluation: county opinion → public notice → city decision',
    stages: [
      { key: 'county_opinion', kind: 'review', name: '县级意见', nameEn: 'County opinion', actor: { kind: 'authority', level: 'county' }, dueDays: 10, checklist: OPINION },
      { key: 'city_notice', kind: 'notice', name: '评价结果公示', nameEn: 'Public notice of the grades', actor: { kind: 'authority', level: 'city' }, dueDays: 10, checklist: [] },
      { key: 'city_decision', kind: 'decision', name: '市级审定发布', nameEn: 'City decision and publication', actor: { kind: 'authority', level: 'city' }, dueDays: 10, checklist: DECISION, filingLevel: 'city' },
    ],
  },
];
