import { describe, expect, it } from 'vitest';
import { makeActor } from '../../../test/helpers/actor.ts';
import type { Role } from '../identity/schema.ts';
import type { AuthorityLevel } from '../orgs/schema.ts';
import { can, type ChainAction, type ChainSubject } from './policy.ts';

const LN = '000000/210000';
const SY = '000000/210000/210100';
const JS = '000000/320000';

const authority = (role: Role, path: string, level: AuthorityLevel) =>
  makeActor({ roles: [role], jurisdictionPath: path, org: { kind: 'authority', authorityLevel: level, regionCode: path.split('/').at(-1)! } });
const lnAdmin = authority('authority_admin', LN, 'province');
const lnReviewer = authority('authority_reviewer', LN, 'province');
const syAdmin = authority('authority_admin', SY, 'city');
const jsAdmin = authority('authority_admin', JS, 'province');
const mostAdmin = authority('authority_admin', '000000', 'national');
const operator = makeActor();

const shipped: ChainSubject = { status: 'published', ownerPath: null };
const lnDraft: ChainSubject = { status: 'draft', ownerPath: LN };
const lnPublished: ChainSubject = { status: 'published', ownerPath: LN };
const syPublished: ChainSubject = { status: 'published', ownerPath: SY };

describe('chain policy', () => {
  it.each<[string, ReturnType<typeof makeActor>, ChainAction, ChainSubject | undefined, boolean]>([
    ['an operator reads a shipped chain', operator, 'chain.read', shipped, true],
    ['but not a province’s own', operator, 'chain.read', lnPublished, false],
    ['the city below reads the province’s published chain', syAdmin, 'chain.read', lnPublished, true],
    ['the province reads its city’s published chain', lnReviewer, 'chain.read', syPublished, true],
    ['the ministry reads every jurisdiction’s', mostAdmin, 'chain.read', lnPublished, true],
    ['another province reads none', jsAdmin, 'chain.read', lnPublished, false],
    ['the province’s reviewer reads its draft', lnReviewer, 'chain.read', lnDraft, true],
    ['the city below does not read the province’s draft', syAdmin, 'chain.read', lnDraft, false],
    ['an authority admin clones', lnAdmin, 'chain.clone', undefined, true],
    ['a reviewer does not', lnReviewer, 'chain.clone', undefined, false],
    ['an operator does not', operator, 'chain.clone', undefined, false],
    ['the owner’s admin edits its draft', lnAdmin, 'chain.edit', lnDraft, true],
    ['and publishes it', lnAdmin, 'chain.publish', lnDraft, true],
    ['not once published', lnAdmin, 'chain.edit', lnPublished, false],
    ['the owner’s reviewer does not edit', lnReviewer, 'chain.edit', lnDraft, false],
    ['the ministry above does not edit a province’s draft', mostAdmin, 'chain.edit', lnDraft, false],
    ['nor the city below', syAdmin, 'chain.publish', lnDraft, false],
    ['a shipped chain is usable by anyone', jsAdmin, 'chain.use', shipped, true],
    ['the owner uses its published chain', lnAdmin, 'chain.use', lnPublished, true],
    ['the city below uses the province’s', syAdmin, 'chain.use', lnPublished, true],
    ['the province does not use its city’s', lnAdmin, 'chain.use', syPublished, false],
    ['another province does not', jsAdmin, 'chain.use', lnPublished, false],
    ['a draft is usable by no one', lnAdmin, 'chain.use', lnDraft, false],
  ])('%s', (_why, actor, action, subject, expected) => {
    expect(can(actor, action, subject)).toBe(expected);
  });
});
