import { and, asc, desc, eq, gt, gte, isNotNull, isNull, lte, sql, type SQL } from 'drizzle-orm';
import { preparedFor, sortShape, type DbOrTx, type Tx } from '../../db/client.ts';
import { COUNT_CAP } from '../../shared/http/pagination.ts';
import { orderBy, type Sort } from '../../shared/http/sorting.ts';
import type { SealedRow } from './chain.ts';
import { auditLog } from './schema.ts';

export type AuditRow = typeof auditLog.$inferSelect;
export type NewAuditRow = Omit<typeof auditLog.$inferInsert, 'id' | 'seq' | 'prevHash' | 'hash'>;

/** Serialises sealers only (writers never take it); released when the sealing transaction ends. */
export async function lockSealer(tx: Tx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(7301001)`);
}

export async function insertRow(tx: DbOrTx, row: NewAuditRow): Promise<void> {
  await tx.insert(auditLog).values(row);
}

export async function head(tx: DbOrTx): Promise<{ seq: number; hash: string } | undefined> {
  const [row] = await tx.select({ seq: auditLog.seq, hash: auditLog.hash }).from(auditLog).where(isNotNull(auditLog.seq)).orderBy(desc(auditLog.seq)).limit(1);
  return row ? { seq: row.seq!, hash: row.hash! } : undefined;
}

/**
 * Committed rows not yet sealed, oldest id first. Rows of transactions still open are invisible
 * here, so a row that commits after a later id is simply sealed in a later round.
 */
export async function unsealed(tx: DbOrTx, limit: number): Promise<AuditRow[]> {
  return tx.select().from(auditLog).where(isNull(auditLog.seq)).orderBy(asc(auditLog.id)).limit(limit);
}

export async function countUnsealed(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(isNull(auditLog.seq));
  return row?.n ?? 0;
}

/** Fills the seal fields of many rows in one statement; the trigger allows this once per row. */
export async function setSeals(tx: Tx, seals: { id: number; seq: number; prevHash: string; hash: string }[]): Promise<void> {
  if (!seals.length) return;
  const values = sql.join(
    seals.map((s) => sql`(${s.id}::bigint, ${s.seq}::bigint, ${s.prevHash}, ${s.hash})`),
    sql`, `,
  );
  await tx.execute(sql`update audit_log a set seq = v.seq, prev_hash = v.prev_hash, hash = v.hash
    from (values ${values}) as v(id, seq, prev_hash, hash) where a.id = v.id and a.seq is null`);
}

export interface AuditFilter {
  action?: string;
  actorUsername?: string;
  result?: AuditRow['result'];
  objectType?: string;
  objectId?: string;
  from?: Date;
  to?: Date;
}

/** The filters a statement tests, in `FILTERS` order (part of its prepared name). */
const FILTERS = ['action', 'actorUsername', 'result', 'objectType', 'objectId', 'from', 'to'] as const;

/** The conditions of the filters present, each value a placeholder of the filter's name. */
function whereOf(present: ReadonlySet<keyof AuditFilter>): SQL | undefined {
  const value = (name: keyof AuditFilter) => sql.placeholder(name);
  const conds: SQL[] = [];
  if (present.has('action')) conds.push(eq(auditLog.action, value('action')));
  if (present.has('actorUsername')) conds.push(eq(auditLog.actorUsername, value('actorUsername')));
  if (present.has('result')) conds.push(eq(auditLog.result, value('result')));
  if (present.has('objectType')) conds.push(eq(auditLog.objectType, value('objectType')));
  if (present.has('objectId')) conds.push(eq(auditLog.objectId, value('objectId')));
  if (present.has('from')) conds.push(gte(auditLog.at, value('from')));
  if (present.has('to')) conds.push(lte(auditLog.at, value('to')));
  return conds.length ? and(...conds) : undefined;
}

/** The row's object id as a uuid when it is one (a template key is not), so lookups use the primary keys. */
const objectUuid = sql`(case when ${auditLog.objectId} ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then ${auditLog.objectId}::uuid end)`;

/**
 * The name of the row's object, read in the same statement as the page (one scalar subquery per
 * row, on primary keys): the account's name, the space and call of an application, a call's title….
 * The tables are named in SQL text rather than imported: every module writes the audit log, so
 * importing their schemas here would make the module graph circular. The log outlives what it
 * mentions, so a deleted object simply has no name. `audit/routes.test.ts` checks each kind.
 */
const objectName = sql<string | null>`(case ${auditLog.objectType}
  when 'user' then (select u.display_name || '（' || u.username || '）' from users u where u.id = ${objectUuid})
  when 'organisation' then (select o.name from organisations o where o.id = ${objectUuid})
  when 'application' then (select concat_ws(' · ', s.name, c.title) from applications ap left join spaces s on s.id = ap.space_id left join calls c on c.id = ap.call_id where ap.id = ${objectUuid})
  when 'decision' then (select concat_ws(' · ', s.name, c.title) from decisions d join applications ap on ap.id = d.application_id left join spaces s on s.id = ap.space_id left join calls c on c.id = ap.call_id where d.id = ${objectUuid})
  when 'call' then (select c.title from calls c where c.id = ${objectUuid})
  when 'chain' then (select ch.name from chains ch where ch.id = ${objectUuid})
  when 'rule_set' then (select r.title from rule_sets r where r.id = ${objectUuid})
  when 'return_catalogue' then (select rc.name from return_catalogues rc where rc.id = ${objectUuid})
  when 'evaluation_scheme' then (select es.definition->>'title' from evaluation_schemes es where es.id = ${objectUuid})
  when 'space' then (select s.name from spaces s where s.id = ${objectUuid})
  when 'public_notice' then (select n.title from public_notices n where n.id = ${objectUuid})
  when 'objection' then (select n.title from objections ob join public_notices n on n.id = ob.notice_id where ob.id = ${objectUuid})
  when 'filing_list' then (select concat_ws(' ', l.title, l.document_number) from filing_lists l where l.id = ${objectUuid})
  when 'recommendation' then (select concat_ws(' ', c.title, r.letter_number) from recommendations r join calls c on c.id = r.call_id where r.id = ${objectUuid})
  when 'file' then (select f.original_name from files f where f.id = ${objectUuid})
  when 'credit_record' then (select o.name from credit_records cr join organisations o on o.id = cr.org_id where cr.id = ${objectUuid})
  when 'notification' then (select nt.title from notifications nt where nt.id = ${objectUuid})
end)`;

/** The actor's display name, when the row names an account. */
const actorName = sql<string | null>`(select u.display_name from users u where u.id = ${auditLog.actorUserId})`;

/** The columns the log sorts by. */
export const AUDIT_SORTS = ['at', 'actor', 'action'] as const;
export type AuditSort = Sort<(typeof AUDIT_SORTS)[number]>;
const SORT_COLUMN = { at: auditLog.at, actor: auditLog.actorUsername, action: auditLog.action };

/**
 * Newest first, or by time the other way when asked: `at, id` in one direction, the order every
 * index of the log ends in (schema.ts), so a page of any filter is read off an index.
 */
function orderOf(sort: AuditSort): SQL[] {
  if (sort.sort && sort.sort !== 'at') return orderBy(SORT_COLUMN, sort, [desc(auditLog.at), desc(auditLog.id)], auditLog.id);
  const direction = sort.sort === 'at' && sort.order !== 'desc' ? asc : desc;
  return [direction(auditLog.at), direction(auditLog.id)];
}

/**
 * One page of the log in the asked order (newest first without one), with object and actor names,
 * and the number of matching rows counted up to `COUNT_CAP + 1` (an exact count would read every
 * match of a million-row log on every page): two statements whatever the page size.
 */
export async function listRows(db: DbOrTx, filter: AuditFilter, sort: AuditSort, page: number, pageSize: number) {
  const present = FILTERS.filter((f) => filter[f]);
  const statements = preparedFor(db, `audit_page_${present.map((f) => FILTERS.indexOf(f)).join('')}_${sortShape(sort)}`, (name) => {
    const where = whereOf(new Set(present));
    const matching = db.select({ one: sql`1` }).from(auditLog).where(where).limit(COUNT_CAP + 1).as('matching');
    return {
      items: db
        .select({ row: auditLog, objectName, actorName })
        .from(auditLog)
        .where(where)
        .orderBy(...orderOf(sort))
        .limit(sql.placeholder('limit'))
        .offset(sql.placeholder('offset'))
        .prepare(name),
      count: db.select({ n: sql<number>`count(*)::int` }).from(matching).prepare(`${name}_n`),
    };
  });
  // Placeholder values reach the driver as given: instants as ISO text read the same on both databases.
  const params = { ...filter, from: filter.from?.toISOString(), to: filter.to?.toISOString(), limit: pageSize, offset: (page - 1) * pageSize };
  const [items, [count]] = await Promise.all([statements.items.execute(params), statements.count.execute(params)]);
  return { items, counted: count?.n ?? 0 };
}

/** The sealed rows after `seq`, in `seq` order, at most `limit`: one chunk of a walk (keyset on the seq index). */
export async function sealedAfter(db: DbOrTx, seq: number, limit: number): Promise<SealedRow[]> {
  const rows = await db.select().from(auditLog).where(gt(auditLog.seq, seq)).orderBy(asc(auditLog.seq)).limit(limit);
  return rows.map((row) => ({ ...row, seq: row.seq!, prevHash: row.prevHash!, hash: row.hash! }));
}

/** The row at a place of the chain (a resumed walk checks it still holds the MAC it was verified with). */
export async function rowAt(db: DbOrTx, seq: number): Promise<{ id: number; hash: string } | undefined> {
  const [row] = await db.select({ id: auditLog.id, hash: auditLog.hash }).from(auditLog).where(eq(auditLog.seq, seq));
  return row ? { id: row.id, hash: row.hash! } : undefined;
}

/** Reads the sealed chain in `seq` order, in chunks, for verification. */
export async function* iterateSealed(db: DbOrTx, chunk: number): AsyncGenerator<SealedRow> {
  let after = 0;
  for (;;) {
    const rows = await sealedAfter(db, after, chunk);
    if (rows.length === 0) return;
    yield* rows;
    after = rows[rows.length - 1]!.seq;
  }
}
