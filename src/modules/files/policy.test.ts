import { describe, expect, it } from 'vitest';
import { makeActor } from '../../../test/helpers/actor.ts';
import type { Actor } from '../../shared/actor.ts';
import type { Role } from '../identity/schema.ts';
import { can, type FileAction } from './policy.ts';

const OWN_ORG = '11111111-1111-4111-8111-111111111111';
const OTHER_ORG = '22222222-2222-4222-8222-222222222222';

const actor = (roles: Role[], orgId: string): Actor => makeActor({ roles, org: { id: orgId } });

describe('can', () => {
  const file = { ownerOrgId: OWN_ORG };
  it.each<[string, Actor, FileAction, boolean]>([
    ['uploader’s organisation reads', actor(['operator_staff'], OWN_ORG), 'file.read', true],
    ['uploader’s organisation attaches', actor(['operator_admin'], OWN_ORG), 'file.attach', true],
    ['another organisation cannot read', actor(['operator_admin'], OTHER_ORG), 'file.read', false],
    ['another organisation cannot attach', actor(['operator_admin'], OTHER_ORG), 'file.attach', false],
    ['an authority outside the organisation cannot read (until a linking module grants it)', actor(['authority_admin'], OTHER_ORG), 'file.read', false],
    ['the system admin cannot read an applicant’s file', actor(['system_admin'], OTHER_ORG), 'file.read', false],
    ['the system admin never attaches', actor(['system_admin'], OTHER_ORG), 'file.attach', false],
    ['the security admin cannot read', actor(['security_admin'], OTHER_ORG), 'file.read', false],
    ['the audit admin cannot read', actor(['audit_admin'], OTHER_ORG), 'file.read', false],
  ])('%s', (_name, who, action, allowed) => {
    expect(can(who, action, file)).toBe(allowed);
  });

  it('an ownerless file (objection evidence) is read only through the record it is linked to', () => {
    expect(can(actor(['operator_admin'], OWN_ORG), 'file.read', { ownerOrgId: null })).toBe(false);
    expect(can(actor(['system_admin'], OWN_ORG), 'file.read', { ownerOrgId: null })).toBe(false);
  });
});
