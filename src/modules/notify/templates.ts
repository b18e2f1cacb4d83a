import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { notificationTemplates } from './schema.ts';

/**
 * The notices the review chain sends, and the one a new policy sends its subscribers, with their
 * default Chinese wording. An authority may reword any of them (notification_templates): the review
 * chain's for its calls, `policy.matched` for the policies it publishes. Each key has its own
 * placeholders (`placeholdersOf`).
 */
export const TEMPLATE_DEFAULTS = {
  'stage.passed': { title: '备案申请已通过“{{stage}}”', body: '“{{space}}”对“{{call}}”的申请已通过{{stage}}，进入下一环节。{{note}}' },
  'stage.arrived': { title: '有新的备案申请待办理：{{stage}}', body: '“{{space}}”对“{{call}}”的申请已进入{{stage}}，请于{{due}}前办理。' },
  'stage.returned': { title: '备案申请被退回修改', body: '“{{space}}”对“{{call}}”的申请在{{stage}}被退回，请按意见修改并于{{due}}前重新提交。意见：{{note}}' },
  'stage.resubmitted': { title: '退回的备案申请已重新提交', body: '“{{space}}”对“{{call}}”的申请已按意见修改并重新提交，请继续办理{{stage}}。' },
  'stage.rejected': { title: '备案申请未通过', body: '“{{space}}”对“{{call}}”的申请在{{stage}}未通过。理由：{{note}}' },
  'stage.due': { title: '备案申请办理即将到期：{{stage}}', body: '“{{space}}”对“{{call}}”的申请须于{{due}}前完成{{stage}}。' },
  'notice.published': { title: '备案申请已进入公示', body: '“{{space}}”已列入“{{stage}}”公示，公示期至{{due}}。' },
  'notice.blocked': { title: '公示异议成立，申请终止推荐', body: '“{{space}}”在公示期间收到的异议经核查成立，申请不予推荐。理由：{{note}}' },
  'objection.received': { title: '公示收到异议', body: '“{{space}}”在公示期间收到一条异议，请核查处理。' },
  'recommendation.sent': { title: '备案申请已获推荐', body: '“{{space}}”对“{{call}}”的申请已由推荐单位推荐，进入{{stage}}。' },
  'expert.assigned': { title: '您有新的评审任务', body: '请对“{{space}}”（{{call}}）进行评审：打开材料前须签署无利益冲突声明。' },
  'decision.released': { title: '{{call}}结果已发布', body: '“{{space}}”的审定结果已随《{{list}}》发布：{{note}}' },
  'decision.reversed': { title: '审定结果已更正', body: '“{{space}}”的审定结果已更正为：{{note}}（以《{{list}}》最新公布为准）。' },
  'return.reopened': { title: '统计报表已重新开放修改', body: '“{{space}}”在“{{call}}”中已审定的统计报表已由审定单位重新开放，请按意见修改后重新提交。理由：{{note}}' },
  'revocation.started': { title: '众创空间备案撤销程序已启动', body: '“{{space}}”因{{note}}，已由省级科技主管部门启动撤销备案程序（核查 → 公示 → 审定）。如有异议，可在公示期内提出。' },
  'revocation.released': { title: '众创空间备案已撤销', body: '“{{space}}”的备案已经省级科技主管部门审定撤销，并列入公开发布的撤销名单。事由：{{note}}' },
  'fraud.found': { title: '备案申请因弄虚作假被撤销', body: '“{{space}}”的申请或备案因弄虚作假被撤销，并记入不良科技信用记录，两年内不得申报。理由：{{note}}' },
  'policy.matched': { title: '新政策：{{policy}}', body: '《{{policy}}》已发布，符合您的政策订阅条件。\n发文机关：{{issuer}}\n发文字号：{{docNo}}\n全文：{{link}}' },
} as const satisfies Record<string, { title: string; body: string }>;

export type TemplateKey = keyof typeof TEMPLATE_DEFAULTS;
export const TEMPLATE_KEYS = Object.keys(TEMPLATE_DEFAULTS) as TemplateKey[];

/** What the review chain's notices may name. */
const CHAIN_PLACEHOLDERS = ['space', 'call', 'stage', 'note', 'due', 'list'] as const;
/** What a new policy's notice may name: its title, 发文机关, 发文字号 and the public page's address. */
const POLICY_PLACEHOLDERS = ['policy', 'issuer', 'docNo', 'link'] as const;
export type TemplateVars = Partial<Record<(typeof CHAIN_PLACEHOLDERS)[number] | (typeof POLICY_PLACEHOLDERS)[number], string>>;

/** The placeholders a wording of `key` may use; anything else in {{…}} is refused when an authority saves one. */
export const placeholdersOf = (key: TemplateKey): readonly (keyof TemplateVars)[] => (key === 'policy.matched' ? POLICY_PLACEHOLDERS : CHAIN_PLACEHOLDERS);

const fill = (text: string, vars: TemplateVars) => text.replace(/\{\{(\w+)\}\}/g, (_, k: string) => vars[k as keyof TemplateVars] ?? '').trim();

/** The authority's wording of `key` (or the default), filled with `vars`. */
export async function renderTemplate(db: DbOrTx, authorityOrgId: string, key: TemplateKey, vars: TemplateVars): Promise<{ title: string; body: string }> {
  const [own] = await db
    .select()
    .from(notificationTemplates)
    .where(and(eq(notificationTemplates.authorityOrgId, authorityOrgId), eq(notificationTemplates.key, key)));
  const t = own ?? TEMPLATE_DEFAULTS[key];
  return { title: fill(t.title, vars), body: fill(t.body, vars) };
}

/** The {{names}} in `text` that are not placeholders of `key`, each once (`{{ space }}` too: it would not be filled). */
export function unknownPlaceholders(key: TemplateKey, text: string): string[] {
  const known: readonly string[] = placeholdersOf(key);
  const names = [...text.matchAll(/\{\{([^{}]*)\}\}/g)].map((m) => m[1]!);
  return [...new Set(names.filter((n) => !known.includes(n)))];
}

export type TemplateRow = typeof notificationTemplates.$inferSelect;

/** The authority's own wordings (keys without a row use the default). */
export function ownTemplates(db: DbOrTx, authorityOrgId: string): Promise<TemplateRow[]> {
  return db.select().from(notificationTemplates).where(eq(notificationTemplates.authorityOrgId, authorityOrgId));
}

/** Stores the authority's wording of `key`, replacing an earlier one; returns the earlier one. */
export async function upsertTemplate(db: DbOrTx, row: { authorityOrgId: string; key: TemplateKey; title: string; body: string; updatedBy: string }): Promise<TemplateRow | undefined> {
  const [before] = await db
    .select()
    .from(notificationTemplates)
    .where(and(eq(notificationTemplates.authorityOrgId, row.authorityOrgId), eq(notificationTemplates.key, row.key)))
    .for('update');
  const at = new Date();
  await db
    .insert(notificationTemplates)
    .values({ ...row, updatedAt: at })
    .onConflictDoUpdate({ target: [notificationTemplates.authorityOrgId, notificationTemplates.key], set: { title: row.title, body: row.body, updatedBy: row.updatedBy, updatedAt: at } });
  return before;
}

/** Drops the authority's wording of `key` (back to the default); returns the dropped row. */
export async function deleteTemplate(db: DbOrTx, authorityOrgId: string, key: TemplateKey): Promise<TemplateRow | undefined> {
  const [r] = await db
    .delete(notificationTemplates)
    .where(and(eq(notificationTemplates.authorityOrgId, authorityOrgId), eq(notificationTemplates.key, key)))
    .returning();
  return r;
}
