import { describe, expect, it } from 'vitest';
import { makeActor } from '../../../test/helpers/actor.ts';
import { stageOf } from '../../shared/chains.ts';
import { can, abilities } from './policy.ts';

const LN = '000000/210000';
const SPACE = `${LN}/210100/210112`;
const expertStage = stageOf('liaoning_province', 'province_expert')!;
const reviewStage = stageOf('liaoning_province', 'city_authenticity')!;
const authority = (level: 'city' | 'province', roles: ('authority_admin' | 'authority_reviewer')[], path = LN) =>
  makeActor({ roles, jurisdictionPath: path, org: { id: 'o-ln', kind: 'authority', authorityLevel: level } });

describe('expert policy', () => {
  const admin = authority('province', ['authority_admin']);
  const reviewer = authority('province', ['authority_reviewer']);
  const city = authority('city', ['authority_admin'], `${LN}/210100`);
  const otherProvince = authority('province', ['authority_admin'], '000000/320000');
  const expert = makeActor({ userId: 'u-exp', roles: ['expert'], org: { kind: 'expert_body' } });
  const operator = makeActor();

  it.each([
    ['province admin', admin, { pool: true, sheetRead: true, sheetEdit: true, read: true, assign: true, work: false }],
    ['province reviewer', reviewer, { pool: false, sheetRead: true, sheetEdit: false, read: true, assign: false, work: false }],
    ['city admin', city, { pool: true, sheetRead: true, sheetEdit: true, read: false, assign: false, work: false }],
    ['expert', expert, { pool: false, sheetRead: false, sheetEdit: false, read: false, assign: false, work: true }],
    ['operator', operator, { pool: false, sheetRead: false, sheetEdit: false, read: false, assign: false, work: false }],
  ] as const)('role level: %s', (_, actor, want) => {
    expect({
      pool: can(actor, 'expert.pool.manage'),
      sheetRead: can(actor, 'expert.sheet.read'),
      sheetEdit: can(actor, 'expert.sheet.edit'),
      read: can(actor, 'expert.stage.read'),
      assign: can(actor, 'expert.stage.assign'),
      work: can(actor, 'expert.work'),
    }).toEqual(want);
    expect(abilities(actor)['expert.work']).toBe(want.work);
  });

  it('keeps pools, sheets, stages and assignments to their own', () => {
    expect(can(admin, 'expert.pool.manage', { poolOrgId: 'o-ln' })).toBe(true);
    expect(can(admin, 'expert.pool.manage', { poolOrgId: 'o-js' })).toBe(false);
    expect(can(reviewer, 'expert.sheet.read', { callAuthorityOrgId: 'o-ln' })).toBe(true);
    expect(can(reviewer, 'expert.sheet.edit', { callAuthorityOrgId: 'o-ln' })).toBe(false);
    expect(can(admin, 'expert.sheet.edit', { callAuthorityOrgId: 'o-js' })).toBe(false);
    expect(can(admin, 'expert.stage.assign', { stage: expertStage, at: { regionPath: SPACE, callAuthorityId: 'o-province' } })).toBe(true);
    expect(can(reviewer, 'expert.stage.read', { stage: expertStage, at: { regionPath: SPACE, callAuthorityId: 'o-province' } })).toBe(true);
    expect(can(reviewer, 'expert.stage.assign', { stage: expertStage, at: { regionPath: SPACE, callAuthorityId: 'o-province' } })).toBe(false);
    expect(can(otherProvince, 'expert.stage.read', { stage: expertStage, at: { regionPath: SPACE, callAuthorityId: 'o-province' } })).toBe(false);
    expect(can(city, 'expert.stage.read', { stage: expertStage, at: { regionPath: SPACE, callAuthorityId: 'o-province' } })).toBe(false);
    // Not an expert stage: nobody assigns experts there.
    expect(can(city, 'expert.stage.read', { stage: reviewStage, at: { regionPath: SPACE, callAuthorityId: 'o-province' } })).toBe(false);
    expect(can(expert, 'expert.work', { expertUserId: 'u-exp' })).toBe(true);
    expect(can(expert, 'expert.work', { expertUserId: 'u-other' })).toBe(false);
  });
});
