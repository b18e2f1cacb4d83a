import { describe, expect, it } from 'vitest';
import { makeActor } from '../../../test/helpers/actor.ts';
import type { Role } from '../identity/schema.ts';
import type { AuthorityLevel } from '../orgs/schema.ts';
import { can, type CallAction, type CallSubject } from './policy.ts';

const authority = (role: Role, level: AuthorityLevel = 'city', id = 'o-xc') =>
  makeActor({ roles: [role], jurisdictionPath: '000000/410000/411000', org: { id, kind: 'authority', authorityLevel: level, regionCode: '411000' } });
const call = (status: CallSubject['status'], authorityOrgId = 'o-xc'): CallSubject => ({ authorityOrgId, status });

describe('call policy', () => {
  it.each<[string, ReturnType<typeof makeActor>, CallAction, CallSubject | undefined, boolean]>([
    ['a city admin opens calls', authority('authority_admin'), 'call.create', undefined, true],
    ['a county admin opens none (counties only review)', authority('authority_admin', 'county'), 'call.create', undefined, false],
    ['a reviewer opens none', authority('authority_reviewer'), 'call.create', undefined, false],
    ['an operator admin opens none', makeActor(), 'call.create', undefined, false],
    ['the admin edits its own draft', authority('authority_admin'), 'call.edit', call('draft'), true],
    ['but not once published', authority('authority_admin'), 'call.edit', call('published'), false],
    ['nor another authority’s draft', authority('authority_admin'), 'call.edit', call('draft', 'o-other'), false],
    ['the admin publishes its own draft', authority('authority_admin'), 'call.publish', call('draft'), true],
    ['the admin cancels its own published call', authority('authority_admin'), 'call.cancel', call('published'), true],
    ['but not twice', authority('authority_admin'), 'call.cancel', call('cancelled'), false],
    ['nor another authority’s call', authority('authority_admin'), 'call.cancel', call('published', 'o-other'), false],
    ['its reviewer reads the draft', authority('authority_reviewer'), 'call.read', call('draft'), true],
    ['another authority does not read the draft', authority('authority_admin', 'province', 'o-ha'), 'call.read', call('draft'), false],
    ['an operator does not read a draft', makeActor(), 'call.read', call('draft'), false],
    ['an operator reads a published call', makeActor(), 'call.read', call('published'), true],
    ['an expert reads a cancelled call', makeActor({ roles: ['expert'], org: { kind: 'expert_body' } }), 'call.read', call('cancelled'), true],
    ['operator staff list open calls', makeActor({ roles: ['operator_staff'] }), 'call.open.list', undefined, true],
    ['authorities do not (they have no spaces)', authority('authority_admin'), 'call.open.list', undefined, false],
    ['a recommending unit’s admin opens no call', makeActor({ roles: ['authority_admin'], jurisdictionPath: '000000/320000/320500', org: { kind: 'recommending_unit', regionCode: '320500' } }), 'call.create', undefined, false],
    ['its reviewer reads the applications of its call', authority('authority_reviewer'), 'call.applications.read', { ...call('published'), regionPath: '000000/410000/411000' }, true],
    ['and those of a call below its region', authority('authority_admin', 'province', 'o-ha'), 'call.applications.read', { ...call('published'), regionPath: '000000/410000/411000/411082' }, true],
    ['but not those of a call above its region', authority('authority_admin', 'county', 'o-cg'), 'call.applications.read', { ...call('published'), regionPath: '000000/410000' }, false],
    ['an operator does not', makeActor(), 'call.applications.read', { ...call('published'), regionPath: '000000/410000/411000' }, false],
  ])('%s', (_why, actor, action, subject, expected) => {
    expect(can(actor, action, subject)).toBe(expected);
  });
});
