import { describe, expect, it } from 'vitest';
import { makeActor } from '../../../test/helpers/actor.ts';
import type { AuthorityLevel, OrgKind, Role } from '../../shared/domain.ts';
import { shippedChainStages } from './chain.ts';
import { stagesWorkedBy } from './stages.ts';

const CG = '000000/410000/411000/411082';
const staff = (kind: OrgKind, level: AuthorityLevel | null, path: string, role: Role) =>
  makeActor({ roles: [role], jurisdictionPath: path, org: { kind, authorityLevel: level } });
const cgReviewer = staff('authority', 'county', CG, 'authority_reviewer');
const intake = staff('intake_agency', null, '000000/320000', 'intake_clerk');
const zone = staff('recommending_unit', null, '000000/320000/320500/320505', 'authority_reviewer');

describe('stagesWorkedBy', () => {
  it.each([
    ['county reviewer', cgReviewer, ['xuchang_city:county_review', 'xuchang_city:county_recommend']],
    ['intake clerk', intake, ['jiangsu_national:intake']],
    ['high-tech zone committee', zone, ['jiangsu_national:city_recommend', 'change_report:recommender_review']],
    ['operator', makeActor(), []],
  ])('%s', (_, actor, expected) => {
    expect(stagesWorkedBy(actor, shippedChainStages()).map((w) => `${w.chain.id}:${w.stage.key}`)).toEqual(expected);
  });
});

