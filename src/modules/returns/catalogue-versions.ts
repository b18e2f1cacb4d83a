import type { Db, DbOrTx } from '../../db/client.ts';
import type { Actor } from '../../shared/actor.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import * as audit from '../audit/index.ts';
import type { AuditContext } from '../audit/index.ts';
import { parseDefinition } from './catalogue-schema.ts';
import { canCatalogue, type CatalogueAction } from './policy.ts';
import * as repo from './repository.ts';
import { lockVersionLine } from '../../db/versioned.ts';

/**
 * Versioning of the indicator catalogue, the way rule sets are versioned (src/modules/criteria): a
 * province (or the ministry) clones a version into a draft for a survey year, edits the draft in
 * place under optimistic locking, and publishes it as that year's next version, which never changes
 * again; a round pins a published version by id.
 */
const NOT_FOUND = { zh: '统计指标目录不存在', en: 'No such indicator catalogue' };

async function loadInScope(db: DbOrTx, actor: Actor, id: string, action: CatalogueAction) {
  const row = await repo.findCatalogueWithOwner(db, id);
  if (!row || !canCatalogue(actor, 'return_catalogue.read', row)) throw notFound(NOT_FOUND);
  if ((action === 'return_catalogue.edit' || action === 'return_catalogue.publish') && row.status === 'published')
    throw new AppError('NOT_EDITABLE', { zh: '已发布的统计指标目录不可修改，请复制为新草稿后修改', en: 'A published catalogue never changes; clone it into a new draft' });
  if (!canCatalogue(actor, action, row)) throw new AppError('FORBIDDEN');
  return row;
}

const view = (actor: Actor, row: repo.CatalogueWithOwner) => ({
  id: row.id,
  year: row.year,
  version: row.version,
  status: row.status,
  name: row.name,
  ownerName: row.ownerName,
  basedOnId: row.basedOnId,
  revision: row.revision,
  updatedAt: row.updatedAt,
  publishedAt: row.publishedAt,
  abilities: {
    edit: canCatalogue(actor, 'return_catalogue.edit', row),
    publish: canCatalogue(actor, 'return_catalogue.publish', row),
    clone: canCatalogue(actor, 'return_catalogue.clone', row),
  },
});

/** Published versions and the drafts within the actor's jurisdiction. */
export async function listCatalogueVersions(db: DbOrTx, actor: Actor) {
  if (!canCatalogue(actor, 'return_catalogue.read')) throw new AppError('FORBIDDEN');
  return { items: (await repo.visibleCatalogues(db, actor.jurisdictionPath)).map((r) => view(actor, r)) };
}

export async function getCatalogueVersion(db: DbOrTx, actor: Actor, id: string) {
  const row = await loadInScope(db, actor, id, 'return_catalogue.read');
  return { ...view(actor, row), definition: row.definition };
}

/** Copies a version the actor may read into a draft of the actor's province for a survey year (the source's by default). */
export async function cloneCatalogue(db: Db, actor: Actor, ctx: AuditContext, id: string, input: { year?: number | undefined; name?: string | undefined }) {
  const source = await loadInScope(db, actor, id, 'return_catalogue.clone');
  const year = input.year ?? source.year;
  const name = input.name ?? (year === source.year ? `${source.name}（修订）` : source.name.replace(String(source.year), String(year)));
  const draftId = await db.transaction(async (tx) => {
    const row = await repo.insertCatalogue(tx, { year, version: null, status: 'draft', name, definition: source.definition, ownerRegionCode: actor.org.regionCode, basedOnId: source.id, createdBy: actor.userId });
    await audit.recordInTx(tx, ctx, { action: 'return_catalogue.clone', objectType: 'return_catalogue', objectId: row.id, detail: { from: source.id, year } });
    return row.id;
  });
  return getCatalogueVersion(db, actor, draftId);
}

/** Replaces a draft's name and definition; every bad field is named (400), a stale revision is 409, and nothing changes either way. */
export async function updateCatalogueDraft(db: Db, actor: Actor, ctx: AuditContext, id: string, input: { revision: number; name: string; definition: unknown }) {
  await loadInScope(db, actor, id, 'return_catalogue.edit');
  const definition = parseDefinition(input.definition);
  await db.transaction(async (tx) => {
    if (!(await repo.updateDraftCatalogue(tx, id, input.revision, { name: input.name, definition }))) throw new AppError('STALE_REVISION');
    await audit.recordInTx(tx, ctx, { action: 'return_catalogue.update', objectType: 'return_catalogue', objectId: id, detail: { revision: input.revision + 1, indicators: definition.indicators.length, rules: definition.rules.length } });
  });
  return getCatalogueVersion(db, actor, id);
}

/**
 * Publishes a draft as its survey year's next version; it is checked once more, and never changes
 * after. The year's publications queue on a lock, and a draft last saved before another version of
 * its year was published is refused (409) rather than silently becoming the newer version over one
 * its publisher never saw: of two drafts published at the same moment exactly one wins. Saving the
 * draft again, after a look at the new version, lets it be published as the next one.
 */
export async function publishCatalogue(db: Db, actor: Actor, ctx: AuditContext, id: string, input: { revision: number }) {
  const row = await loadInScope(db, actor, id, 'return_catalogue.publish');
  parseDefinition(row.definition, 'definition');
  if (input.revision !== row.revision) throw new AppError('STALE_REVISION');
  await db.transaction(async (tx) => {
    await lockVersionLine(tx, `return_catalogue:${row.year}`);
    const newest = await repo.newestPublishedCatalogue(tx, row.year);
    if (newest?.publishedAt && newest.publishedAt > row.updatedAt)
      throw new AppError('STATE_CONFLICT', {
        zh: `${row.year}年度统计指标目录第${newest.version}版“${newest.name}”刚刚发布（晚于本草稿最后保存时间），本草稿未发布。请先查看该版本，确认后保存本草稿再发布`,
        en: `Version ${newest.version} of the ${row.year} catalogue ("${newest.name}") was published after this draft was last saved; the draft was not published. Review that version, save the draft again and publish`,
      });
    const version = (newest?.version ?? 0) + 1;
    if (!(await repo.updateDraftCatalogue(tx, id, input.revision, { status: 'published', version, publishedAt: new Date() }))) throw new AppError('STALE_REVISION');
    await audit.recordInTx(tx, ctx, { action: 'return_catalogue.publish', objectType: 'return_catalogue', objectId: id, detail: { year: row.year, version } });
  });
  return getCatalogueVersion(db, actor, id);
}
