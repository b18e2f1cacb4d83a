import { z } from 'zod';
import type { Db, DbOrTx } from '../../db/client.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import { issueToFieldError } from '../../shared/i18n-errors.ts';
import * as audit from '../audit/index.ts';
import type { AuditContext } from '../audit/index.ts';
import type { Actor } from '../../shared/actor.ts';
import { evaluate, type Evaluation } from './engine.ts';
import { can, type CriteriaAction } from './policy.ts';
import { SpaceProfile } from './profile.ts';
import * as repo from './repository.ts';
import { RuleSetDefinition } from './rules.ts';
import { loadSeededRuleSets } from './seeded.ts';
import { lockVersionLine } from '../../db/versioned.ts';

const NOT_FOUND = { zh: '规则集不存在', en: 'No such rule set' };

/** Turns a Zod failure into a VALIDATION_FAILED error naming each field under `prefix`. */
export function invalid(error: z.ZodError, prefix: string, root: unknown): AppError {
  const fields = error.issues.map((i) => issueToFieldError(i as never, prefix, root));
  return new AppError('VALIDATION_FAILED', {
    zh: fields.map((f) => `${f.field}：${f.message}`).join('；'),
    en: fields.map((f) => `${f.field}: ${f.messageEn}`).join('; '),
    fields,
  });
}

/** Validates an evaluation input; errors name the field (`profile.indicators.fundWan`). */
export function parseProfile(input: unknown, prefix = 'profile'): SpaceProfile {
  const parsed = SpaceProfile.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error, prefix, input);
  return parsed.data;
}

export function parseDefinition(input: unknown, prefix = 'definition'): RuleSetDefinition {
  const parsed = RuleSetDefinition.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error, prefix, input);
  return parsed.data;
}

/** The JSON Schema of the evaluation input, for the CLI, the API and integrators. */
export function profileJsonSchema() {
  return z.toJSONSchema(SpaceProfile, { io: 'input' });
}

/** Loads the shipped rule sets as published version 1 of their key, once. */
export async function ensureSeededRuleSets(db: DbOrTx): Promise<void> {
  const present = new Set(await repo.shippedKeys(db));
  for (const def of loadSeededRuleSets()) {
    if (present.has(def.id)) continue;
    await repo.insert(db, { key: def.id, version: 1, status: 'published', title: def.title, definition: def, publishedAt: new Date() });
  }
}

async function loadInScope(db: DbOrTx, actor: Actor, id: string, action: CriteriaAction) {
  const row = await repo.findById(db, id);
  if (!row || !can(actor, 'rule_set.read', row)) throw notFound(NOT_FOUND);
  if ((action === 'rule_set.edit' || action === 'rule_set.publish') && row.status === 'published')
    throw new AppError('NOT_EDITABLE', { zh: '已发布的规则集不可修改，请复制为新草稿后修改', en: 'A published rule set never changes; clone it into a new draft' });
  if (!can(actor, action, row)) throw new AppError('FORBIDDEN');
  return row;
}

export async function getRuleSet(db: DbOrTx, actor: Actor, id: string) {
  return loadInScope(db, actor, id, 'rule_set.read');
}

export function listRuleSets(db: DbOrTx, actor: Actor, filter: { key?: string }, page: number, pageSize: number) {
  const seesDrafts = actor.roles.some((r) => r === 'authority_admin' || r === 'authority_reviewer');
  return repo.list(db, { draftsWithinPath: seesDrafts ? actor.jurisdictionPath : null, key: filter.key }, page, pageSize);
}

/** Evaluates a rule set the actor may see against a profile (the live preview, the self-assessment). */
export async function evaluateRuleSet(db: DbOrTx, actor: Actor, id: string, profileInput: unknown): Promise<Evaluation> {
  const row = await loadInScope(db, actor, id, 'rule_set.evaluate');
  return evaluate(parseDefinition(row.definition), parseProfile(profileInput));
}

/** Every published rule set with its conditions, oldest key first (the CLI's `criteria list`). */
export async function listPublishedRuleSets(db: DbOrTx) {
  const rows = await repo.allPublished(db);
  return rows.map((r) => ({ id: r.key, version: r.version, title: r.title, ownerRegionCode: r.ownerRegionCode, publishedAt: r.publishedAt, definition: r.definition }));
}

/** Evaluates a published rule set by key (CLI and other modules); `version` defaults to the newest. */
export async function evaluatePublished(db: DbOrTx, key: string, profileInput: unknown, version?: number): Promise<Evaluation> {
  const row = await repo.findPublished(db, key, version);
  const which = version === undefined ? key : `${key} v${version}`;
  if (!row) throw notFound({ zh: `规则集 ${which} 不存在或未发布`, en: `No published rule set ${which}` });
  return evaluate(parseDefinition(row.definition), parseProfile(profileInput));
}

/**
 * Copies a rule set into the actor's jurisdiction as a draft. Without a new key the draft continues
 * the source's lineage when the actor owns it, else starts `<source>-<region code>`.
 */
export async function cloneRuleSet(db: Db, actor: Actor, ctx: AuditContext, id: string, input: { key?: string; title?: string }) {
  const source = await loadInScope(db, actor, id, 'rule_set.clone');
  const ownsSource = source.ownerPath === actor.jurisdictionPath;
  const key = input.key ?? (ownsSource ? source.key : `${source.key}-${actor.org.regionCode}`);
  if (!/^[a-z0-9][a-z0-9-]{2,63}$/.test(key))
    throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'body.key', message: '标识只能包含小写字母、数字和连字符（3–64 位）', messageEn: 'lower-case letters, digits and hyphens (3–64)' }] });
  const owners = await repo.keyOwners(db, key);
  if (owners.some((o) => o !== actor.org.regionCode))
    throw new AppError('DUPLICATE', { zh: '该规则集标识已被其他单位使用', en: 'This rule set key belongs to another jurisdiction', fields: [{ field: 'body.key', message: '该标识已被其他单位使用', messageEn: 'key taken' }] });
  return db.transaction(async (tx) => {
    const definition = { ...parseDefinition(source.definition), id: key, title: input.title ?? source.title };
    const row = await repo.insert(tx, {
      key,
      version: null,
      status: 'draft',
      title: definition.title,
      definition,
      ownerRegionCode: actor.org.regionCode,
      basedOnId: source.id,
      createdBy: actor.userId,
    });
    await audit.recordInTx(tx, ctx, { action: 'rule_set.clone', objectType: 'rule_set', objectId: row.id, detail: { from: source.id, key } });
    return (await repo.findById(tx, row.id))!;
  });
}

/** Replaces a draft's conditions; a stale `revision` answers 409 and changes nothing. */
export async function updateDraft(db: Db, actor: Actor, ctx: AuditContext, id: string, input: { revision: number; definition: unknown }) {
  const row = await loadInScope(db, actor, id, 'rule_set.edit');
  // The lineage key is the rule set's id; what the client sends for it does not matter.
  const definition = parseDefinition({ ...(input.definition as object), id: row.key }, 'body.definition');
  return db.transaction(async (tx) => {
    const ok = await repo.updateDraft(tx, id, input.revision, { definition, title: definition.title });
    if (!ok) throw new AppError('STALE_REVISION');
    await audit.recordInTx(tx, ctx, { action: 'rule_set.update', objectType: 'rule_set', objectId: id, detail: { revision: input.revision + 1 } });
    return (await repo.findById(tx, id))!;
  });
}

/** Publishes a draft as the next version of its key; from then on it never changes. */
export async function publishDraft(db: Db, actor: Actor, ctx: AuditContext, id: string, input: { revision: number }) {
  await loadInScope(db, actor, id, 'rule_set.publish');
  return db.transaction(async (tx) => {
    const row = (await repo.findById(tx, id))!;
    await lockVersionLine(tx, `rule_set:${row.key}`);
    const version = await repo.nextVersion(tx, row.key);
    const ok = await repo.updateDraft(tx, id, input.revision, { status: 'published', version, publishedAt: new Date() });
    if (!ok) throw new AppError('STALE_REVISION');
    await audit.recordInTx(tx, ctx, { action: 'rule_set.publish', objectType: 'rule_set', objectId: id, detail: { key: row.key, version } });
    return (await repo.findById(tx, id))!;
  });
}
