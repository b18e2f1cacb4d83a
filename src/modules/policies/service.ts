import type { Db, DbOrTx, Tx } from '../../db/client.ts';
import type { Config } from '../../config.ts';
import type { Actor } from '../../shared/actor.ts';
import { AppError, fieldError, notFound } from '../../shared/errors.ts';
import * as audit from '../audit/index.ts';
import type { AuditContext } from '../audit/index.ts';
import { authoriseFiles, linkedFileMeta, openLinkedFile } from '../files/index.ts';
import { notify, queueMail, renderTemplate } from '../notify/index.ts';
import { findRegion } from '../regions/index.ts';
import { can } from './policy.ts';
import * as repo from './repository.ts';
import { canMoveValidity, plainText, sanitiseBody } from './rules.ts';
import type { AuthorityLevel } from '../../shared/domain.ts';
import { csvWithBom } from '../documents/index.ts';
import type { PolicyKind, PolicyTarget, PolicyTheme, PolicyValidity, SubscriptionChannel, SupportCategory } from './schema.ts';
import { beijingDay } from '../../shared/beijing-time.ts';

const NOT_FOUND = { zh: '政策文件不存在或尚未发布', en: 'No such published policy' };
const SUBSCRIPTION_NOT_FOUND = { zh: '订阅不存在', en: 'No such subscription' };

export interface SupportItemInput {
  category: SupportCategory;
  title: string;
  capWan?: number | null | undefined;
  period?: string | null | undefined;
  clause?: string | null | undefined;
}

export interface PolicyInput {
  kind: PolicyKind;
  interpretsId?: string | null | undefined;
  title: string;
  indexNo?: string | null | undefined;
  themes: PolicyTheme[];
  issuer: string;
  writtenOn?: string | null | undefined;
  docNo?: string | null | undefined;
  issuedOn?: string | null | undefined;
  keywords: string[];
  validFrom?: string | null | undefined;
  /** Defaults to the actor's own region; any region of its jurisdiction. */
  regionCode?: string | undefined;
  targets: PolicyTarget[];
  body: string;
  attachmentFileIds: string[];
  supportItems: SupportItemInput[];
  /** On publication this policy revises or repeals that one. */
  replaces?: { policyId: string; as: 'revised' | 'repealed' } | null | undefined;
}

const subjectOf = (r: repo.PolicyListed) => ({ status: r.policy.status, regionPath: r.regionPath });
const blank = (v: string | null | undefined) => (v?.trim() ? v.trim() : null);

/** The record as one reader sees it, with its linked policies, support items and attachments. */
async function present(db: DbOrTx, actor: Actor | null, r: repo.PolicyListed) {
  const p = r.policy;
  const visible = (x: { status: string }) => x.status === 'published' || (!!actor && can(actor, 'policy.manage'));
  const [links, items, files] = await Promise.all([
    repo.findLinked(db, p.id, [p.interpretsId, p.replacedById, p.replacesId].filter((x): x is string => !!x)),
    repo.supportItemsOf(db, p.id),
    linkedFileMeta(db, p.attachmentFileIds),
  ]);
  const ref = (id: string | null) => {
    const l = id ? links.find((x) => x.id === id) : undefined;
    return l && visible(l) ? { id: l.id, title: l.title, docNo: l.docNo, validity: l.validity } : null;
  };
  const byId = new Map(files.map((f) => [f.id, f]));
  return {
    ...summary(r),
    indexNo: p.indexNo,
    keywords: p.keywords,
    targets: p.targets,
    body: p.body,
    validFrom: p.validFrom,
    validUntil: p.validUntil,
    interprets: ref(p.interpretsId),
    replacedBy: ref(p.replacedById),
    replaces: p.replacesId ? { ...ref(p.replacesId), as: p.replaceAs } : null,
    interpretations: links.filter((l) => l.interpretsId === p.id && visible(l)).map((l) => ({ id: l.id, title: l.title, issuedOn: l.issuedOn })),
    supportItems: items.map((it) => ({ id: it.id, category: it.category, title: it.title, capWan: it.capWan === null ? null : Number(it.capWan), period: it.period, clause: it.clause })),
    attachments: p.attachmentFileIds.flatMap((id) => {
      const f = byId.get(id);
      return f ? [{ id: f.id, name: f.originalName, kind: f.kind, sizeBytes: f.sizeBytes }] : [];
    }),
    revision: p.revision,
    canEdit: !!actor && can(actor, 'policy.edit', subjectOf(r)),
    canChangeValidity: !!actor && p.validity === 'effective' && can(actor, 'policy.validity', subjectOf(r)),
  };
}

function summary(r: repo.PolicyListed) {
  const p = r.policy;
  return {
    id: p.id,
    kind: p.kind,
    title: p.title,
    themes: p.themes,
    issuer: p.issuer,
    docNo: p.docNo,
    writtenOn: p.writtenOn,
    issuedOn: p.issuedOn,
    validity: p.validity,
    level: p.level,
    regionCode: p.regionCode,
    regionName: r.regionName,
    authorityName: r.authorityName,
    status: p.status,
    publishedAt: p.publishedAt,
  };
}

export interface PolicyQuery extends repo.PolicyFilter {
  sort?: repo.PolicySort | undefined;
  order?: 'asc' | 'desc' | undefined;
  page: number;
  pageSize: number;
}

/** The public library: published policies and interpretations, searched and filtered. */
export async function searchPublished(db: Db, q: PolicyQuery) {
  const { rows, total } = await repo.listPolicies(db, { published: true }, { ...q, status: undefined }, q, q.pageSize, (q.page - 1) * q.pageSize);
  return { items: rows.map(summary), total, page: q.page, pageSize: q.pageSize };
}

/** The most rows one open-data export holds (like the directory's and the support register's). */
export const EXPORT_MAX = 10_000;

/** Published policies as open data under the library's filters (004 §四.十四 统一的政策信息发布平台). */
export function publishedExport(db: Db, q: Omit<PolicyQuery, 'page' | 'pageSize'>) {
  return repo.exportPolicies(db, { ...q, status: undefined }, q, EXPORT_MAX);
}

const KIND_NAMES: Record<PolicyKind, string> = { policy: '政策文件', interpretation: '政策解读' };
const VALIDITY_NAMES: Record<PolicyValidity, string> = { effective: '有效', expired: '失效', repealed: '废止', revised: '已修订' };
const LEVEL_NAMES: Record<AuthorityLevel, string> = { national: '国家级', province: '省级', city: '市级', county: '县级' };
const THEME_NAMES: Record<PolicyTheme, string> = {
  innovation: '科技创新',
  maker_space: '众创空间',
  incubation: '孵化育成',
  finance: '科技金融',
  tax: '税收优惠',
  talent: '人才',
  ip: '知识产权',
  industry: '产业发展',
  management: '管理办法',
};
const TARGET_NAMES: Record<PolicyTarget, string> = {
  maker_space: '众创空间',
  professional_space: '专业化众创空间',
  incubator: '科技企业孵化器',
  incubatee: '在孵企业',
  maker_team: '创客团队',
  host: '依托单位',
  authority: '科技主管部门',
};
const CATEGORY_NAMES: Record<SupportCategory, string> = { rent: '房租补贴', construction: '建设补助', operating: '运营补助', event: '活动补贴', award: '奖励', tax: '税收优惠', finance: '金融支持', talent: '人才支持', other: '其他' };

/** The export as CSV (UTF-8 with BOM, so Excel and WPS read the Chinese), each policy's page linked. */
export function policiesCsv(items: readonly repo.PolicyExportRow[], baseUrl: string): Buffer {
  const item = (i: repo.PolicyExportRow['supportItems'][number]) => `${CATEGORY_NAMES[i.category]}：${i.title}${i.capWan === null ? '' : `（上限 ${i.capWan} 万元${i.period ? `，${i.period}` : ''}）`}`;
  return csvWithBom([
    ['标题', '类型', '索引号', '主题分类', '发文机关', '发文字号', '成文日期', '发布日期', '主题词', '时效', '施行日期', '失效日期', '层级', '地区', '适用对象', '扶持事项', '链接'],
    ...items.map((p) => [
      p.title,
      KIND_NAMES[p.kind],
      p.indexNo ?? '',
      p.themes.map((x) => THEME_NAMES[x]).join('；'),
      p.issuer,
      p.docNo ?? '',
      p.writtenOn ?? '',
      p.issuedOn ?? '',
      p.keywords.join('；'),
      VALIDITY_NAMES[p.validity],
      p.validFrom ?? '',
      p.validUntil ?? '',
      LEVEL_NAMES[p.level],
      p.regionName,
      p.targets.map((x) => TARGET_NAMES[x]).join('；'),
      p.supportItems.map(item).join('；'),
      `${baseUrl}/portal/policies/${p.id}`,
    ]),
  ]);
}

/** A published policy for anyone (a draft is not found, like an unknown id). */
export async function publishedPolicy(db: Db, id: string) {
  const r = await repo.findPolicy(db, id);
  if (!r || r.policy.status !== 'published') throw notFound(NOT_FOUND);
  return present(db, null, r);
}

/** An attachment of a published policy, for anyone. */
export async function openPublicAttachment(db: Db, config: Config, ctx: AuditContext, id: string, fileId: string) {
  const r = await repo.findPolicy(db, id);
  if (!r || r.policy.status !== 'published') throw notFound(NOT_FOUND);
  if (!r.policy.attachmentFileIds.includes(fileId)) throw notFound({ zh: '该政策文件没有此附件', en: 'No such attachment of this policy' });
  return openLinkedFile(db, config, ctx, fileId, { objectType: 'policy', objectId: id });
}

/** The library of the actor's jurisdiction, drafts included (its authority's staff). */
export async function listManaged(db: Db, actor: Actor, q: PolicyQuery) {
  if (!can(actor, 'policy.manage')) throw new AppError('FORBIDDEN');
  const { rows, total } = await repo.listPolicies(db, { withinPath: actor.jurisdictionPath! }, q, q, q.pageSize, (q.page - 1) * q.pageSize);
  return { items: rows.map((r) => ({ ...summary(r), canEdit: can(actor, 'policy.edit', subjectOf(r)) })), total, page: q.page, pageSize: q.pageSize };
}

async function load(db: DbOrTx, actor: Actor, id: string) {
  const r = await repo.findPolicy(db, id);
  if (!r || !can(actor, 'policy.read', subjectOf(r)) || (r.policy.status === 'draft' && !can(actor, 'policy.manage'))) throw notFound(NOT_FOUND);
  return r;
}

export async function getPolicy(db: Db, actor: Actor, id: string) {
  return present(db, actor, await load(db, actor, id));
}

/** Checks the links and the region of an input, and turns it into columns. */
async function columnsOf(db: DbOrTx, actor: Actor, input: PolicyInput, selfId?: string) {
  const regionCode = input.regionCode ?? actor.org.regionCode;
  const region = await findRegion(db, regionCode);
  if (!region || !can(actor, 'policy.edit', { status: 'draft', regionPath: region.path }))
    throw fieldError('body.regionCode', '地区不在本单位管辖范围内', 'the region is outside your jurisdiction');
  if (input.kind === 'interpretation') {
    if (!input.interpretsId) throw fieldError('body.interpretsId', '政策解读须关联所解读的政策文件', 'an interpretation names the policy it explains');
    const target = await repo.findPolicy(db, input.interpretsId);
    if (!target || target.policy.kind !== 'policy' || !can(actor, 'policy.read', subjectOf(target)) || target.policy.id === selfId)
      throw fieldError('body.interpretsId', '所解读的政策文件不存在', 'no such policy to interpret');
  } else if (input.interpretsId) throw fieldError('body.interpretsId', '只有政策解读可以关联所解读的政策', 'only an interpretation names a policy it explains');
  if (input.replaces) {
    const old = await repo.findPolicy(db, input.replaces.policyId);
    if (!old || old.policy.kind !== 'policy' || old.policy.id === selfId || !can(actor, 'policy.validity', subjectOf(old)))
      throw fieldError('body.replaces.policyId', '被修订或废止的政策须为本辖区已发布的政策文件', 'the replaced policy must be a published policy of your jurisdiction');
    if (old.policy.validity !== 'effective') throw fieldError('body.replaces.policyId', '被修订或废止的政策已不在有效期内', 'the replaced policy is no longer in force');
  }
  if (input.writtenOn && input.issuedOn && input.issuedOn < input.writtenOn) throw fieldError('body.issuedOn', '发布日期不能早于成文日期', 'issued before it was written');
  if (input.attachmentFileIds.length) await authoriseFiles(db, actor, 'file.attach', input.attachmentFileIds);
  const body = sanitiseBody(input.body);
  if (!plainText(body)) throw fieldError('body.body', '请填写正文', 'the body is empty');
  const keywords = [...new Set(input.keywords.map((k) => k.trim()).filter(Boolean))];
  const title = input.title.trim();
  const docNo = blank(input.docNo);
  const issuer = input.issuer.trim();
  return {
    kind: input.kind,
    interpretsId: input.kind === 'interpretation' ? input.interpretsId! : null,
    title,
    indexNo: blank(input.indexNo),
    themes: [...new Set(input.themes)],
    issuer,
    writtenOn: input.writtenOn ?? null,
    docNo,
    issuedOn: input.issuedOn ?? null,
    keywords,
    validFrom: input.validFrom ?? null,
    replacesId: input.replaces?.policyId ?? null,
    replaceAs: input.replaces?.as ?? null,
    level: region.level,
    regionCode,
    targets: [...new Set(input.targets)],
    body,
    searchText: [title, docNo ?? '', issuer, keywords.join(' '), plainText(body)].join('\n'),
    attachmentFileIds: [...new Set(input.attachmentFileIds)],
  };
}

const itemColumns = (items: SupportItemInput[]) =>
  items.map((it) => ({ category: it.category, title: it.title.trim(), capWan: it.capWan == null ? null : String(it.capWan), period: blank(it.period), clause: blank(it.clause) }));

/** A draft in the actor's jurisdiction. */
export async function createPolicy(db: Db, actor: Actor, ctx: AuditContext, input: PolicyInput) {
  if (!can(actor, 'policy.edit')) throw new AppError('FORBIDDEN');
  const columns = await columnsOf(db, actor, input);
  const id = await db.transaction(async (tx) => {
    const row = await repo.insertPolicy(tx, { ...columns, authorityOrgId: actor.org.id, createdBy: actor.userId });
    await repo.replaceSupportItems(tx, row.id, itemColumns(input.supportItems));
    await audit.recordInTx(tx, ctx, { action: 'policy.create', objectType: 'policy', objectId: row.id, detail: { kind: row.kind, regionCode: row.regionCode, docNo: row.docNo } });
    return row.id;
  });
  return getPolicy(db, actor, id);
}

/** Edits a draft under the revision the client read (409 when it moved on). */
export async function editPolicy(db: Db, actor: Actor, ctx: AuditContext, id: string, input: PolicyInput & { revision: number }) {
  const before = await load(db, actor, id);
  if (!can(actor, 'policy.edit', subjectOf(before))) throw before.policy.status === 'published' ? new AppError('NOT_EDITABLE') : new AppError('FORBIDDEN');
  const columns = await columnsOf(db, actor, input, id);
  await db.transaction(async (tx) => {
    const row = await repo.updatePolicy(tx, id, input.revision, columns);
    if (!row) throw new AppError('STALE_REVISION', { details: { currentRevision: before.policy.revision } });
    await repo.replaceSupportItems(tx, id, itemColumns(input.supportItems));
    const changed = (Object.keys(columns) as (keyof typeof columns)[]).filter((k) => JSON.stringify(before.policy[k]) !== JSON.stringify(row[k]));
    await audit.recordInTx(tx, ctx, { action: 'policy.edit', objectType: 'policy', objectId: id, detail: { changed } });
  });
  return getPolicy(db, actor, id);
}

/**
 * Publishes a draft: it becomes public and in force; the policy it revises or repeals is marked so
 * (with the day and a link to this one); the subscriptions it matches are notified, each once.
 */
export async function publishPolicy(db: Db, config: Config, actor: Actor, ctx: AuditContext, id: string, revision: number) {
  const before = await load(db, actor, id);
  if (!can(actor, 'policy.publish', subjectOf(before))) throw before.policy.status === 'published' ? new AppError('STATE_CONFLICT') : new AppError('FORBIDDEN');
  await db.transaction(async (tx) => {
    const validFrom = before.policy.validFrom ?? before.policy.issuedOn ?? before.policy.writtenOn;
    if (before.policy.interpretsId) {
      const target = await repo.lockPolicy(tx, before.policy.interpretsId);
      if (target?.status !== 'published') throw new AppError('STATE_CONFLICT', { zh: '所解读的政策文件尚未发布', en: 'The interpreted policy is not published yet' });
    }
    const row = await repo.updatePolicy(tx, id, revision, { status: 'published', publishedAt: new Date(), validity: 'effective', validFrom });
    if (!row) throw new AppError('STALE_REVISION', { details: { currentRevision: before.policy.revision } });
    if (row.replacesId && row.replaceAs) await replaceInTx(tx, actor, ctx, row.replacesId, row.id, row.replaceAs, validFrom ?? beijingDay());
    await audit.recordInTx(tx, ctx, { action: 'policy.publish', objectType: 'policy', objectId: id, detail: { kind: row.kind, replaces: row.replacesId, as: row.replaceAs } });
    await notifySubscribersInTx(tx, config, row);
  });
  return getPolicy(db, actor, id);
}

async function replaceInTx(tx: Tx, actor: Actor, ctx: AuditContext, oldId: string, newId: string, as: 'revised' | 'repealed', on: string) {
  const old = await repo.lockPolicy(tx, oldId);
  const region = old && (await findRegion(tx, old.regionCode));
  if (!old || !region || old.status !== 'published' || !can(actor, 'policy.validity', { status: old.status, regionPath: region.path }))
    throw fieldError('body.replaces.policyId', '被修订或废止的政策须为本辖区已发布的政策文件', 'the replaced policy must be a published policy of your jurisdiction');
  if (!canMoveValidity(old.validity, as)) throw new AppError('STATE_CONFLICT', { zh: '被修订或废止的政策已不在有效期内', en: 'The replaced policy is no longer in force' });
  await repo.updatePolicy(tx, oldId, old.revision, { validity: as, validUntil: on, replacedById: newId });
  await audit.recordInTx(tx, ctx, { action: 'policy.validity', objectType: 'policy', objectId: oldId, detail: { from: old.validity, to: as, on, replacedBy: newId } });
}

/**
 * The notices of a publication, worded by the publishing authority's `policy.matched` template: an
 * in-app notice to each subscriber it newly matches, and a mail through the outbox to the address of
 * each whose matching subscription asks for mail. Never twice: a hit is recorded once per
 * subscription and policy, and only publication matches (a re-save is refused, a validity change
 * matches nothing). Someone with several matching subscriptions hears once per publication.
 */
async function notifySubscribersInTx(tx: Tx, config: Config, row: repo.PolicyRow) {
  const hits = await repo.recordMatches(tx, row.id);
  if (!hits.length) return;
  const link = `/portal/policies/${row.id}`;
  const { title, body } = await renderTemplate(tx, row.authorityOrgId, 'policy.matched', {
    policy: row.title,
    issuer: row.issuer,
    docNo: row.docNo ?? '无',
    link: `${config.publicUrl.replace(/\/$/, '')}${link}`,
  });
  await notify(tx, hits.map((h) => h.userId), { title, body, link });
  const addresses = new Set(hits.flatMap((h) => (h.channel === 'in_app_mail' && h.email ? [h.email] : [])));
  for (const to of addresses) await queueMail(tx, { to, subject: title, body });
}

/** Marks a published policy expired or repealed from a day (no replacing policy). */
export async function changeValidity(db: Db, actor: Actor, ctx: AuditContext, id: string, input: { validity: 'expired' | 'repealed'; on: string | null; revision: number }) {
  const before = await load(db, actor, id);
  if (!can(actor, 'policy.validity', subjectOf(before))) throw before.policy.status === 'draft' ? new AppError('STATE_CONFLICT') : new AppError('FORBIDDEN');
  if (!canMoveValidity(before.policy.validity, input.validity)) throw new AppError('STATE_CONFLICT', { zh: '该政策已不在有效期内', en: 'The policy is no longer in force' });
  if (before.policy.validFrom && input.on && input.on < before.policy.validFrom) throw fieldError('body.on', '失效日期不能早于施行日期', 'before it came into force');
  await db.transaction(async (tx) => {
    const row = await repo.updatePolicy(tx, id, input.revision, { validity: input.validity, validUntil: input.on });
    if (!row) throw new AppError('STALE_REVISION', { details: { currentRevision: before.policy.revision } });
    await audit.recordInTx(tx, ctx, { action: 'policy.validity', objectType: 'policy', objectId: id, detail: { from: before.policy.validity, to: input.validity, on: input.on } });
  });
  return getPolicy(db, actor, id);
}

// ---- subscriptions ----

export async function mySubscriptions(db: Db, actor: Actor) {
  if (!can(actor, 'policy.subscribe')) throw new AppError('FORBIDDEN');
  const rows = await repo.subscriptionsOf(db, actor.userId);
  return {
    items: rows.map((r) => ({
      id: r.subscription.id,
      keywords: r.subscription.keywords,
      themes: r.subscription.themes,
      regionCode: r.subscription.regionCode,
      regionName: r.regionName,
      channel: r.subscription.channel,
      createdAt: r.subscription.createdAt,
    })),
  };
}

/** A standing search; mail goes to the account's own address, so choosing mail needs one. */
export async function subscribe(db: Db, actor: Actor, ctx: AuditContext, input: { keywords: string[]; themes: PolicyTheme[]; regionCode?: string | null | undefined; channel?: SubscriptionChannel | undefined }) {
  if (!can(actor, 'policy.subscribe')) throw new AppError('FORBIDDEN');
  const keywords = [...new Set(input.keywords.map((k) => k.trim()).filter(Boolean))];
  const channel = input.channel ?? 'in_app';
  if (!keywords.length && !input.themes.length && !input.regionCode) throw fieldError('body.keywords', '请至少填写一个关键词、主题或地区', 'give a keyword, a theme or a region');
  if (input.regionCode && !(await findRegion(db, input.regionCode))) throw fieldError('body.regionCode', '地区不存在', 'no such region');
  if (channel === 'in_app_mail' && !(await repo.emailOf(db, actor.userId)))
    throw fieldError('body.channel', '您的账号未登记电子邮箱，不能选择邮件通知（请联系系统管理员登记）', 'your account has no e-mail address, so it cannot be told by mail (ask the system administrator to record one)');
  const id = await db.transaction(async (tx) => {
    const row = await repo.insertSubscription(tx, { userId: actor.userId, keywords, themes: [...new Set(input.themes)], regionCode: input.regionCode ?? null, channel });
    await audit.recordInTx(tx, ctx, {
      action: 'policy.subscription.create',
      objectType: 'policy_subscription',
      objectId: row.id,
      detail: { keywords: keywords.length, themes: row.themes, regionCode: row.regionCode, channel },
    });
    return row.id;
  });
  return (await mySubscriptions(db, actor)).items.find((s) => s.id === id)!;
}

export async function unsubscribe(db: Db, actor: Actor, ctx: AuditContext, id: string) {
  const sub = await repo.findSubscription(db, id);
  if (!sub || sub.userId !== actor.userId) throw notFound(SUBSCRIPTION_NOT_FOUND);
  await db.transaction(async (tx) => {
    if (!(await repo.deleteSubscription(tx, id, actor.userId))) throw notFound(SUBSCRIPTION_NOT_FOUND);
    await audit.recordInTx(tx, ctx, { action: 'policy.subscription.delete', objectType: 'policy_subscription', objectId: id });
  });
}
