import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { fieldError } from '../../shared/errors.ts';
import { violatedUniqueConstraint } from '../../shared/validation/unique-violation.ts';
import * as audit from '../audit/index.ts';
import type { AuditContext } from '../audit/index.ts';
import { createMakerProfileInTx, createOrganisationInTx, createProfileInTx, usccTaken, type MakerProfileInput, type ProfileInput } from '../orgs/index.ts';
import { findRegion } from '../regions/index.ts';
import { createAccountInTx, withIdentityConstraints } from './accounts.ts';

export interface Registration extends ProfileInput {
  name: string;
  uscc: string;
  regionCode: string;
  username: string;
  displayName: string;
  password: string;
}

/** The account every self-registration creates beside its organisation. */
interface NewSelfAccount {
  username: string;
  displayName: string;
  password: string;
}

async function placeOf(db: Db, regionCode: string, what: string, whatEn: string) {
  const region = await findRegion(db, regionCode);
  if (region?.level === 'national') throw fieldError('body.regionCode', `请选择${what}所在的省、市或区县`, `choose the province, city or county of ${whatEn}`);
}

/**
 * An operator registers itself (public, rate-limited): the organisation, its profile and its first
 * operator admin commit together or not at all. A USCC or username already taken answers 409
 * naming the field, also when a concurrent registration wins the race.
 */
export async function registerOperator(db: Db, config: Config, ctx: AuditContext, input: Registration) {
  await placeOf(db, input.regionCode, '运营主体', 'the operator');
  try {
    return await withIdentityConstraints(() =>
      db.transaction(async (tx) => {
        const org = await createOrganisationInTx(tx, ctx, { name: input.name, kind: 'operator', regionCode: input.regionCode, uscc: input.uscc });
        const profile = await createProfileInTx(tx, org.id, input);
        const user = await createAccountInTx(tx, config, ctx, {
          username: input.username,
          displayName: input.displayName,
          password: input.password,
          orgId: org.id,
          roles: ['operator_admin'],
          mobile: profile.contactMobile,
          email: profile.email,
          // They chose this password themselves, just now.
          mustChangePassword: false,
        });
        await audit.recordInTx(tx, ctx, { action: 'org.register', objectType: 'organisation', objectId: org.id, detail: { userId: user.id, username: user.username } });
        return { organisationId: org.id, userId: user.id };
      }),
    );
  } catch (err) {
    if (violatedUniqueConstraint(err) === 'organisations_uscc_uq') throw usccTaken('body');
    throw err;
  }
}


export interface MakerRegistration extends MakerProfileInput, NewSelfAccount {
  /** A team's name; an individual registers under its own display name. */
  teamName?: string | undefined;
  regionCode: string;
  mobile?: string | null | undefined;
  email?: string | null | undefined;
}

/**
 * A maker (创客) registers itself, alone or as a team (issue 15): a `maker_team` organisation, its
 * maker profile and the maker's account commit together. Makers need no USCC; a username already
 * taken answers 409 naming the field.
 */
export async function registerMaker(db: Db, config: Config, ctx: AuditContext, input: MakerRegistration) {
  await placeOf(db, input.regionCode, '创客', 'the maker');
  const name = input.makerType === 'team' ? input.teamName?.trim() : input.displayName.trim();
  if (!name || name.length < 2)
    throw input.makerType === 'team'
      ? fieldError('body.teamName', '团队名称至少 2 个字', 'the team’s name needs at least 2 characters')
      : fieldError('body.displayName', '姓名至少 2 个字', 'the name needs at least 2 characters');
  return withIdentityConstraints(() =>
    db.transaction(async (tx) => {
      const org = await createOrganisationInTx(tx, ctx, { name, kind: 'maker_team', regionCode: input.regionCode });
      await createMakerProfileInTx(tx, org.id, input);
      const user = await createAccountInTx(tx, config, ctx, {
        username: input.username,
        displayName: input.displayName,
        password: input.password,
        orgId: org.id,
        roles: ['maker'],
        mobile: input.mobile ?? null,
        email: input.email ?? null,
        mustChangePassword: false,
      });
      await audit.recordInTx(tx, ctx, { action: 'org.register', objectType: 'organisation', objectId: org.id, detail: { userId: user.id, username: user.username, kind: 'maker_team' } });
      return { organisationId: org.id, userId: user.id };
    }),
  );
}
