import { and, eq, inArray, ne } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import * as audit from '../audit/index.ts';
import type { AuditContext } from '../audit/index.ts';
import { supports, type PaymentState } from './schema.ts';

/**
 * Sets the payment state of some supports of one grantor (a disposition of a duplicate alert: 追回
 * recovered, 暂停 suspended), each change audited with why; supports already in that state are left
 * alone. Only the grantor's own supports move: a department never changes another's grant.
 */
export async function setPaymentStateInTx(
  tx: Tx,
  ctx: AuditContext,
  input: { grantorOrgId: string; supportIds: readonly string[]; state: Extract<PaymentState, 'recovered' | 'suspended'>; because: Record<string, unknown> },
): Promise<string[]> {
  if (!input.supportIds.length) return [];
  const moved = await tx
    .update(supports)
    .set({ paymentState: input.state, updatedAt: new Date() })
    .where(and(inArray(supports.id, [...input.supportIds]), eq(supports.grantorOrgId, input.grantorOrgId), ne(supports.paymentState, input.state)))
    .returning({ id: supports.id });
  for (const m of moved) await audit.recordInTx(tx, ctx, { action: 'support.payment', objectType: 'support', objectId: m.id, detail: { state: input.state, ...input.because } });
  return moved.map((m) => m.id);
}
