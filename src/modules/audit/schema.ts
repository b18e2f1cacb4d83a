import { sql } from 'drizzle-orm';
import { bigint, bigserial, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * Append-only audit log, sealed into a keyed hash chain. Writers insert rows without seal fields in
 * their own transaction; the sealer (service.ts `sealPending`) then gives each committed row its
 * place `seq` and `hash = HMAC-SHA256(key, prevHash || canonical(row))`. Triggers (see the
 * migrations) refuse inserts with seal fields, deleting, and any update but filling the seal fields
 * of an unsealed row once. No foreign keys: the log must outlive whatever it mentions.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
    actorUserId: uuid('actor_user_id'),
    actorUsername: text('actor_username'),
    actorOrgId: uuid('actor_org_id'),
    action: text('action').notNull(),
    objectType: text('object_type'),
    objectId: text('object_id'),
    result: text('result', { enum: ['success', 'failure', 'denied'] }).notNull(),
    ip: text('ip'),
    requestId: text('request_id'),
    detail: jsonb('detail').$type<Record<string, unknown>>(),
    /** Position in the chain (1, 2, …) in the order rows were sealed; null until sealed. */
    seq: bigint('seq', { mode: 'number' }),
    prevHash: text('prev_hash'),
    hash: text('hash'),
  },
  (t) => [
    index('audit_log_at_idx').on(t.at),
    index('audit_log_actor_idx').on(t.actorUserId),
    uniqueIndex('audit_log_seq_idx').on(t.seq),
    // The sealer's work list stays small however long the log grows.
    index('audit_log_unsealed_idx').on(t.id).where(sql`${t.seq} is null`),
  ],
);
