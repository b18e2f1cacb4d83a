import type { ShippedChain } from '../chains/index.ts';

/**
 * The review chains of statistics returns, shipped with the product. Returns go up the authority
 * chain (AFTER-FILING §1: county by the 6th, city by the 8th, then the province); the last decision
 * stage releases the accepted returns, and the return kind's effect marks them accepted and locked
 * (no filing is given: `filingLevel` is what the chain validator asks of every final decision).
 */
const CHECK = [
  { key: 'figures_plausible', label: '数据真实、逻辑关系合理', labelEn: 'Figures authentic and consistent' },
  { key: 'warnings_explained', label: '预警项已说明', labelEn: 'Warnings explained' },
];
const ACCEPT = [{ key: 'accepted', label: '同意报送', labelEn: 'Accepted' }];

/** The kind of submission a statistics return is, and of the chains it runs on. */
export const RETURN_KIND = 'annual_return';

export const RETURN_CHAINS: readonly ShippedChain[] = [
  {
    key: 'annual_return_city',
    kind: RETURN_KIND,
    level: 'city',
    name: '统计报表：县级审核 → 市级审定',
    nameEn: 'Statistics return: county check → city acceptance',
    stages: [
      { key: 'county_check', kind: 'review', name: '县级审核', nameEn: 'County check', actor: { kind: 'authority', level: 'county' }, dueDays: 6, checklist: CHECK },
      { key: 'city_accept', kind: 'decision', name: '市级审定', nameEn: 'City acceptance', actor: { kind: 'authority', level: 'city' }, dueDays: 8, checklist: ACCEPT, filingLevel: 'city' },
    ],
  },
  {
    // A province whose cities collect their own counties' figures first (辽宁: the city checks, the province accepts).
    key: 'annual_return_city_province',
    kind: RETURN_KIND,
    level: 'province',
    name: '统计报表：市级审核 → 省级审定',
    nameEn: 'Statistics return: city check → provincial acceptance',
    stages: [
      { key: 'city_check', kind: 'review', name: '市级审核', nameEn: 'City check', actor: { kind: 'authority', level: 'city' }, dueDays: 8, checklist: CHECK },
      { key: 'province_accept', kind: 'decision', name: '省级审定', nameEn: 'Provincial acceptance', actor: { kind: 'authority', level: 'province' }, dueDays: 10, checklist: ACCEPT, filingLevel: 'province' },
    ],
  },
  {
    key: 'annual_return_province',
    kind: RETURN_KIND,
    level: 'province',
    name: '统计报表：县级审核 → 市级审核 → 省级审定',
    nameEn: 'Statistics return: county check → city check → provincial acceptance',
    stages: [
      { key: 'county_check', kind: 'review', name: '县级审核', nameEn: 'County check', actor: { kind: 'authority', level: 'county' }, dueDays: 6, checklist: CHECK },
      { key: 'city_check', kind: 'review', name: '市级审核', nameEn: 'City check', actor: { kind: 'authority', level: 'city' }, dueDays: 8, checklist: CHECK },
      { key: 'province_accept', kind: 'decision', name: '省级审定', nameEn: 'Provincial acceptance', actor: { kind: 'authority', level: 'province' }, dueDays: 10, checklist: ACCEPT, filingLevel: 'province' },
    ],
  },
];
