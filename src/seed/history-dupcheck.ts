/**
 * The demo's duplicate checks (issue 17): 辽宁省科技厅 records that 新锐智造's operator and its parent
 * company are one undertaking (关联主体), then the full scan runs over whatever the support register
 * holds, so the authorities' 支持重复预警 page and workbench show the alerts the demo's supports raise.
 * Entered through the dupcheck module's service functions.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import type { AuditContext } from '../modules/audit/index.ts';
import { addLink, scanSupports } from '../modules/dupcheck/index.ts';
import { loadActor, users } from '../modules/identity/index.ts';
import { organisations } from '../modules/orgs/index.ts';
import type { Actor } from '../shared/actor.ts';

const ctxOf = (actor: Actor): AuditContext => ({ actorUserId: actor.userId, actorUsername: actor.username, actorOrgId: actor.org.id, ip: null, requestId: null });

/** 沈阳新锐智造集团有限公司, the demo operator's parent (a made-up but well-formed USCC). */
const PARENT = '91210100MA0XR3P015';

export async function seedDuplicateChecks(db: Db) {
  const [admin] = await db.select({ id: users.id }).from(users).where(eq(users.username, 'ln_admin'));
  const [operator] = await db.select({ uscc: organisations.uscc }).from(organisations).where(eq(organisations.name, '沈阳新锐智造众创科技有限公司'));
  const actor = (await loadActor(db, admin!.id, 'demo-seed'))!;
  if (operator?.uscc) await addLink(db, actor, ctxOf(actor), { usccA: operator.uscc, usccB: PARENT, reason: '沈阳新锐智造集团有限公司全资子公司（工商登记信息）' });
  await scanSupports(db, { full: true, supportIds: [], returnIds: [] });
}
