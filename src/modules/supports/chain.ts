import type { StageActor } from '../../shared/chains.ts';
import type { AuthorityLevel, CallLevel, OrgKind } from '../../shared/domain.ts';
import type { ShippedChain } from '../chains/index.ts';

/**
 * Every department that grants supports discloses them itself (004 §四.十四 "扶持情况要上网公示"):
 * the S&T authority of each level and a department registered as a recommending unit (a high-tech
 * zone committee). One row per kind of grantor: who works the stages, the chain's key, and the
 * level of its calls and released list. Calls have no county level (counties open no calls), so a
 * county's or a unit's disclosure runs at the city tier in the grantor's own region; the list's
 * level is only the validator's `filingLevel` — the kind's effect publishes supports and never
 * gives a filing.
 */
export const GRANTORS = {
  national: { key: 'support_national', level: 'national', actor: { kind: 'authority', level: 'national' }, zh: '国家级', en: 'national' },
  province: { key: 'support', level: 'province', actor: { kind: 'authority', level: 'province' }, zh: '省级', en: 'provincial' },
  city: { key: 'support_city', level: 'city', actor: { kind: 'authority', level: 'city' }, zh: '市级', en: 'city' },
  county: { key: 'support_county', level: 'city', actor: { kind: 'authority', level: 'county' }, zh: '县级', en: 'county' },
  unit: { key: 'support_unit', level: 'city', actor: { kind: 'unit' }, zh: '本部门', en: 'department' },
} as const satisfies Record<string, { key: string; level: CallLevel; actor: StageActor; zh: string; en: string }>;
export type Grantor = keyof typeof GRANTORS;

/** The grantor row of an organisation: its authority level, or `unit` for a recommending unit; undefined for one that grants nothing. */
export function grantorOf(org: { kind: OrgKind; authorityLevel: AuthorityLevel | null }): Grantor | undefined {
  if (org.kind === 'recommending_unit') return 'unit';
  return org.kind === 'authority' && org.authorityLevel ? org.authorityLevel : undefined;
}

/** The kind of submission a support disclosure is, and of the chains it runs on. */
export const SUPPORT_KIND = 'support';

const capitalised = (s: string) => `${s[0]!.toUpperCase()}${s.slice(1)}`;

/**
 * The disclosure of a support, worked by the granting department itself: its staff check the record
 * against the cost evidence (扶持核对), its admin puts it on a public notice with objections (扶持公示,
 * 7 days by default), then it decides (审定); the release publishes the supports as a list with 文号
 * and the kind's effect marks them published. Stage keys keep the grantor's name (`city_support_check`).
 */
function supportChain(grantor: Grantor): ShippedChain {
  const g = GRANTORS[grantor];
  const actor = g.actor;
  return {
    key: g.key,
    kind: SUPPORT_KIND,
    level: g.level,
    name: `扶持公示：${g.zh}核对 → 公示 → ${g.zh}审定`,
    nameEn: `Support disclosure: ${g.en} check → public notice → ${g.en} decision`,
    stages: [
      {
        key: `${grantor}_support_check`,
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
      { key: `${grantor}_support_notice`, kind: 'notice', name: '扶持公示', nameEn: 'Public notice of the support', actor, dueDays: 15, checklist: [] },
      {
        key: `${grantor}_support_decision`,
        kind: 'decision',
        name: `${g.zh}审定`,
        nameEn: `${capitalised(g.en)} decision`,
        actor,
        dueDays: 10,
        checklist: [{ key: 'decision_basis', label: '公示期满，扶持依据充分', labelEn: 'The notice ended and the support is well founded' }],
        filingLevel: g.level,
      },
    ],
  };
}

/** Every grantor's chain, shipped; a jurisdiction clones one (`<key>_<region code>`) to adapt it. */
export const SUPPORT_CHAINS = Object.fromEntries((Object.keys(GRANTORS) as Grantor[]).map((g) => [g, supportChain(g)])) as Record<Grantor, ShippedChain>;
/** The province's chain. */
export const SUPPORT_CHAIN = SUPPORT_CHAINS.province;
/** A city bureau's chain. */
export const SUPPORT_CITY_CHAIN = SUPPORT_CHAINS.city;
