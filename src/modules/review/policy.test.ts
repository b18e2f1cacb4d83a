import { describe, expect, it } from 'vitest';
import { makeActor } from '../../../test/helpers/actor.ts';
import { stageOf, type StageTemplate } from '../../shared/chains.ts';
import type { AuthorityLevel, OrgKind, Role } from '../../shared/domain.ts';
import { editsTemplates, stageAbilities } from './policy.ts';

const CG = '000000/410000/411000/411082';
const YZ = '000000/410000/411000/411081';
const staff = (kind: OrgKind, level: AuthorityLevel | null, path: string, role: Role) =>
  makeActor({ roles: [role], jurisdictionPath: path, org: { kind, authorityLevel: level } });
const cgReviewer = staff('authority', 'county', CG, 'authority_reviewer');
const cgAdmin = staff('authority', 'county', CG, 'authority_admin');
const xcReviewer = staff('authority', 'city', '000000/410000/411000', 'authority_reviewer');
const intake = staff('intake_agency', null, '000000/320000', 'intake_clerk');
/** A space in 苏州高新区, where two recommending units (high-tech zone committees) sit. */
const SZGX = '000000/320000/320500/320505';
const unitAdmin = (id: string) => makeActor({ roles: ['authority_admin'], jurisdictionPath: SZGX, org: { id, kind: 'recommending_unit', authorityLevel: null } });
/** Where the stage is worked: the space's region, in a call of the county authority `o-cg` unless told. */
const at = (regionPath: string, callAuthorityId = 'o-cg') => ({ regionPath, callAuthorityId });

describe('stageAbilities', () => {
  const review = stageOf('xuchang_city', 'county_review');
  const recommend = stageOf('xuchang_city', 'county_recommend');
  const intakeStage = stageOf('jiangsu_national', 'intake');
  const none = { pass: false, return: false, reject: false, extend_stage: false };
  it.each([
    ['the county reviewer at its review stage', cgReviewer, review, CG, { pass: true, return: true, reject: true, extend_stage: false }],
    ['the county admin also moves the due date', cgAdmin, review, CG, { pass: true, return: true, reject: true, extend_stage: true }],
    ['another county', cgReviewer, review, YZ, none],
    ['the city at a county stage', xcReviewer, review, CG, none],
    ['a recommendation stage is worked on its own page', cgReviewer, recommend, CG, none],
    ['the intake clerk at intake', intake, intakeStage, '000000/320000/320100/320113', { pass: true, return: true, reject: true, extend_stage: false }],
    ['no current stage', cgAdmin, undefined, CG, none],
  ])('%s', (_, actor, stage, path, expected) => {
    expect(stageAbilities(actor, stage, at(path), 'in_review')).toEqual(expected);
  });

  it('follows the transition table: nothing to decide while returned, the due date runs during a notice', () => {
    expect(stageAbilities(cgAdmin, review, at(CG), 'returned')).toEqual(none);
    expect(stageAbilities(cgAdmin, review, at(CG), 'submitted')).toEqual({ pass: true, return: true, reject: true, extend_stage: true });
    expect(stageAbilities(cgAdmin, review, at(CG), 'in_public_notice')).toMatchObject({ pass: false, extend_stage: true });
  });

  it('works a recommending unit’s own stage in its own calls only: another unit of the same district is refused', () => {
    const unitCheck: StageTemplate = { ...review!, key: 'check', actor: { kind: 'unit' } };
    const all = { pass: true, return: true, reject: true, extend_stage: true };
    expect(stageAbilities(unitAdmin('o-unit-a'), unitCheck, at(SZGX, 'o-unit-a'), 'in_review')).toEqual(all);
    expect(stageAbilities(unitAdmin('o-unit-b'), unitCheck, at(SZGX, 'o-unit-a'), 'in_review')).toEqual(none);
  });
});

describe('editsTemplates', () => {
  it('is for authority admins only', () => {
    expect(editsTemplates(cgAdmin)).toBe(true);
    expect(editsTemplates(cgReviewer)).toBe(false);
    expect(editsTemplates(staff('recommending_unit', null, CG, 'authority_admin'))).toBe(false);
    expect(editsTemplates(makeActor())).toBe(false);
  });
});
