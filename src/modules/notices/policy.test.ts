import { describe, expect, it } from 'vitest';
import { makeActor } from '../../../test/helpers/actor.ts';
import { stageOf } from '../../shared/chains.ts';
import { can, publishRefusal } from './policy.ts';

const SY = '000000/210000/210100';
const HUNNAN = `${SY}/210112`;
const DALIAN = '000000/210000/210200';
const NOTICE_STAGE = stageOf('liaoning_province', 'city_notice')!;
const city = (roles: ('authority_admin' | 'authority_reviewer')[], orgId = 'sy', path = SY) =>
  makeActor({ roles, jurisdictionPath: path, org: { id: orgId, kind: 'authority', authorityLevel: 'city', regionCode: path.split('/').pop()! } });

describe('notice policy', () => {
  it.each([
    ['city admin over the space', city(['authority_admin']), null],
    ['city reviewer over the space', city(['authority_reviewer']), 'forbidden'],
    ['other city admin', city(['authority_admin'], 'dl', DALIAN), 'not_found'],
    ['province admin (not the stage level)', makeActor({ roles: ['authority_admin'], jurisdictionPath: '000000/210000', org: { id: 'ln', kind: 'authority', authorityLevel: 'province' } }), 'not_found'],
    ['operator', makeActor(), 'not_found'],
  ])('publishing: %s', (_, actor, expected) => {
    expect(publishRefusal(actor, NOTICE_STAGE, { regionPath: HUNNAN, callAuthorityId: 'ln' })).toBe(expected);
  });

  it.each([
    ['admin of the publishing authority', city(['authority_admin']), { read: true, handle: true, conclude: true }],
    ['reviewer of the publishing authority', city(['authority_reviewer']), { read: true, handle: false, conclude: false }],
    ['admin of another authority', city(['authority_admin'], 'dl', DALIAN), { read: false, handle: false, conclude: false }],
    ['operator', makeActor(), { read: false, handle: false, conclude: false }],
  ])('a published notice: %s', (_, actor, expected) => {
    const notice = { authorityOrgId: 'sy' };
    expect({ read: can(actor, 'notice.read', notice), handle: can(actor, 'notice.handle', notice), conclude: can(actor, 'notice.conclude', notice) }).toEqual(expected);
  });
});
