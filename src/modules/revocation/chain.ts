import type { ShippedChain } from '../chains/index.ts';

const LEVEL = {
  province: { zh: '省级', en: 'provincial', En: 'Provincial', key: 'revocation' },
  city: { zh: '市级', en: 'city', En: 'City', key: 'revocation_city' },
} as const;

/**
 * A revocation chain run by the level that gave the filing (002 §四(二), 003 第十条): it verifies the
 * grounds, publishes the intended revocation for objections (公示), then decides; the release
 * publishes the 撤销名单 with its 文号 and the kind's effect ends the filing. `filingLevel` is what
 * the chain validator asks of every final decision; the filing a revocation ends is the proposal's.
 */
/** The kind of submission a revocation proposal is, and of the chains it runs on. */
export const REVOCATION_KIND = 'revocation';

function revocationChain(level: keyof typeof LEVEL): ShippedChain {
  const l = LEVEL[level];
  const actor = { kind: 'authority', level } as const;
  return {
    key: l.key,
    kind: REVOCATION_KIND,
    level,
    name: `撤销备案：${l.zh}核查 → 公示 → ${l.zh}审定`,
    nameEn: `Revocation: ${l.en} check → public notice → ${l.en} decision`,
    stages: [
      {
        key: `${level}_check`,
        kind: 'review',
        name: '撤销事由核查',
        nameEn: 'Check of the grounds',
        actor,
        dueDays: 15,
        checklist: [
          { key: 'grounds_verified', label: '撤销事由经核实属实', labelEn: 'The grounds are verified' },
          { key: 'operator_heard', label: '已听取运营主体陈述', labelEn: 'The operator was heard' },
        ],
      },
      { key: `${level}_notice`, kind: 'notice', name: '撤销公示', nameEn: 'Public notice of the revocation', actor, dueDays: 15, checklist: [] },
      {
        key: `${level}_decision`,
        kind: 'decision',
        name: `${l.zh}审定撤销`,
        nameEn: `${l.En} decision on the revocation`,
        actor,
        dueDays: 15,
        checklist: [{ key: 'decision_basis', label: '撤销依据充分', labelEn: 'The revocation is well founded' }],
        filingLevel: level,
      },
    ],
  };
}

/** The province's chain; a province clones it (`revocation_<province code>`) to adapt it. */
export const REVOCATION_CHAIN = revocationChain('province');

/** The city's chain (a city files its own spaces and cancels their titles); a city clones it (`revocation_city_<city code>`). */
export const REVOCATION_CITY_CHAIN = revocationChain('city');
