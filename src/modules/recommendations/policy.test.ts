import { describe, expect, it } from 'vitest';
import { makeActor } from '../../../test/helpers/actor.ts';
import { stageOf } from '../../shared/chains.ts';
import type { Role } from '../../shared/domain.ts';
import { can, readsPackage } from './policy.ts';

const JS = stageOf('jiangsu_national', 'city_recommend')!;
const XC = stageOf('xuchang_city', 'county_recommend')!;
const SUZHOU_HITECH = '000000/320000/320500/320505';
const NANJING_QIXIA = '000000/320000/320100/320113';
const CHANGGE = '000000/410000/411000/411082';

const szgx = (role: Role) =>
  makeActor({ roles: [role], jurisdictionPath: SUZHOU_HITECH, org: { id: 'szgx', kind: 'recommending_unit', regionCode: '320505' } });
const authority = (id: string, level: 'county' | 'city' | 'province', path: string, role: Role = 'authority_admin') =>
  makeActor({ roles: [role], jurisdictionPath: path, org: { id, kind: 'authority', authorityLevel: level } });

describe('recommendation batch policy', () => {
  it('lets a recommending unit prepare and send for spaces in its zone only', () => {
    const subject = { recommenderOrgId: 'szgx', stage: JS, callAuthorityId: 'js', spaceRegionPaths: [SUZHOU_HITECH] };
    expect(can(szgx('authority_reviewer'), 'recommendation.prepare', subject)).toBe(true);
    expect(can(szgx('authority_reviewer'), 'recommendation.send', subject)).toBe(false);
    expect(can(szgx('authority_admin'), 'recommendation.send', subject)).toBe(true);
    expect(can(szgx('authority_admin'), 'recommendation.prepare', { ...subject, spaceRegionPaths: [SUZHOU_HITECH, NANJING_QIXIA] })).toBe(false);
    expect(can(szgx('authority_admin'), 'recommendation.prepare', { ...subject, recommenderOrgId: 'nj' })).toBe(false);
    // A recommending unit works no county stage of 许昌's chain.
    expect(can(szgx('authority_admin'), 'recommendation.prepare', { recommenderOrgId: 'szgx', stage: XC, callAuthorityId: 'xc', spaceRegionPaths: [SUZHOU_HITECH] })).toBe(false);
  });

  it('answers by organisation level: counties, cities and provinces (to the national call) recommend; intake and operators do not', () => {
    expect(can(authority('cg', 'county', CHANGGE), 'recommendation.prepare')).toBe(true);
    expect(can(authority('xc', 'city', '000000/410000/411000'), 'recommendation.prepare')).toBe(true);
    expect(can(authority('cg', 'county', CHANGGE, 'authority_reviewer'), 'recommendation.send')).toBe(false);
    expect(can(authority('js', 'province', '000000/320000'), 'recommendation.prepare')).toBe(true);
    expect(can(makeActor({ roles: ['intake_clerk'], jurisdictionPath: '000000/320000', org: { kind: 'intake_agency' } }), 'recommendation.prepare')).toBe(false);
    expect(can(makeActor(), 'recommendation.prepare')).toBe(false);
  });

  it('shows a sent package to governing staff over the space and to the applicant', () => {
    const subject = { operatorOrgId: 'op', spaceRegionPath: NANJING_QIXIA };
    expect(readsPackage(makeActor({ roles: ['intake_clerk'], jurisdictionPath: '000000/320000', org: { kind: 'intake_agency' } }), subject)).toBe(true);
    expect(readsPackage(makeActor({ roles: ['operator_staff'], org: { id: 'op' } }), subject)).toBe(true);
    expect(readsPackage(makeActor({ roles: ['operator_admin'], org: { id: 'other' } }), subject)).toBe(false);
    expect(readsPackage(szgx('authority_admin'), subject)).toBe(false);
    expect(readsPackage(makeActor({ roles: ['expert'], org: { kind: 'expert_body' } }), subject)).toBe(false);
  });
});
