import { describe, expect, it } from 'vitest';
import { buildRegionRows } from '../regions/load.ts';
import { cityOf, conflictsOf, type RegionNode } from './conflicts.ts';

const rows = buildRegionRows();
const tree = new Map<string, RegionNode>(rows.map((r) => [r.code, r]));
const pathOf = (code: string) => rows.find((r) => r.code === code)!.path;

const expert = (o: Partial<Parameters<typeof conflictsOf>[0]> = {}) => ({ affiliationOrgId: null, conflictOrgIds: [], regionPath: pathOf('210102'), ...o });
const parties = { operatorOrgId: 'op', hostOrgIds: ['host-a', 'host-b'], spaceRegionPath: pathOf('210112') };
const codes = (...args: Parameters<typeof conflictsOf>) => conflictsOf(...args).map((r) => r.code);

describe('cityOf', () => {
  it('is the city-level ancestor of a county, and the city itself', () => {
    expect(cityOf(pathOf('210112'), tree)).toBe('210100');
    expect(cityOf(pathOf('210100'), tree)).toBe('210100');
  });
  it('has no city above city level', () => {
    expect(cityOf(pathOf('210000'), tree)).toBeNull();
    expect(cityOf('000000', tree)).toBeNull();
  });
  it('treats a 直辖市 as one city, whatever its grouping (市辖区 / 县)', () => {
    expect(cityOf(pathOf('110105'), tree)).toBe('110000');
    expect(cityOf(pathOf('500229'), tree)).toBe(cityOf(pathOf('500101'), tree));
    expect(cityOf(pathOf('500101'), tree)).toBe('500000');
  });
  it('treats a 省直辖县级 unit as its own city, not as the grouping', () => {
    expect(cityOf(pathOf('419001'), tree)).toBe('419001');
    const hubei = rows.filter((r) => r.parentCode === '429000').map((r) => r.code);
    expect(hubei.length).toBeGreaterThan(1);
    expect(cityOf(pathOf(hubei[0]!), tree)).not.toBe(cityOf(pathOf(hubei[1]!), tree));
  });
});

describe('conflictsOf', () => {
  const sheet = { sameCityConflict: false };
  it('finds none for an unrelated expert', () => {
    expect(conflictsOf(expert(), parties, sheet, tree)).toEqual([]);
  });
  it('finds the same organisation as the operator or a host', () => {
    expect(codes(expert({ affiliationOrgId: 'op' }), parties, sheet, tree)).toEqual(['same_org_operator']);
    expect(codes(expert({ affiliationOrgId: 'host-b' }), parties, sheet, tree)).toEqual(['same_org_host']);
  });
  it('finds a declared conflict with the operator or a host', () => {
    expect(codes(expert({ conflictOrgIds: ['x', 'op'] }), parties, sheet, tree)).toEqual(['declared']);
    expect(codes(expert({ conflictOrgIds: ['host-a'] }), parties, sheet, tree)).toEqual(['declared']);
    expect(codes(expert({ conflictOrgIds: ['other'] }), parties, sheet, tree)).toEqual([]);
  });
  it('finds the same city only when the sheet says so', () => {
    expect(codes(expert(), parties, { sameCityConflict: true }, tree)).toEqual(['same_city']);
    expect(codes(expert({ regionPath: pathOf('210211') }), parties, { sameCityConflict: true }, tree)).toEqual([]);
    // A provincial expert is in no city.
    expect(codes(expert({ regionPath: pathOf('210000') }), parties, { sameCityConflict: true }, tree)).toEqual([]);
    // Two districts of 北京 are one city.
    const beijing = { ...parties, spaceRegionPath: pathOf('110108') };
    expect(codes(expert({ regionPath: pathOf('110105') }), beijing, { sameCityConflict: true }, tree)).toEqual(['same_city']);
  });
  it('lists every reason with Chinese and English wording', () => {
    const all = conflictsOf(expert({ affiliationOrgId: 'op', conflictOrgIds: ['host-a'] }), parties, { sameCityConflict: true }, tree);
    expect(all.map((r) => r.code)).toEqual(['same_org_operator', 'declared', 'same_city']);
    for (const r of all) expect(r.zh && r.en).toBeTruthy();
  });
});
