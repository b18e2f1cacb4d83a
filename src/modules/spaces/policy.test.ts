import { describe, expect, it } from 'vitest';
import { makeActor } from '../../../test/helpers/actor.ts';
import type { Role } from '../identity/schema.ts';
import type { OrgKind } from '../orgs/schema.ts';
import { can, type SpaceAction } from './policy.ts';

const HUNNAN = '000000/210000/210100/210112';
const own = { operatorOrgId: 'o-own', regionPath: HUNNAN };
const other = { operatorOrgId: 'o-other', regionPath: HUNNAN };

const operator = (role: Role) => makeActor({ roles: [role] });
const governing = (role: Role, kind: OrgKind, path: string) =>
  makeActor({ roles: [role], jurisdictionPath: path, org: { id: 'o-gov', kind, authorityLevel: kind === 'authority' ? 'city' : null } });

describe('space policy', () => {
  it.each<[string, ReturnType<typeof makeActor>, SpaceAction, typeof own | undefined, boolean]>([
    ['operator admin reads its own space', operator('operator_admin'), 'space.read', own, true],
    ['operator staff reads its own space', operator('operator_staff'), 'space.read', own, true],
    ['operator admin cannot read another operator’s space', operator('operator_admin'), 'space.read', other, false],
    ['operator admin edits its own space', operator('operator_admin'), 'space.edit', own, true],
    ['operator staff cannot edit', operator('operator_staff'), 'space.edit', own, false],
    ['operator admin cannot edit another operator’s space', operator('operator_admin'), 'space.edit', other, false],
    ['operator admin registers spaces', operator('operator_admin'), 'space.create', undefined, true],
    ['operator staff does not register spaces', operator('operator_staff'), 'space.create', undefined, false],
    ['city reviewer reads a space in its city', governing('authority_reviewer', 'authority', '000000/210000/210100'), 'space.read', other, true],
    ['province admin reads a space in its province', governing('authority_admin', 'authority', '000000/210000'), 'space.read', other, true],
    ['another city’s admin does not', governing('authority_admin', 'authority', '000000/210000/210200'), 'space.read', other, false],
    ['a sibling path sharing a prefix does not', governing('authority_admin', 'authority', '000000/210000/21011'), 'space.read', other, false],
    ['the intake clerk of the province reads it', governing('intake_clerk', 'intake_agency', '000000/210000'), 'space.read', other, true],
    ['a recommending unit reads within its zone', governing('authority_reviewer', 'recommending_unit', HUNNAN), 'space.read', other, true],
    ['authorities never edit a space', governing('authority_admin', 'authority', '000000'), 'space.edit', other, false],
    ['authorities never register a space', governing('authority_admin', 'authority', '000000'), 'space.create', undefined, false],
    ['an expert reads no space', makeActor({ roles: ['expert'], org: { kind: 'expert_body' } }), 'space.read', other, false],
    ['a maker lists no spaces', makeActor({ roles: ['maker'], org: { kind: 'maker_team' } }), 'space.list', undefined, false],
    ['the system admin lists no spaces', makeActor({ roles: ['system_admin'], org: { kind: 'platform' } }), 'space.list', undefined, false],
  ])('%s', (_why, actor, action, subject, expected) => {
    expect(can(actor, action, subject)).toBe(expected);
  });
});
