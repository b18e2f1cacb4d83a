import type { Db } from '../../db/client.ts';
import { AppError, type FieldError } from '../../shared/errors.ts';
import * as audit from '../audit/index.ts';
import type { AuditContext } from '../audit/index.ts';
import type { Actor } from '../../shared/actor.ts';
import { deleteTemplate, ownTemplates, TEMPLATE_DEFAULTS, TEMPLATE_KEYS, placeholdersOf, unknownPlaceholders, upsertTemplate, type TemplateKey } from '../notify/index.ts';
import { editsTemplates } from './policy.ts';

const refuse = (actor: Actor) => {
  if (!editsTemplates(actor)) throw new AppError('FORBIDDEN');
};

/** Every notice with its placeholders, its default wording and the authority's own, if any. */
export async function listNotificationTemplates(db: Db, actor: Actor) {
  refuse(actor);
  const own = new Map((await ownTemplates(db, actor.org.id)).map((r) => [r.key, r]));
  return {
    items: TEMPLATE_KEYS.map((key) => {
      const o = own.get(key);
      return { key, placeholders: [...placeholdersOf(key)], default: TEMPLATE_DEFAULTS[key], own: o ? { title: o.title, body: o.body, updatedAt: o.updatedAt } : null };
    }),
  };
}

/** The authority's wording of one notice; only that notice's placeholders may appear. */
export async function saveNotificationTemplate(db: Db, actor: Actor, ctx: AuditContext, key: TemplateKey, input: { title: string; body: string }) {
  refuse(actor);
  const errors: FieldError[] = (['title', 'body'] as const).flatMap((part) => {
    const bad = unknownPlaceholders(key, input[part]);
    return bad.length
      ? [{ field: `body.${part}`, message: `不支持的占位符：${bad.map((b) => `{{${b}}}`).join('、')}（可用：${placeholdersOf(key).map((p) => `{{${p}}}`).join('、')}）`, messageEn: `unknown placeholder(s) ${bad.map((b) => `{{${b}}}`).join(', ')}` }]
      : [];
  });
  if (errors.length) throw new AppError('VALIDATION_FAILED', { zh: errors.map((e) => `${e.field}：${e.message}`).join('；'), en: errors.map((e) => `${e.field}: ${e.messageEn}`).join('; '), fields: errors });
  await db.transaction(async (tx) => {
    const before = await upsertTemplate(tx, { authorityOrgId: actor.org.id, key, title: input.title, body: input.body, updatedBy: actor.userId });
    await audit.recordInTx(tx, ctx, {
      action: 'notification_template.save',
      objectType: 'notification_template',
      objectId: key,
      detail: { title: input.title, body: input.body, previous: before ? { title: before.title, body: before.body } : null },
    });
  });
  return listNotificationTemplates(db, actor);
}

/** Back to the default wording. */
export async function resetNotificationTemplate(db: Db, actor: Actor, ctx: AuditContext, key: TemplateKey) {
  refuse(actor);
  await db.transaction(async (tx) => {
    const dropped = await deleteTemplate(tx, actor.org.id, key);
    if (dropped)
      await audit.recordInTx(tx, ctx, { action: 'notification_template.reset', objectType: 'notification_template', objectId: key, detail: { previous: { title: dropped.title, body: dropped.body } } });
  });
  return listNotificationTemplates(db, actor);
}
