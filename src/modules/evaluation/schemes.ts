import { isDeepStrictEqual } from 'node:util';
import type { Db, DbOrTx, Tx } from '../../db/client.ts';
import { lockVersionLine } from '../../db/versioned.ts';
import type { Actor } from '../../shared/actor.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import type { Sort } from '../../shared/http/sorting.ts';
import * as audit from '../audit/index.ts';
import type { AuditContext } from '../audit/index.ts';
import { ensureShippedChain } from '../chains/index.ts';
import { invalid } from '../criteria/index.ts';
import { numericReturnCodes } from '../returns/index.ts';
import { EVALUATION_CHAINS } from './chain.ts';
import { canScheme, type SchemeAction } from './policy.ts';
import * as repo from './repository.ts';
import { inconsistencies, maxPoints, SchemeDefinition } from './scheme.ts';
import { loadShippedSchemes } from './shipped.ts';

/**
 * Versions of evaluation schemes, as rule sets and indicator catalogues are versioned: an evaluating
 * authority clones a scheme into a draft of its own jurisdiction, edits the draft in place under
 * optimistic locking (every bad field named, nothing saved), and publishes it as its line's next
 * version, which never changes again; a round pins a published version by id.
 */
const NOT_FOUND = { zh: '评价方案不存在', en: 'No such evaluation scheme' };

/**
 * Loads the shipped schemes as published versions of their jurisdiction's line (a changed file
 * becomes the line's next version) and the evaluation chains. Safe to repeat.
 */
export async function ensureShippedSchemes(db: DbOrTx): Promise<void> {
  for (const chain of EVALUATION_CHAINS) await ensureShippedChain(db, chain);
  for (const shipped of loadShippedSchemes()) {
    const line = { regionCode: shipped.regionCode, year: shipped.year, category: shipped.category };
    const newest = await repo.newestPublished(db, line);
    if (newest?.shipped && isDeepStrictEqual(newest.definition, shipped.definition)) continue;
    await repo.insertScheme(db, { ...line, types: shipped.types ?? null, version: await repo.nextVersion(db, line), status: 'published', definition: shipped.definition, shipped: true, publishedAt: new Date() });
  }
}

async function loadInScope(db: DbOrTx, actor: Actor, id: string, action: SchemeAction) {
  const row = await repo.findScheme(db, id);
  if (!row || !canScheme(actor, 'evaluation_scheme.read', row)) throw notFound(NOT_FOUND);
  if ((action === 'evaluation_scheme.edit' || action === 'evaluation_scheme.publish') && row.status === 'published')
    throw new AppError('NOT_EDITABLE', { zh: '已发布的评价方案不可修改，请复制为新草稿后修改', en: 'A published scheme never changes; clone it into a new draft' });
  if (!canScheme(actor, action, row)) throw new AppError('FORBIDDEN');
  return row;
}

const view = (actor: Actor, row: repo.SchemeWithRegion) => ({
  id: row.id,
  regionCode: row.regionCode,
  regionName: row.regionName,
  year: row.year,
  category: row.category,
  types: row.types,
  version: row.version,
  status: row.status,
  title: row.definition.title,
  shipped: row.shipped,
  basedOnId: row.basedOnId,
  revision: row.revision,
  updatedAt: row.updatedAt,
  publishedAt: row.publishedAt,
  abilities: {
    edit: canScheme(actor, 'evaluation_scheme.edit', row),
    publish: canScheme(actor, 'evaluation_scheme.publish', row),
    clone: canScheme(actor, 'evaluation_scheme.clone', row),
  },
});

export async function listSchemes(
  db: DbOrTx,
  actor: Actor,
  query: { page: number; pageSize: number; regionCode?: string | undefined; year?: number | undefined; category?: repo.SchemeRow['category'] | undefined; status?: repo.SchemeRow['status'] | undefined } & Sort<(typeof repo.SCHEME_SORTS)[number]>,
) {
  if (!canScheme(actor, 'evaluation_scheme.read')) throw new AppError('FORBIDDEN');
  const { items, total } = await repo.listSchemes(db, { path: actor.jurisdictionPath!, regionCode: query.regionCode, year: query.year, category: query.category, status: query.status }, query, query);
  return { items: items.map((r) => view(actor, r)), total, page: query.page, pageSize: query.pageSize };
}

export async function getScheme(db: DbOrTx, actor: Actor, id: string) {
  const row = await loadInScope(db, actor, id, 'evaluation_scheme.read');
  return { ...view(actor, row), maxPoints: maxPoints(row.definition), definition: row.definition };
}

/** Copies a scheme the actor may read into a draft of the actor's jurisdiction, for the source's year or another. */
export async function cloneScheme(db: Db, actor: Actor, ctx: AuditContext, id: string, input: { year?: number | undefined }) {
  const source = await loadInScope(db, actor, id, 'evaluation_scheme.clone');
  const year = input.year ?? source.year;
  const title = year === source.year ? source.definition.title : source.definition.title.replaceAll(String(source.year), String(year));
  const draftId = await db.transaction(async (tx) => {
    const row = await repo.insertScheme(tx, {
      regionCode: actor.org.regionCode,
      year,
      category: source.category,
      types: source.types,
      version: null,
      status: 'draft',
      definition: { ...source.definition, title },
      basedOnId: source.id,
      createdBy: actor.userId,
    });
    await audit.recordInTx(tx, ctx, { action: 'evaluation_scheme.clone', objectType: 'evaluation_scheme', objectId: row.id, detail: { from: source.id, year } });
    return row.id;
  });
  return getScheme(db, actor, draftId);
}

/**
 * A definition as the year's catalogue allows: its shape (Zod), then what only the whole can tell
 * (keys, dimensions, ranges, bands, and return figures that the year's newest published catalogue
 * holds as numbers). Every problem named by its field under `prefix` at once.
 */
async function parseDefinition(db: DbOrTx, input: unknown, year: number, prefix: string): Promise<SchemeDefinition> {
  const parsed = SchemeDefinition.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error, prefix, input);
  const fields = inconsistencies(parsed.data, prefix, await numericReturnCodes(db, year));
  if (fields.length)
    throw new AppError('VALIDATION_FAILED', { zh: fields.map((f) => `${f.field}：${f.message}`).join('；'), en: fields.map((f) => `${f.field}: ${f.messageEn}`).join('; '), fields });
  return parsed.data;
}

/** Replaces a draft's definition; every bad field is named (400), a stale revision is 409, and nothing changes either way. */
export async function updateSchemeDraft(db: Db, actor: Actor, ctx: AuditContext, id: string, input: { revision: number; definition: unknown }) {
  const row = await loadInScope(db, actor, id, 'evaluation_scheme.edit');
  const definition = await parseDefinition(db, input.definition, row.year, 'body.definition');
  await db.transaction(async (tx) => {
    if (!(await repo.updateDraftScheme(tx, id, input.revision, { definition }))) throw new AppError('STALE_REVISION');
    await audit.recordInTx(tx, ctx, { action: 'evaluation_scheme.update', objectType: 'evaluation_scheme', objectId: id, detail: { revision: input.revision + 1, indicators: definition.indicators.length, maxPoints: maxPoints(definition) } });
  });
  return getScheme(db, actor, id);
}

/** Publishes a draft as its line's next version; it is checked once more (the year's catalogue may have changed), and never changes after. */
export async function publishScheme(db: Db, actor: Actor, ctx: AuditContext, id: string, input: { revision: number }) {
  const row = await loadInScope(db, actor, id, 'evaluation_scheme.publish');
  await parseDefinition(db, row.definition, row.year, 'definition');
  if (input.revision !== row.revision) throw new AppError('STALE_REVISION');
  await db.transaction(async (tx) => {
    await lockVersionLine(tx, repo.lineKey(row));
    const version = await repo.nextVersion(tx, row);
    if (!(await repo.updateDraftScheme(tx, id, input.revision, { status: 'published', version, publishedAt: new Date() }))) throw new AppError('STALE_REVISION');
    await audit.recordInTx(tx, ctx, { action: 'evaluation_scheme.publish', objectType: 'evaluation_scheme', objectId: id, detail: { regionCode: row.regionCode, year: row.year, category: row.category, version } });
  });
  return getScheme(db, actor, id);
}

/**
 * Inserts a jurisdiction's scheme as its line's next published version, checked and audited,
 * without an editor: the demo's history re-enacts years before the platform's first indicator
 * catalogue, so its return figures are checked against the newest catalogue, which its returns were
 * filed on.
 */
export async function insertPublishedSchemeInTx(tx: Tx, ctx: AuditContext, input: { regionCode: string; year: number; category: repo.SchemeRow['category']; types: repo.SchemeRow['types']; definition: unknown }) {
  const parsed = SchemeDefinition.parse(input.definition);
  const problems = inconsistencies(parsed, 'definition', await numericReturnCodes(tx, 2100));
  if (problems.length) throw new Error(`scheme is inconsistent: ${problems.map((p) => `${p.field}: ${p.messageEn}`).join('; ')}`);
  const line = { regionCode: input.regionCode, year: input.year, category: input.category };
  await lockVersionLine(tx, repo.lineKey(line));
  const row = await repo.insertScheme(tx, { ...line, types: input.types, version: await repo.nextVersion(tx, line), status: 'published', definition: parsed, publishedAt: new Date() });
  await audit.recordInTx(tx, ctx, { action: 'evaluation_scheme.publish', objectType: 'evaluation_scheme', objectId: row.id, detail: { ...line, version: row.version } });
  return row;
}
