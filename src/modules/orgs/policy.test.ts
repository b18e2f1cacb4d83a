import { describe, expect, it } from 'vitest';
import { makeActor } from '../../../test/helpers/actor.ts';
import { can, type RegistryAction } from './policy.ts';

const own = { orgId: 'o-own' };
const other = { orgId: 'o-other' };
const admin = makeActor();
const staff = makeActor({ roles: ['operator_staff'] });
const maker = makeActor({ roles: ['maker'], org: { id: 'o-maker', kind: 'maker_team' } });
const authority = makeActor({ roles: ['authority_admin'], jurisdictionPath: '000000/210000', org: { id: 'o-ln', kind: 'authority', authorityLevel: 'province' } });

describe('registry policy', () => {
  it.each<[string, ReturnType<typeof makeActor>, RegistryAction, typeof own, boolean]>([
    ['the admin reads its profile', admin, 'org.profile.read', own, true],
    ['the admin sees its mobiles in full', admin, 'org.profile.read_full', own, true],
    ['the admin edits its profile', admin, 'org.profile.edit', own, true],
    ['the admin never edits another organisation’s', admin, 'org.profile.edit', other, false],
    ['staff read the profile', staff, 'org.profile.read', own, true],
    ['staff see mobiles masked', staff, 'org.profile.read_full', own, false],
    ['staff do not edit', staff, 'org.profile.edit', own, false],
    ['staff list the hosts', staff, 'host.list', own, true],
    ['staff do not link hosts', staff, 'host.link', own, false],
    ['the admin links hosts', admin, 'host.link', own, true],
    ['an authority keeps no operator profile', authority, 'org.profile.read', { orgId: 'o-ln' }, false],
    ['an authority links no hosts', authority, 'host.link', { orgId: 'o-ln' }, false],
    ['a maker keeps its own maker profile', maker, 'maker.profile.edit', { orgId: 'o-maker' }, true],
    ['a maker never keeps another maker’s', maker, 'maker.profile.edit', other, false],
    ['an operator admin keeps no maker profile', admin, 'maker.profile.edit', own, false],
  ])('%s', (_why, actor, action, subject, expected) => {
    expect(can(actor, action, subject)).toBe(expected);
  });
});
