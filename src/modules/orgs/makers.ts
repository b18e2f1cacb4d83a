import type { Db, DbOrTx, Tx } from '../../db/client.ts';
import type { Actor } from '../../shared/actor.ts';
import type { KeyIndustry, MakerType } from '../../shared/domain.ts';
import { AppError, fieldError } from '../../shared/errors.ts';
import { violatedUniqueConstraint } from '../../shared/validation/unique-violation.ts';
import * as audit from '../audit/index.ts';
import type { AuditContext } from '../audit/index.ts';
import { can } from './policy.ts';
import * as repo from './repository.ts';

/** What a maker says of itself at sign-up and later on its profile page. */
export interface MakerProfileInput {
  makerType: MakerType;
  /** A team's members, the maker included; 1 for an individual. */
  members?: number | undefined;
  fields: KeyIndustry[];
  affiliation?: string | null | undefined;
  intro?: string | null | undefined;
}

/** Validated columns; an individual is one person whatever `members` says, a team at least two. */
export function makerColumns(input: MakerProfileInput, prefix = 'body') {
  const members = input.makerType === 'individual' ? 1 : (input.members ?? 0);
  if (input.makerType === 'team' && members < 2) throw fieldError(`${prefix}.members`, '团队成员至少 2 人（含本人）', 'a team has at least two members');
  return {
    makerType: input.makerType,
    members,
    fields: [...input.fields],
    affiliation: input.affiliation?.trim() || null,
    intro: input.intro?.trim() || null,
  };
}

/** Creates the profile of a maker organisation just registered (self-registration, the demo seed). */
export async function createMakerProfileInTx(tx: Tx, orgId: string, input: MakerProfileInput) {
  await repo.insertMakerProfile(tx, { orgId, ...makerColumns(input) });
}

/** The maker's own profile: its organisation's name and region beside what it said of itself. */
export async function getMyMakerProfile(db: DbOrTx, actor: Actor) {
  if (!can(actor, 'maker.profile.edit', { orgId: actor.org.id })) throw new AppError('FORBIDDEN');
  const [org, profile] = await Promise.all([repo.findOrg(db, actor.org.id), repo.findMakerProfile(db, actor.org.id)]);
  return {
    name: org!.name,
    regionCode: org!.regionCode,
    regionName: actor.org.regionName,
    makerType: profile?.makerType ?? null,
    members: profile?.members ?? null,
    fields: profile?.fields ?? [],
    affiliation: profile?.affiliation ?? null,
    intro: profile?.intro ?? null,
    /** 0 until the first save (makers created by an administrator have no profile yet). */
    revision: profile?.revision ?? 0,
    updatedAt: profile?.updatedAt.toISOString() ?? null,
  };
}

/**
 * The maker saves its profile and team name; `revision` is what the form read (0 when none existed).
 * A stale revision answers 409 and changes nothing.
 */
export async function updateMyMakerProfile(db: Db, actor: Actor, ctx: AuditContext, input: MakerProfileInput & { name: string; revision: number }) {
  if (!can(actor, 'maker.profile.edit', { orgId: actor.org.id })) throw new AppError('FORBIDDEN');
  const columns = makerColumns(input);
  const name = input.name.trim();
  try {
    await db.transaction(async (tx) => {
      if (input.revision === 0) await repo.insertMakerProfile(tx, { orgId: actor.org.id, ...columns });
      else if (!(await repo.updateMakerProfile(tx, actor.org.id, input.revision, columns))) throw new AppError('STALE_REVISION');
      await repo.renameOrg(tx, actor.org.id, name);
      await audit.recordInTx(tx, ctx, { action: 'maker.profile.update', objectType: 'organisation', objectId: actor.org.id, detail: { revision: input.revision + 1, name } });
    });
  } catch (err) {
    // A first save when a profile exists already (another tab saved first): the primary key refuses it.
    if (violatedUniqueConstraint(err) === 'maker_profiles_pkey') throw new AppError('STALE_REVISION');
    throw err;
  }
  return getMyMakerProfile(db, actor);
}
