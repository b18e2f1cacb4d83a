import { describe, expect, it } from 'vitest';
import { makeActor } from '../../../test/helpers/actor.ts';
import { can, seesPersonalData } from './policy.ts';

const space = { operatorOrgId: 'o-own', regionPath: '000000/210000/210100/210112' };
const operator = (roles: ('operator_admin' | 'operator_staff')[], id = 'o-own') => makeActor({ roles, org: { id, kind: 'operator' } });
const authority = (roles: ('authority_admin' | 'authority_reviewer' | 'intake_clerk')[], path: string, kind: 'authority' | 'intake_agency' = 'authority') =>
  makeActor({ roles, jurisdictionPath: path, org: { id: 'a', kind, authorityLevel: kind === 'authority' ? 'city' : null } });

describe('roster policy', () => {
  it.each([
    ['own operator admin', operator(['operator_admin']), true, true, false],
    ['own operator staff', operator(['operator_staff']), true, true, false],
    ['another operator', operator(['operator_admin'], 'o-other'), false, false, false],
    ['the city above the space', authority(['authority_admin'], '000000/210000/210100'), true, false, true],
    ['a reviewer of the province', authority(['authority_reviewer'], '000000/210000'), true, false, true],
    ['another city', authority(['authority_admin'], '000000/210000/210200'), false, false, true],
    ['an intake clerk', authority(['intake_clerk'], '000000/210000', 'intake_agency'), false, false, false],
  ])('%s: read %s, edit %s, follow the chain %s', (_name, actor, read, edit, chain) => {
    expect(can(actor, 'roster.read', space)).toBe(read);
    expect(can(actor, 'roster.edit', space)).toBe(edit);
    expect(can(actor, 'roster.chain')).toBe(chain);
  });

  it('shows founders\' personal data in full to the own operator only', () => {
    expect(seesPersonalData(operator(['operator_staff']), space)).toBe(true);
    expect(seesPersonalData(authority(['authority_admin'], '000000'), space)).toBe(false);
    expect(seesPersonalData(operator(['operator_admin'], 'o-other'), space)).toBe(false);
  });
});
