import type { Db } from '../../db/client.ts';
import type { Actor } from '../../shared/actor.ts';
import { can } from '../../shared/admin-powers.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import * as audit from '../audit/index.ts';
import type { AuditContext } from '../audit/index.ts';
import { findOrganisation, setOrganisationStatusInTx } from '../orgs/index.ts';
import { endOrganisationSessionsInTx } from './sessions.ts';

/**
 * Disabling an organisation ends the sessions of all its users in the same transaction (their
 * accounts stay as they are and work again once the organisation is enabled).
 */
export async function setOrganisationStatus(db: Db, actor: Actor, ctx: AuditContext, orgId: string, status: 'active' | 'disabled') {
  const org = await findOrganisation(db, orgId);
  if (!org) throw notFound({ zh: '机构不存在', en: 'No such organisation' });
  const action = status === 'disabled' ? 'org.disable' : 'org.enable';
  if (!can(actor, action, { id: org.id })) throw new AppError('FORBIDDEN');
  return db.transaction(async (tx) => {
    await setOrganisationStatusInTx(tx, org.id, status);
    const sessionsEnded = status === 'disabled' ? await endOrganisationSessionsInTx(tx, org.id) : 0;
    await audit.recordInTx(tx, ctx, { action, objectType: 'organisation', objectId: org.id, detail: { sessionsEnded } });
    return { sessionsEnded };
  });
}
