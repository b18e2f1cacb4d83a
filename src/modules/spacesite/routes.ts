import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, auditContext } from '../../shared/http/context.ts';
import { signedIn } from '../../shared/http/policy.ts';
import { revisionInput } from '../../shared/http/revision.ts';
import { bi } from '../../shared/i18n-errors.ts';
import { can } from './policy.ts';
import * as service from './service.ts';

const text = (zh: string, min: number, max: number) =>
  z
    .string(bi(`请填写${zh}`, 'required'))
    .trim()
    .min(min, bi(`请填写${zh}`, 'enter it'))
    .max(max, bi(`${zh}不超过 ${max} 字`, `at most ${max} characters`));
const optionalText = (zh: string, max: number) => z.string(bi(`${zh}应为文字`, 'must be text')).trim().max(max, bi(`${zh}不超过 ${max} 字`, `at most ${max} characters`));
const nullableText = (zh: string, max: number) => optionalText(zh, max).nullable();

/** A landline (区号-号码) or a 400/800 hotline: the space's, never a person's mobile. */
const PUBLIC_PHONE = /^(0\d{2,3}-?\d{7,8}(-\d{1,5})?|[48]00-?\d{3}-?\d{4})$/;

const Case = z.strictObject({
  title: text('案例标题', 2, 100),
  content: text('案例内容', 10, 3000),
  titleEn: optionalText('英文标题', 200).optional(),
  contentEn: optionalText('英文内容', 6000).optional(),
});

const International = z.strictObject({
  partners: z
    .array(z.strictObject({ name: text('境外合作机构名称', 2, 200), country: text('国家或地区', 2, 50), since: optionalText('合作起始年份', 20).optional() }))
    .max(30, bi('境外合作机构不超过 30 个', 'at most 30 partners')),
  overseasTeams: z
    .array(z.strictObject({ name: text('海外团队名称', 2, 200), country: text('来源国家或地区', 2, 50) }))
    .max(100, bi('海外团队不超过 100 个', 'at most 100 teams')),
  languages: z.array(text('服务语种', 1, 30)).max(20, bi('服务语种不超过 20 种', 'at most 20 languages')),
  note: optionalText('国际合作说明', 2000).optional(),
  noteEn: optionalText('英文说明', 4000).optional(),
});

const SiteBody = z.strictObject({
  revision: revisionInput(0),
  intro: nullableText('空间简介', 3000),
  nameEn: nullableText('英文名称', 200),
  introEn: nullableText('英文简介', 6000),
  address: nullableText('地址', 200),
  contactPhone: z
    .string()
    .trim()
    .regex(PUBLIC_PHONE, bi('联系电话应为座机或服务热线（如 0374-1234567、400-123-4567），不要填写个人手机号', 'a landline or a 400/800 hotline, not a personal mobile'))
    .nullable(),
  contactEmail: z.email(bi('电子邮箱格式不正确', 'not an e-mail address')).max(200, bi('电子邮箱不超过 200 字', 'at most 200 characters')).nullable(),
  website: z
    .url({ protocol: /^https?$/, error: bi('网址应以 http:// 或 https:// 开头', 'must be an http(s) address') })
    .max(300, bi('网址不超过 300 字', 'at most 300 characters'))
    .nullable(),
  successCases: z.array(Case).max(10, bi('成功案例不超过 10 个', 'at most 10 cases')).nullable(),
  international: International,
});

const SiteCase = z.object({ title: z.string(), content: z.string(), titleEn: z.string().optional(), contentEn: z.string().optional() });
const Site = z.object({
  spaceId: z.uuid(),
  spaceName: z.string(),
  intro: z.string().nullable(),
  nameEn: z.string().nullable(),
  introEn: z.string().nullable(),
  address: z.string().nullable(),
  contactPhone: z.string().nullable(),
  contactEmail: z.string().nullable(),
  website: z.string().nullable(),
  successCases: z.array(SiteCase).nullable().describe('Null: the public page shows the filing report’s cases.'),
  international: z.object({
    partners: z.array(z.object({ name: z.string(), country: z.string(), since: z.string().optional() })),
    overseasTeams: z.array(z.object({ name: z.string(), country: z.string() })),
    languages: z.array(z.string()),
    note: z.string().optional(),
    noteEn: z.string().optional(),
  }),
  filedSuccessCases: z.array(SiteCase),
  revision: z.number().int(),
  updatedAt: z.date().nullable(),
});

const Params = z.strictObject({ spaceId: z.uuid(bi('应为众创空间编号', 'must be a space id')) });

/** The operator's editor of its space's public-site fields. */
export const spacesiteRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.ctx;
  app.get(
    '/spacesite/:spaceId',
    {
      config: { policy: signedIn('spacesite.read', (a) => can(a, 'spacesite.read')) },
      schema: { tags: ['spacesite'], summary: '空间门户信息（编辑用）', params: Params, response: { 200: Site } },
    },
    async (req) => service.siteForEditor(db, actorOf(req), req.params.spaceId),
  );
  app.put(
    '/spacesite/:spaceId',
    {
      config: { policy: signedIn('spacesite.edit', (a) => can(a, 'spacesite.edit')) },
      schema: { tags: ['spacesite'], summary: '保存空间门户信息（简介、联系方式、成功案例、国际合作、英文信息）', params: Params, body: SiteBody, response: { 200: Site } },
    },
    async (req) => service.saveSite(db, actorOf(req), auditContext(req), req.params.spaceId, req.body),
  );
};
