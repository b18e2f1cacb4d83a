import type { ShippedChain } from '../chains/index.ts';

/**
 * The shipped chain of a revocation (002 §四(二), 003 第十条): the province verifies the grounds,
 * publishes the intended revocation for objections (公示), then decides; the release publishes the
 * 撤销名单 with its 文号 and the kind's effect ends the filing. A province clones it
 * (`revocation_<province code>`) to adapt it. `filingLevel` is what the chain validator asks of
 * every final decision; the filing a revocation ends is the proposal's.
 */
export const REVOCATION_CHAIN: ShippedChain = {
  key: 'revocation',
  level: 'province',
  name: '撤销备案：省级核查 → 公示 → 省级审定',
  nameEn: 'Revocation: provincial check → public notice → provincial decision',
  stages: [
    {
      key: 'province_check',
      kind: 'review',
      name: '撤销事由核查',
      nameEn: 'Check of the grounds',
      actor: { kind: 'authority', level: 'province' },
      dueDays: 15,
      checklist: [
        { key: 'grounds_verified', label: '撤销事由经核实属实', labelEn: 'The grounds are verified' },
        { key: 'operator_heard', label: '已听取运营主体陈述', labelEn: 'The operator was heard' },
      ],
    },
    { key: 'province_notice', kind: 'notice', name: '撤销公示', nameEn: 'Public notice of the revocation', actor: { kind: 'authority', level: 'province' }, dueDays: 15, checklist: [] },
    {
      key: 'province_decision',
      kind: 'decision',
      name: '省级审定撤销',
      nameEn: 'Provincial decision on the revocation',
      actor: { kind: 'authority', level: 'province' },
      dueDays: 15,
      checklist: [{ key: 'decision_basis', label: '撤销依据充分', labelEn: 'The revocation is well founded' }],
      filingLevel: 'province',
    },
  ],
};

/**
 * The city's revocation chain (003 第十条: a city files its own spaces and cancels their titles): the
 * city bureau that gave the filing verifies the grounds, publishes the intended revocation for
 * objections, then decides; its release ends the city filing. A city clones it
 * (`revocation_city_<city code>`) to adapt it.
 */
export const REVOCATION_CITY_CHAIN: ShippedChain = {
  key: 'revocation_city',
  level: 'city',
  name: '撤销备案：市级核查 → 公示 → 市级审定',
  nameEn: 'Revocation: city check → public notice → city decision',
  stages: [
    {
      key: 'city_check',
      kind: 'review',
      name: '撤销事由核查',
      nameEn: 'Check of the grounds',
      actor: { kind: 'authority', level: 'city' },
      dueDays: 15,
      checklist: [
        { key: 'grounds_verified', label: '撤销事由经核实属实', labelEn: 'The grounds are verified' },
        { key: 'operator_heard', label: '已听取运营主体陈述', labelEn: 'The operator was heard' },
      ],
    },
    { key: 'city_notice', kind: 'notice', name: '撤销公示', nameEn: 'Public notice of the revocation', actor: { kind: 'authority', level: 'city' }, dueDays: 15, checklist: [] },
    {
      key: 'city_decision',
      kind: 'decision',
      name: '市级审定撤销',
      nameEn: 'City decision on the revocation',
      actor: { kind: 'authority', level: 'city' },
      dueDays: 15,
      checklist: [{ key: 'decision_basis', label: '撤销依据充分', labelEn: 'The revocation is well founded' }],
      filingLevel: 'city',
    },
  ],
};
