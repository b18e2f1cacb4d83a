/**
 * Conflicts of interest between an expert and an application (pure). The service loads the facts;
 * assignment (manual and automatic) refuses an expert with any reason.
 */

export interface RegionNode {
  code: string;
  name: string;
  level: 'national' | 'province' | 'city' | 'county';
}

/** The nodes of the region tree the paths pass through, by code. */
export type RegionTree = ReadonlyMap<string, RegionNode>;

/**
 * The city a region lies in, as a region code, or null above city level. Read from the tree, never
 * from the code: a 直辖市 is one city (its "市辖区"/"县" groupings are not), and a county-level unit
 * directly under a province (省直辖县级行政区划, e.g. 济源市) is a city of its own.
 */
export function cityOf(regionPath: string, tree: RegionTree): string | null {
  const nodes = regionPath.split('/').map((code) => tree.get(code));
  const province = nodes.find((n) => n?.level === 'province');
  const city = nodes.find((n) => n?.level === 'city');
  if (!city) return null;
  if (province?.name.endsWith('市')) return province.code;
  if (city.name === '省直辖县级行政区划') return nodes.find((n) => n?.level === 'county')?.code ?? null;
  return city.code;
}

export interface ExpertFacts {
  affiliationOrgId: string | null;
  conflictOrgIds: readonly string[];
  /** Region path of the expert's region (their workplace). */
  regionPath: string;
}

export interface ApplicationParties {
  operatorOrgId: string;
  hostOrgIds: readonly string[];
  spaceRegionPath: string;
}

export type ConflictCode = 'same_org_operator' | 'same_org_host' | 'declared' | 'same_city';

export interface ConflictReason {
  code: ConflictCode;
  zh: string;
  en: string;
}

const REASONS: Record<ConflictCode, Omit<ConflictReason, 'code'>> = {
  same_org_operator: { zh: '专家所在单位即申报的运营主体', en: 'the expert works for the applying operator' },
  same_org_host: { zh: '专家所在单位是该众创空间的建设主体', en: 'the expert works for a host of the space' },
  declared: { zh: '专家已申报与申报单位或建设主体存在利益冲突', en: 'the expert declared a conflict with the operator or a host' },
  same_city: { zh: '本批次规定同城专家回避，专家与众创空间在同一城市', en: 'the call excludes experts of the same city, and the expert is in the space’s city' },
};

/** Every reason the expert may not score the application; empty when there is none. */
export function conflictsOf(expert: ExpertFacts, parties: ApplicationParties, sheet: { sameCityConflict: boolean }, tree: RegionTree): ConflictReason[] {
  const out: ConflictCode[] = [];
  if (expert.affiliationOrgId && expert.affiliationOrgId === parties.operatorOrgId) out.push('same_org_operator');
  if (expert.affiliationOrgId && parties.hostOrgIds.includes(expert.affiliationOrgId)) out.push('same_org_host');
  if (expert.conflictOrgIds.some((id) => id === parties.operatorOrgId || parties.hostOrgIds.includes(id))) out.push('declared');
  if (sheet.sameCityConflict) {
    const city = cityOf(expert.regionPath, tree);
    if (city && city === cityOf(parties.spaceRegionPath, tree)) out.push('same_city');
  }
  return out.map((code) => ({ code, ...REASONS[code] }));
}
