import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { fieldError } from '../../shared/errors.ts';
import { violatedUniqueConstraint } from '../../shared/validation/unique-violation.ts';
import * as audit from '../audit/index.ts';
import type { AuditContext } from '../audit/index.ts';
import { createOrganisationInTx, createProfileInTx, usccTaken, type ProfileInput } from '../orgs/index.ts';
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

/**
 * An operator registers itself (public, rate-limited): the organisation, its profile and its first
 * operator admin commit together or not at all. A USCC or username already taken answers 409
 * naming the field, also when a concurrent registration wins the race.
 */
export async function registerOperator(db: Db, config: Config, ctx: AuditContext, input: Registration) {
    const region = await findRegion(db, input.regionCode);
  if (region?.level === 'national') throw fieldError('body.regionCode', '请选择运营主体所在的省、市或区县', 'choose the province, city or county of the operator');
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

