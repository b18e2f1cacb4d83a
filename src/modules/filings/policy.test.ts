import { describe, expect, it } from 'vitest';
import { makeActor } from '../../../test/helpers/actor.ts';
import { stageOf } from '../../shared/chains.ts';
import { can, decides, releases } from './policy.ts';

const CHANGGE = '000000/410000/411000/411082';
const NANJING = '000000/320000/320100/320113';
const authority = (level: 'county' | 'city' | 'province' | 'national', jurisdictionPath: string, role: 'authority_admin' | 'authority_reviewer') =>
  makeActor({ roles: [role], jurisdictionPath, org: { kind: 'authority', authorityLevel: level } });

const xcAdmin = authority('city', '000000/410000/411000', 'authority_admin');
const xcReviewer = authority('city', '000000/410000/411000', 'authority_reviewer');
const cgAdmin = authority('county', '000000/410000/411000/411082', 'authority_admin');
const jsAdmin = authority('province', '000000/320000', 'authority_admin');
const mostReviewer = authority('national', '000000', 'authority_reviewer');
const cityDecision = stageOf('xuchang_city', 'city_decision')!;
const selection = stageOf('jiangsu_national', 'province_selection')!;
const national = stageOf('jiangsu_national', 'national_decision')!;
const cityReview = stageOf('xuchang_city', 'city_review')!;

describe('decision policy', () => {
  it.each([
    ['city admin records and releases in its city', xcAdmin, cityDecision, CHANGGE, [true, true, true]],
    ['city reviewer records only', xcReviewer, cityDecision, CHANGGE, [true, false, false]],
    ['county authority works no city stage', cgAdmin, cityDecision, CHANGGE, [false, false, false]],
    ['no stage outside the jurisdiction', xcAdmin, cityDecision, NANJING, [false, false, false]],
    ['province selects in its province', jsAdmin, selection, NANJING, [true, true, true]],
    ['province works no national stage', jsAdmin, national, NANJING, [false, false, false]],
    ['ministry reviewer records nationally', mostReviewer, national, NANJING, [true, false, false]],
    ['a review stage is no decision stage', xcAdmin, cityReview, CHANGGE, [false, false, false]],
  ] as const)('%s', (_, actor, stage, regionPath, [record, release, reverse]) => {
    expect(can(actor, 'decision.record', { stage, at: { regionPath, callAuthorityId: 'o-call' } })).toBe(record);
    expect(can(actor, 'decision.release', { stage, at: { regionPath, callAuthorityId: 'o-call' } })).toBe(release);
    expect(can(actor, 'decision.reverse', { stage, at: { regionPath, callAuthorityId: 'o-call' } })).toBe(reverse);
  });

  it('gives the menus to authority staff only, release to admins', () => {
    expect([decides(xcReviewer), releases(xcReviewer), releases(xcAdmin)]).toEqual([true, false, true]);
    expect(decides(makeActor())).toBe(false);
    expect(decides(makeActor({ roles: ['expert'] }))).toBe(false);
  });
});
