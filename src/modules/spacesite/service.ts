import type { Db, DbOrTx } from '../../db/client.ts';
import type { Actor } from '../../shared/actor.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import * as audit from '../audit/index.ts';
import type { AuditContext } from '../audit/index.ts';
import { findSpaceInScope } from '../spaces/index.ts';
import { can } from './policy.ts';
import * as repo from './repository.ts';
import type { SiteCase, SiteInternational } from './schema.ts';

const SPACE_NOT_FOUND = { zh: '众创空间不存在', en: 'No such maker space' };

/** What the operator keeps on its space's public page. */
export interface SiteInput {
  intro: string | null;
  nameEn: string | null;
  introEn: string | null;
  address: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
  website: string | null;
  /** Null: show the filing report's success cases. */
  successCases: SiteCase[] | null;
  international: SiteInternational;
}

const EMPTY_INTERNATIONAL: SiteInternational = { partners: [], overseasTeams: [], languages: [] };

/** The space when the actor keeps its public page (404 otherwise; 403 for a member who may only read). */
async function ownSpace(db: DbOrTx, actor: Actor, spaceId: string, edit: boolean) {
  if (!can(actor, 'spacesite.read')) throw new AppError('FORBIDDEN');
  const space = await findSpaceInScope(db, actor, spaceId).catch(() => {
    throw notFound(SPACE_NOT_FOUND);
  });
  const subject = { operatorOrgId: space.operator.id };
  if (!can(actor, 'spacesite.read', subject)) throw notFound(SPACE_NOT_FOUND);
  if (edit && !can(actor, 'spacesite.edit', subject)) throw new AppError('FORBIDDEN');
  return space;
}

function present(spaceId: string, spaceName: string, row: repo.SiteRow | undefined, filedCases: SiteCase[]) {
  return {
    spaceId,
    spaceName,
    intro: row?.intro ?? null,
    nameEn: row?.nameEn ?? null,
    introEn: row?.introEn ?? null,
    address: row?.address ?? null,
    contactPhone: row?.contactPhone ?? null,
    contactEmail: row?.contactEmail ?? null,
    website: row?.website ?? null,
    successCases: row?.successCases ?? null,
    international: row?.international ?? EMPTY_INTERNATIONAL,
    /** The cases of the filing report, shown while `successCases` is null and offered to start from. */
    filedSuccessCases: filedCases,
    /** 0 until the first save. */
    revision: row?.revision ?? 0,
    updatedAt: row?.updatedAt ?? null,
  };
}

/** The public-site fields of an own space, for the operator's editor. */
export async function siteForEditor(db: Db, actor: Actor, spaceId: string) {
  const space = await ownSpace(db, actor, spaceId, false);
  const [[row], filed] = await Promise.all([repo.sitesOf(db, [spaceId]), repo.filedSuccessCases(db, [spaceId])]);
  return present(spaceId, space.name, row, filed.get(spaceId) ?? []);
}

const clean = (v: string | null | undefined) => (v?.trim() ? v.trim() : null);

function columnsOf(actor: Actor, input: SiteInput): repo.SiteColumns {
  const opt = (v: string | undefined) => (v?.trim() ? v.trim() : undefined);
  return {
    intro: clean(input.intro),
    nameEn: clean(input.nameEn),
    introEn: clean(input.introEn),
    address: clean(input.address),
    contactPhone: clean(input.contactPhone),
    contactEmail: clean(input.contactEmail),
    website: clean(input.website),
    successCases: input.successCases ? input.successCases.map((c) => ({ title: c.title.trim(), content: c.content.trim(), titleEn: opt(c.titleEn), contentEn: opt(c.contentEn) })) : null,
    international: {
      partners: input.international.partners.map((p) => ({ name: p.name.trim(), country: p.country.trim(), since: opt(p.since) })),
      overseasTeams: input.international.overseasTeams.map((p) => ({ name: p.name.trim(), country: p.country.trim() })),
      languages: [...new Set(input.international.languages.map((l) => l.trim()).filter(Boolean))],
      note: opt(input.international.note),
      noteEn: opt(input.international.noteEn),
    },
    updatedBy: actor.userId,
  };
}

/**
 * Saves the public-site fields at the revision the editor read (0 for the first save): a stale save
 * is 409 and changes nothing; audited with the names of the changed fields.
 */
export async function saveSite(db: Db, actor: Actor, ctx: AuditContext, spaceId: string, input: SiteInput & { revision: number }) {
  const space = await ownSpace(db, actor, spaceId, true);
  const columns = columnsOf(actor, input);
  await db.transaction(async (tx) => {
    const [before] = await repo.sitesOf(tx, [spaceId]);
    const row = input.revision === 0 ? await repo.insertSite(tx, spaceId, columns) : await repo.updateSite(tx, spaceId, input.revision, columns);
    if (!row) throw new AppError('STALE_REVISION');
    const keys = ['intro', 'nameEn', 'introEn', 'address', 'contactPhone', 'contactEmail', 'website', 'successCases', 'international'] as const;
    const changed = keys.filter((k) => JSON.stringify(before?.[k] ?? null) !== JSON.stringify(row[k] ?? null));
    await audit.recordInTx(tx, ctx, { action: 'spacesite.save', objectType: 'space', objectId: spaceId, detail: { revision: row.revision, changed } });
  });
  return siteForEditor(db, actor, space.id);
}

/** What the public page shows of a space's own fields. */
export interface PublicSite {
  nameEn: string | null;
  intro: string | null;
  introEn: string | null;
  address: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
  website: string | null;
  successCases: SiteCase[];
  /** Whether the cases are the operator's current ones or those of the filing report. */
  successCasesFrom: 'site' | 'filing_report';
  international: SiteInternational;
}

/** The public-site fields of the spaces (two statements whatever their number), for the portal. */
export async function publicSitesOf(db: DbOrTx, spaceIds: readonly string[]): Promise<Map<string, PublicSite>> {
  const [rows, filed] = await Promise.all([repo.sitesOf(db, spaceIds), repo.filedSuccessCases(db, spaceIds)]);
  const byId = new Map(rows.map((r) => [r.spaceId, r]));
  return new Map(
    spaceIds.map((id) => {
      const r = byId.get(id);
      return [
        id,
        {
          nameEn: r?.nameEn ?? null,
          intro: r?.intro ?? null,
          introEn: r?.introEn ?? null,
          address: r?.address ?? null,
          contactPhone: r?.contactPhone ?? null,
          contactEmail: r?.contactEmail ?? null,
          website: r?.website ?? null,
          successCases: r?.successCases ?? filed.get(id) ?? [],
          successCasesFrom: r?.successCases ? 'site' : 'filing_report',
          international: r?.international ?? EMPTY_INTERNATIONAL,
        },
      ];
    }),
  );
}
