import type { ShippedChain } from '../chains/index.ts';

/** The grantor levels whose supports are disclosed through a standing call of their own region. */
export const DISCLOSING_LEVELS = ['province', 'city'] as const;
export type DisclosingLevel = (typeof DISCLOSING_LEVELS)[number];

const LEVEL = {
  province: { zh: '省级', en: 'provincial', key: 'support' },
  city: { zh: '市级', en: 'city', key: 'support_city' },
} as const;

/**
 * The disclosure of a support (004 §四.十四 "扶持情况要上网公示"), worked by the granting department
 * itself: its staff check the record against the cost evidence (扶持核对), its admin puts it on a
 * public notice with objections (扶持公示, 7 days by default), then it decides (审定); the release
 * publishes the supports as a list with 文号 and the kind's effect marks them published. The chain
 * validator asks every last decision for a filing level: here it is only the chain's level.
 */
function supportChain(level: DisclosingLevel): ShippedChain {
  const l = LEVEL[level];
  const actor = { kind: 'authority', level } as const;
  return {
    key: l.key,
    level,
    name: `扶持公示：${l.zh}核对 → 公示 → ${l.zh}审定`,
    nameEn: `Support disclosure: ${l.en} check → public notice → ${l.en} decision`,
    stages: [
      {
        key: `${level}_support_check`,
        kind: 'review',
        name: '扶持核对',
        nameEn: 'Check of the support',
        actor,
        dueDays: 10,
        checklist: [
          { key: 'basis_checked', label: '政策依据与扶持事项相符', labelEn: 'The support item matches its policy basis' },
          { key: 'evidence_checked', label: '发票、合同等成本依据已核对', labelEn: 'Invoices and contracts checked' },
          { key: 'duplicates_checked', label: '已核查重复扶持提示', labelEn: 'Duplicate-support alerts checked' },
        ],
      },
      { key: `${level}_support_notice`, kind: 'notice', name: '扶持公示', nameEn: 'Public notice of the support', actor, dueDays: 15, checklist: [] },
      {
        key: `${level}_support_decision`,
        kind: 'decision',
        name: `${l.zh}审定`,
        nameEn: `${l.en === 'city' ? 'City' : 'Provincial'} decision`,
        actor,
        dueDays: 10,
        checklist: [{ key: 'decision_basis', label: '公示期满，扶持依据充分', labelEn: 'The notice ended and the support is well founded' }],
        filingLevel: level,
      },
    ],
  };
}

/** The province's chain; a province clones it (`support_<province code>`) to adapt it. */
export const SUPPORT_CHAIN = supportChain('province');
/** A city bureau's chain; a city clones it (`support_city_<city code>`). */
export const SUPPORT_CITY_CHAIN = supportChain('city');
