import type { Db, DbOrTx, Tx } from '../../db/client.ts';
import { CHAINS, type ChainKind, type ChainTemplate, type Chain } from '../../shared/chains.ts';
import type { CallLevel } from '../../shared/domain.ts';
import { AppError, notFound, type FieldError } from '../../shared/errors.ts';
import * as audit from '../audit/index.ts';
import type { AuditContext } from '../audit/index.ts';
import type { Actor } from '../../shared/actor.ts';
import { can, type ChainAction } from './policy.ts';
import * as repo from './repository.ts';
import type { ChainDefinition } from './schema.ts';
import { checkChain, type ChainDraft } from './validate.ts';
import { lockVersionLine } from '../../db/versioned.ts';

const NOT_FOUND = { zh: '审核流程不存在', en: 'No such review chain' };
const KEY = /^[a-z][a-z0-9_]{2,63}$/;

/** A published chain version as other modules read it (the call's pinned chain). */
/** A published version as calls pin it (the kernel's `Chain`). */
export type ChainVersion = Chain;

const toVersion = (r: repo.ChainRow): ChainVersion | undefined =>
  r.status === 'published' && r.version !== null
    ? {
        id: r.id,
        key: r.key,
        kind: r.kind,
        version: r.version,
        name: r.name,
        nameEn: r.nameEn,
        level: r.level,
        requiresFiling: r.requiresFiling,
        stages: r.definition.stages,
        ownerRegionCode: r.ownerRegionCode,
      }
    : undefined;

function invalid(errors: FieldError[]): AppError {
  return new AppError('VALIDATION_FAILED', {
    zh: errors.map((f) => `${f.field}：${f.message}`).join('；'),
    en: errors.map((f) => `${f.field}: ${f.messageEn}`).join('; '),
    fields: errors,
  });
}

/** Validates a chain's editable fields; errors name each field under `prefix`. */
export function parseChain(input: unknown, prefix = 'body'): ChainDraft {
  const r = checkChain(input, prefix);
  if (!r.ok) throw invalid(r.errors);
  return r.chain;
}

const shippedFields = (c: ShippedChain): ChainDraft =>
  structuredClone({ name: c.name, nameEn: c.nameEn, level: c.level, requiresFiling: c.requiresFiling ?? null, definition: { stages: c.stages as unknown as ChainDraft['definition']['stages'] } });

/** JSON with object keys sorted, so a jsonb round trip (which reorders keys) compares equal. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.entries(v)
      .filter(([, x]) => x !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`)
      .join(',')}}`;
  return JSON.stringify(v);
}
const fieldsOf = (r: repo.ChainRow): ChainDraft => ({ name: r.name, nameEn: r.nameEn, level: r.level, requiresFiling: r.requiresFiling, definition: r.definition as ChainDraft['definition'] });

/**
 * Loads the chains of the seeds (src/shared/chains.ts) as published, ownerless versions; safe to
 * repeat. A shipped chain whose constant changed in a new release becomes the next version of its
 * key, so calls pinned to the old version keep it.
 */
export async function ensureSeededChains(db: DbOrTx): Promise<void> {
  const newest = new Map((await repo.newestShipped(db)).map((r) => [r.key, r]));
  for (const template of Object.values(CHAINS)) await ensureShipped(db, template, newest.get(template.key));
}

/**
 * Loads a chain another module ships with the product (the statistics returns' review chain) as a
 * published, ownerless version, the way `ensureSeededChains` loads the seeds' chains; safe to repeat.
 */
export async function ensureShippedChain(db: DbOrTx, template: ShippedChain): Promise<void> {
  await ensureShipped(db, template, (await repo.newestShipped(db)).find((r) => r.key === template.key));
}

/** A chain shipped with the product: a template whose key is any chain key. */
export type ShippedChain = Omit<ChainTemplate, 'key'> & { key: string };

async function ensureShipped(db: DbOrTx, template: ShippedChain, present: repo.ChainRow | undefined): Promise<void> {
  const check = checkChain(shippedFields(template), `chains.${template.key}`);
  if (!check.ok) throw new Error(`shipped chain ${template.key} cannot run: ${check.errors.map((e) => `${e.field}: ${e.messageEn}`).join('; ')}`);
  if (present && present.kind === template.kind && canonical(fieldsOf(present)) === canonical(check.chain)) return;
  await repo.insert(db, {
    key: template.key,
    kind: template.kind,
    version: (present?.version ?? 0) + 1,
    status: 'published',
    ...check.chain,
    requiresFiling: check.chain.requiresFiling ?? null,
    definition: check.chain.definition as ChainDefinition,
    publishedAt: new Date(),
  });
}

async function loadInScope(db: DbOrTx, actor: Actor, id: string, action: ChainAction) {
  const row = await repo.findById(db, id);
  if (!row || !can(actor, 'chain.read', row)) throw notFound(NOT_FOUND);
  if ((action === 'chain.edit' || action === 'chain.publish') && row.status === 'published')
    throw new AppError('NOT_EDITABLE', { zh: '已发布的审核流程版本不可修改，请复制为新草稿后修改', en: 'A published chain version never changes; clone it into a new draft' });
  if (!can(actor, action, row)) throw new AppError('FORBIDDEN');
  return row;
}

/** One chain version the actor may see, with the answers of its policy. */
export async function getChain(db: DbOrTx, actor: Actor, id: string) {
  const row = await loadInScope(db, actor, id, 'chain.read');
  return { ...row, abilities: { edit: can(actor, 'chain.edit', row), publish: can(actor, 'chain.publish', row), clone: can(actor, 'chain.clone', row), use: can(actor, 'chain.use', row) } };
}

export interface ChainListFilter {
  key?: string;
  level?: CallLevel;
  status?: 'draft' | 'published';
  kind?: ChainKind;
}

/** Shipped chains to everyone; to authority staff also their jurisdiction's line (see `can`). */
export function listChains(db: DbOrTx, actor: Actor, filter: ChainListFilter, page: number, pageSize: number) {
  const staff = actor.roles.some((r) => r === 'authority_admin' || r === 'authority_reviewer');
  return repo.list(db, { ...filter, jurisdictionPath: staff ? actor.jurisdictionPath : null }, page, pageSize);
}

/**
 * Copies a chain into the actor's jurisdiction as a draft. Without a new key the draft continues
 * the source's lineage when the actor owns it, else starts `<source>_<region code>`.
 */
export async function cloneChain(db: Db, actor: Actor, ctx: AuditContext, id: string, input: { key?: string; name?: string; nameEn?: string }) {
  const source = await loadInScope(db, actor, id, 'chain.clone');
  const ownsSource = source.ownerPath === actor.jurisdictionPath;
  const key = input.key ?? (ownsSource ? source.key : `${source.key}_${actor.org.regionCode}`);
  if (!KEY.test(key))
    throw new AppError('VALIDATION_FAILED', {
      fields: [{ field: 'body.key', message: '标识须以小写字母开头，只含小写字母、数字和下划线（3–64 位）', messageEn: 'a lower-case letter first, then lower-case letters, digits and _ (3–64)' }],
    });
  const owners = await repo.keyOwners(db, key);
  if (owners.some((o) => o !== actor.org.regionCode))
    throw new AppError('DUPLICATE', {
      zh: '该审核流程标识已被其他单位使用',
      en: 'This chain key belongs to another jurisdiction',
      fields: [{ field: 'body.key', message: '该标识已被其他单位使用', messageEn: 'key taken' }],
    });
  return db.transaction(async (tx) => {
    const row = (await repo.insert(tx, {
      key,
      version: null,
      status: 'draft',
      name: input.name ?? source.name,
      nameEn: input.nameEn ?? source.nameEn,
      kind: source.kind,
      level: source.level,
      requiresFiling: source.requiresFiling,
      definition: structuredClone(source.definition),
      ownerRegionCode: actor.org.regionCode,
      basedOnId: source.id,
      createdBy: actor.userId,
    }))!;
    await audit.recordInTx(tx, ctx, { action: 'chain.clone', objectType: 'chain', objectId: row.id, detail: { from: source.id, key } });
    return (await repo.findById(tx, row.id))!;
  });
}

/** Replaces a draft's name, level and stages; a chain that cannot run is refused naming the field, a stale `revision` answers 409. */
export async function updateChainDraft(db: Db, actor: Actor, ctx: AuditContext, id: string, input: { revision: number } & Record<string, unknown>) {
  await loadInScope(db, actor, id, 'chain.edit');
  const { revision, ...fields } = input;
  const chain = parseChain(fields);
  return db.transaction(async (tx) => {
    const ok = await repo.updateDraft(tx, id, revision, {
      name: chain.name,
      nameEn: chain.nameEn,
      level: chain.level,
      requiresFiling: chain.requiresFiling ?? null,
      definition: chain.definition as ChainDefinition,
    });
    if (!ok) throw new AppError('STALE_REVISION');
    await audit.recordInTx(tx, ctx, { action: 'chain.update', objectType: 'chain', objectId: id, detail: { revision: revision + 1, stages: chain.definition.stages.length } });
    return (await repo.findById(tx, id))!;
  });
}

/** Publishes a draft as the next version of its key; from then on it never changes and calls may pin it. */
export async function publishChainDraft(db: Db, actor: Actor, ctx: AuditContext, id: string, input: { revision: number }) {
  const draft = await loadInScope(db, actor, id, 'chain.publish');
  // Saved drafts were checked; a draft written another way is checked again before it can run.
  parseChain(fieldsOf(draft), '');
  return db.transaction(async (tx) => {
    await lockVersionLine(tx, `chain:${draft.key}`);
    const version = await repo.nextVersion(tx, draft.key);
    const ok = await repo.updateDraft(tx, id, input.revision, { status: 'published', version, publishedAt: new Date() });
    if (!ok) throw new AppError('STALE_REVISION');
    await audit.recordInTx(tx, ctx, { action: 'chain.publish', objectType: 'chain', objectId: id, detail: { key: draft.key, version } });
    return (await repo.findById(tx, id))!;
  });
}

/** A published chain version by id, whoever asks (a call's pinned chain); undefined for a draft or no such row. */
export async function findChainVersion(db: DbOrTx, id: string): Promise<ChainVersion | undefined> {
  const row = await repo.findById(db, id);
  return row && toVersion(row);
}

/** Published chain versions by id in one query (drafts and unknown ids are left out). */
export async function chainVersionsByIds(db: DbOrTx, ids: readonly string[]): Promise<Map<string, ChainVersion>> {
  const rows = await repo.byIds(db, [...new Set(ids)]);
  return new Map(rows.flatMap((r) => (toVersion(r) ? [[r.id, toVersion(r)!] as const] : [])));
}

/**
 * The published versions of `kind` at `level` the actor's calls may pin: shipped, or owned by its
 * region or an ancestor; newest first per key.
 */
export async function listUsableChains(db: DbOrTx, actor: Actor, kind: ChainKind, level: CallLevel): Promise<ChainVersion[]> {
  const rows = await repo.usable(db, actor.jurisdictionPath, kind, level);
  return rows.filter((r) => can(actor, 'chain.use', r)).flatMap((r) => toVersion(r) ?? []);
}

/**
 * The version if the actor may pin it to a call of `kind` (published, for that kind of submission,
 * shipped or owned above); else undefined.
 */
export async function usableChainVersion(db: DbOrTx, actor: Actor, kind: ChainKind, id: string): Promise<ChainVersion | undefined> {
  const row = await repo.findById(db, id);
  return row?.kind === kind && can(actor, 'chain.use', row) ? toVersion(row) : undefined;
}

/** The newest published version of a shipped chain (the demo seed and tests pin it). */
export async function shippedChainVersionId(db: DbOrTx, key: string): Promise<string | undefined> {
  return (await repo.newestShipped(db)).find((r) => r.key === key)?.id;
}

/**
 * Inserts a jurisdiction's chain as its next published version, checked and audited, without an
 * editor (the demo seed). `basedOnKey` names the shipped chain it was adapted from.
 */
export async function insertPublishedChainInTx(
  tx: Tx,
  ctx: AuditContext,
  input: { key: string; ownerRegionCode: string; basedOnKey?: string; createdBy?: string | null; chain: unknown },
): Promise<ChainVersion> {
  const chain = parseChain(input.chain, 'chain');
  if (!KEY.test(input.key)) throw new Error(`chain key ${input.key} is not a valid key`);
  const basedOnId = input.basedOnKey ? ((await shippedChainVersionId(tx, input.basedOnKey)) ?? null) : null;
  // Adapted from a shipped chain, it moves what that chain moves; else it is a filing chain.
  const basedOn = basedOnId ? await repo.findById(tx, basedOnId) : undefined;
  const row = await repo.insert(tx, {
    key: input.key,
    kind: basedOn?.kind ?? 'filing',
    version: await repo.nextVersion(tx, input.key),
    status: 'published',
    name: chain.name,
    nameEn: chain.nameEn,
    level: chain.level,
    requiresFiling: chain.requiresFiling ?? null,
    definition: chain.definition as ChainDefinition,
    ownerRegionCode: input.ownerRegionCode,
    basedOnId,
    createdBy: input.createdBy ?? null,
    publishedAt: new Date(),
  });
  if (!row) throw new Error(`chain ${input.key} exists already`);
  await audit.recordInTx(tx, ctx, { action: 'chain.publish', objectType: 'chain', objectId: row.id, detail: { key: row.key, version: row.version } });
  return toVersion(row)!;
}
