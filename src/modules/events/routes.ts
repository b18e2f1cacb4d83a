import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { EXPORT_RATE, XLSX, sendGenerated } from '../../shared/http/download.ts';
import { queryFlag } from '../../shared/http/params.ts';
import { actorOf, auditContext } from '../../shared/http/context.ts';
import { sendInline } from '../files/index.ts';
import { cappedPageOf, PageQuery, pageOf } from '../../shared/http/pagination.ts';
import { publicRoute, signedIn } from '../../shared/http/policy.ts';
import { revisionInput } from '../../shared/http/revision.ts';
import { sortQuery } from '../../shared/http/sorting.ts';
import { bi } from '../../shared/i18n-errors.ts';
import { exportSignups } from './excel.ts';
import { can } from './policy.ts';
import { ACTIVITY_SORTS, EVENT_SORTS, JURISDICTION_SORTS, SIGNUP_SORTS } from './repository.ts';
import { MAX_FIELD_OPTIONS, MAX_FORM_FIELDS } from './form.ts';
import { EVENT_KINDS, EVENT_ROLES, EVENT_STATUSES, FORM_FIELD_TYPES, MAX_EVENT_PHOTOS, SIGNUP_STATUSES } from './schema.ts';
import * as service from './service.ts';

const uuid = (zh: string, en: string) => z.uuid(bi(zh, en));
const instant = (zh: string) => z.iso.datetime({ offset: true, message: bi(`${zh}应为带时区的 ISO 时间，如 2026-06-30T09:00:00+08:00`, 'an ISO instant with offset, e.g. 2026-06-30T09:00:00+08:00') });
const text = (zh: string, min: number, max: number) =>
  z
    .string(bi(`请填写${zh}`, 'required'))
    .trim()
    .min(min, bi(`请填写${zh}${min > 1 ? `（至少 ${min} 个字）` : ''}`, `enter it${min > 1 ? ` (at least ${min} characters)` : ''}`))
    .max(max, bi(`${zh}不超过 ${max} 字`, `at most ${max} characters`));
const optionalText = (zh: string, max: number) => z.string(bi(`${zh}应为文字`, 'must be text')).trim().max(max, bi(`${zh}不超过 ${max} 字`, `at most ${max} characters`)).nullable().optional();
const kind = z.enum(EVENT_KINDS, bi('活动类别应为培训、路演、大赛、沙龙、经营模式创新或其他', 'not an event kind'));
const int = (zh: string, min: number, max: number) =>
  z
    .number(bi(`${zh}应为整数`, 'must be a whole number'))
    .int(bi(`${zh}应为整数`, 'must be a whole number'))
    .min(min, bi(`${zh}不能小于 ${min}`, `at least ${min}`))
    .max(max, bi(`${zh}不能大于 ${max}`, `at most ${max}`));

const EventBody = z.strictObject({
  title: text('活动名称', 2, 100),
  kind,
  role: z.enum(EVENT_ROLES, bi('本空间角色应为主办、承办或联合举办', 'role is host, organiser or joint')),
  partners: z.array(text('合作单位', 2, 100), bi('合作单位应为列表', 'must be a list')).max(10, bi('合作单位不超过 10 个', 'at most 10 partners')),
  subField: optionalText('细分领域', 100),
  description: text('活动介绍', 1, 4000),
  place: optionalText('活动地点', 200),
  onlineUrl: z.url(bi('线上链接应为网址（http:// 或 https:// 开头）', 'must be a URL')).max(500, bi('线上链接不超过 500 字', 'at most 500 characters')).nullable().optional(),
  startsAt: instant('开始时间'),
  endsAt: instant('结束时间'),
  capacity: int('名额', 1, 100_000),
  signupOpensAt: instant('报名开始时间'),
  signupClosesAt: instant('报名截止时间'),
  needsApproval: z.boolean(bi('是否需要审核应为是或否', 'must be true or false')),
  offerMinutes: int('候补确认时限（分钟）', 5, 10_080).optional().describe('Minutes a freed seat is held for the first waitlisted; 720 without it.'),
  remindMinutes: int('活动提醒提前量（分钟）', 10, 20_160).optional().describe('Minutes before the start the confirmed participants are reminded; 1440 (24 h) without it.'),
});
type EventBodyT = z.infer<typeof EventBody>;
const toInput = (b: EventBodyT): service.EventInput => ({
  ...b,
  startsAt: new Date(b.startsAt),
  endsAt: new Date(b.endsAt),
  signupOpensAt: new Date(b.signupOpensAt),
  signupClosesAt: new Date(b.signupClosesAt),
});

const AnswerValue = z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]);
const FormField = z.object({ key: z.string(), type: z.enum(FORM_FIELD_TYPES), labelZh: z.string(), required: z.boolean(), options: z.array(z.string()) });
const FormFieldBody = z.strictObject({
  key: z.string(bi('问题编号应为文字', 'must be text')).max(40, bi('问题编号无效', 'not a question key')).optional().describe('The key of a question already on the form; left out for a new one.'),
  type: z.enum(FORM_FIELD_TYPES, bi('题型应为文字、数字、单选、多选或是否', 'type is text, number, single, multi or yesno')),
  labelZh: text('问题', 1, 100),
  required: z.boolean(bi('是否必填应为是或否', 'must be true or false')),
  options: z.array(text('选项', 1, 50), bi('选项应为列表', 'must be a list')).max(MAX_FIELD_OPTIONS, bi(`选项不超过 ${MAX_FIELD_OPTIONS} 个`, `at most ${MAX_FIELD_OPTIONS} options`)).optional(),
});

const Signup = z.object({
  id: z.uuid(),
  eventId: z.uuid(),
  status: z.enum(SIGNUP_STATUSES),
  note: z.string().nullable(),
  answers: z.array(z.object({ key: z.string(), labelZh: z.string(), value: AnswerValue })).describe('The sign-up form’s answers as given, each with its question’s label then.'),
  token: z.string().nullable().describe('The check-in QR token, for its holder while confirmed.'),
  offeredUntil: z.date().nullable(),
  checkedInAt: z.date().nullable(),
  waitlistPlace: z.number().int().nullable().describe('1-based place in the waitlist.'),
  createdAt: z.date(),
});

const Event = z.object({
  id: z.uuid(),
  spaceId: z.uuid(),
  spaceName: z.string(),
  regionName: z.string(),
  title: z.string(),
  kind,
  role: z.enum(EVENT_ROLES),
  partners: z.array(z.string()),
  subField: z.string().nullable(),
  description: z.string(),
  place: z.string().nullable(),
  onlineUrl: z.string().nullable(),
  startsAt: z.date(),
  endsAt: z.date(),
  capacity: z.number().int(),
  seatsTaken: z.number().int().describe('Confirmed seats plus seats offered to the waitlisted.'),
  signupOpensAt: z.date(),
  signupClosesAt: z.date(),
  needsApproval: z.boolean(),
  offerMinutes: z.number().int(),
  remindMinutes: z.number().int(),
  signupForm: z.array(FormField),
  status: z.enum(EVENT_STATUSES),
  summary: z.string().nullable(),
  photoIds: z.array(z.uuid()).describe('Photos after the event, in order; GET …/photos/:fileId serves each.'),
  heldAt: z.date().nullable(),
  confirmed: z.number().int(),
  waitlisted: z.number().int(),
  pending: z.number().int(),
  attendance: z.number().int(),
  revision: z.number().int(),
  canManage: z.boolean(),
  signupOpen: z.boolean(),
});
const EventDetail = Event.extend({ mySignup: Signup.nullable() });

const EventFilters = {
  spaceId: uuid('应为众创空间编号', 'must be a space id').optional(),
  kind: kind.optional(),
  q: z.string().trim().max(100, bi('关键词不超过 100 字', 'at most 100 characters')).optional().describe('Title or space name contains.'),
  ...sortQuery(EVENT_SORTS, 'by start'),
};

const year = z.coerce.number(bi('年份应为整数', 'year must be a number')).int(bi('年份应为整数', 'year must be a number')).min(2000, bi('年份应在 2000–2100 之间', 'year 2000–2100')).max(2100, bi('年份应在 2000–2100 之间', 'year 2000–2100'));

const Activity = z.object({
  id: z.uuid(),
  title: z.string(),
  kind,
  role: z.enum(EVENT_ROLES),
  partners: z.array(z.string()),
  subField: z.string().nullable(),
  startsAt: z.date(),
  endsAt: z.date(),
  summary: z.string().nullable(),
  spaceId: z.uuid(),
  spaceName: z.string(),
  regionName: z.string(),
  attendance: z.number().int(),
  photoIds: z.array(z.uuid()).describe('Served by GET /api/public/activities/:id/photos/:fileId.'),
});

const SpaceParams = z.strictObject({ spaceId: uuid('应为众创空间编号', 'must be a space id') });
const EventParams = z.strictObject({ id: uuid('应为活动编号', 'must be an event id') });
const PhotoParams = z.strictObject({ id: uuid('应为活动编号', 'must be an event id'), fileId: uuid('应为照片编号', 'must be a photo id') });
const SignupParams = z.strictObject({ id: uuid('应为报名编号', 'must be a sign-up id') });
const token = z.string(bi('请填写签到码', 'required')).trim().min(8, bi('签到码无效', 'not a check-in token')).max(64, bi('签到码无效', 'not a check-in token'));

export const eventRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, config } = app.ctx;
  const staff = signedIn('event.manage', (a) => can(a, 'event.manage'));
  const anyone = signedIn('event.signup', (a) => can(a, 'event.signup'));
  const overseers = signedIn('event.oversee', (a) => can(a, 'event.oversee'));

  app.get(
    '/events/managed',
    {
      config: { policy: staff },
      schema: { tags: ['events'], summary: '本单位众创空间的活动', querystring: PageQuery.extend({ ...EventFilters, status: z.enum(EVENT_STATUSES, bi('活动状态无效', 'not an event status')).optional() }).strict(), response: { 200: pageOf(Event) } },
    },
    async (req) => service.listManaged(db, actorOf(req), req.query),
  );

  app.get(
    '/events/open',
    { config: { policy: anyone }, schema: { tags: ['events'], summary: '正在报名的活动', querystring: PageQuery.extend(EventFilters).strict(), response: { 200: pageOf(Event) } } },
    async (req) => service.listOpen(db, actorOf(req), req.query),
  );

  app.post(
    '/events/spaces/:spaceId',
    { config: { policy: staff }, schema: { tags: ['events'], summary: '登记活动（草稿）', params: SpaceParams, body: EventBody, response: { 201: EventDetail } } },
    async (req, reply) => reply.status(201).send(await service.createEvent(db, actorOf(req), auditContext(req), req.params.spaceId, toInput(req.body))),
  );

  app.get(
    '/events/:id',
    { config: { policy: anyone }, schema: { tags: ['events'], summary: '活动详情（含本人报名）', params: EventParams, response: { 200: EventDetail } } },
    async (req) => service.readEvent(db, actorOf(req), req.params.id),
  );

  app.put(
    '/events/:id',
    { config: { policy: staff }, schema: { tags: ['events'], summary: '修改活动', params: EventParams, body: EventBody.extend({ revision: revisionInput() }), response: { 200: EventDetail } } },
    async (req) => service.editEvent(db, actorOf(req), auditContext(req), req.params.id, { ...toInput(req.body), revision: req.body.revision }),
  );

  app.post(
    '/events/:id/publish',
    { config: { policy: staff }, schema: { tags: ['events'], summary: '发布活动（开放报名）', params: EventParams, body: z.strictObject({ revision: revisionInput() }), response: { 200: EventDetail } } },
    async (req) => service.publishEvent(db, actorOf(req), auditContext(req), req.params.id, req.body),
  );

  app.post(
    '/events/:id/cancel',
    { config: { policy: staff }, schema: { tags: ['events'], summary: '取消活动（通知已报名者）', params: EventParams, body: z.strictObject({ reason: text('取消原因', 2, 500), revision: revisionInput() }), response: { 200: EventDetail } } },
    async (req) => service.cancelEvent(db, actorOf(req), auditContext(req), req.params.id, req.body),
  );

  app.post(
    '/events/:id/held',
    {
      config: { policy: staff },
      schema: { tags: ['events'], summary: '标记已举办并填写活动总结（进入公开活动登记）', params: EventParams, body: z.strictObject({ summary: text('活动总结', 10, 4000), revision: revisionInput() }), response: { 200: EventDetail } },
    },
    async (req) => service.holdEvent(db, actorOf(req), auditContext(req), req.params.id, req.body),
  );

  app.put(
    '/events/:id/form',
    {
      config: { policy: staff },
      schema: {
        tags: ['events'],
        summary: '设置报名表（活动举办前；已填写的回答保留）',
        params: EventParams,
        body: z.strictObject({ fields: z.array(FormFieldBody, bi('报名表应为问题列表', 'must be a list of questions')).max(MAX_FORM_FIELDS, bi(`报名表不超过 ${MAX_FORM_FIELDS} 个问题`, `at most ${MAX_FORM_FIELDS} questions`)), revision: revisionInput() }),
        response: { 200: EventDetail },
      },
    },
    async (req) => service.setSignupForm(db, actorOf(req), auditContext(req), req.params.id, req.body),
  );

  app.put(
    '/events/:id/summary',
    { config: { policy: staff }, schema: { tags: ['events'], summary: '修改活动总结（已举办的活动）', params: EventParams, body: z.strictObject({ summary: text('活动总结', 10, 4000), revision: revisionInput() }), response: { 200: EventDetail } } },
    async (req) => service.setSummary(db, actorOf(req), auditContext(req), req.params.id, req.body),
  );

  app.post(
    '/events/:id/photos',
    {
      config: { policy: staff },
      schema: {
        tags: ['events'],
        summary: `添加活动照片（已举办的活动；先经 POST /api/files 上传 JPG 或 PNG；最多 ${MAX_EVENT_PHOTOS} 张）`,
        params: EventParams,
        body: z.strictObject({ fileId: uuid('应为文件编号', 'must be a file id').describe('A JPG or PNG the actor’s organisation uploaded.') }),
        response: { 201: EventDetail },
      },
    },
    async (req, reply) => reply.status(201).send(await service.addPhoto(db, actorOf(req), auditContext(req), req.params.id, req.body.fileId)),
  );

  app.put(
    '/events/:id/photos',
    {
      config: { policy: staff },
      schema: {
        tags: ['events'],
        summary: '调整活动照片顺序（公开活动登记按此顺序展示）',
        params: EventParams,
        body: z.strictObject({ fileIds: z.array(uuid('应为照片编号', 'must be a photo id')).max(MAX_EVENT_PHOTOS, bi(`最多 ${MAX_EVENT_PHOTOS} 张照片`, `at most ${MAX_EVENT_PHOTOS} photos`)) }),
        response: { 200: EventDetail },
      },
    },
    async (req) => service.reorderPhotos(db, actorOf(req), auditContext(req), req.params.id, req.body.fileIds),
  );

  app.delete(
    '/events/:id/photos/:fileId',
    { config: { policy: staff }, schema: { tags: ['events'], summary: '删除活动照片', params: PhotoParams, response: { 200: EventDetail } } },
    async (req) => service.removePhoto(db, actorOf(req), auditContext(req), req.params.id, req.params.fileId),
  );

  app.get(
    '/events/:id/photos/:fileId',
    { config: { policy: staff }, schema: { tags: ['events'], summary: '活动照片（本空间工作人员）', params: PhotoParams } },
    async (req, reply) => {
      const { meta, stream } = await service.openPhoto(db, config, auditContext(req), actorOf(req), req.params.id, req.params.fileId);
      return sendInline(reply, { contentType: meta.mimeType, fileName: meta.originalName, body: stream, sizeBytes: meta.sizeBytes });
    },
  );

  app.get(
    '/public/activities/:id/photos/:fileId',
    {
      config: { policy: publicRoute('photos of held events are part of the public activity record (登记和宣传, 002 §四(二))'), rateLimit: { max: 300, timeWindow: '1 minute' } },
      schema: { tags: ['events'], summary: '活动照片（公开：活动登记中的活动）', params: PhotoParams },
    },
    async (req, reply) => {
      const { meta, stream } = await service.openPublicPhoto(db, config, auditContext(req), req.params.id, req.params.fileId);
      return sendInline(reply, { contentType: meta.mimeType, fileName: meta.originalName, body: stream, sizeBytes: meta.sizeBytes });
    },
  );

  app.get(
    '/events/:id/signups',
    {
      config: { policy: staff },
      schema: {
        tags: ['events'],
        summary: '活动报名名单',
        params: EventParams,
        querystring: PageQuery.extend({ status: z.enum(SIGNUP_STATUSES, bi('报名状态无效', 'not a sign-up status')).optional(), ...sortQuery(SIGNUP_SORTS, 'in sign-up order') }).strict(),
        response: { 200: pageOf(Signup.extend({ name: z.string(), checkInSource: z.string().nullable() })) },
      },
    },
    async (req) => service.listSignups(db, actorOf(req), req.params.id, req.query),
  );

  app.get(
    '/events/:id/signups.xlsx',
    { config: { policy: staff, rateLimit: EXPORT_RATE }, schema: { tags: ['events'], summary: '导出报名名单（Excel，含报名表回答）', params: EventParams } },
    async (req, reply) => sendGenerated(reply, XLSX, await exportSignups(db, actorOf(req), auditContext(req), req.params.id)),
  );

  app.post(
    '/events/:id/signups',
    {
      config: { policy: anyone },
      schema: {
        tags: ['events'],
        summary: '报名（名额满时进入候补；按报名表作答）',
        params: EventParams,
        body: z.strictObject({
          note: optionalText('报名备注', 500),
          answers: z.record(z.string(), AnswerValue, bi('报名表回答应为“问题编号: 回答”', 'answers map question keys to answers')).optional().describe('The sign-up form’s answers by question key.'),
        }),
        response: { 201: Signup },
      },
    },
    async (req, reply) => reply.status(201).send(await service.signUp(db, actorOf(req), auditContext(req), req.params.id, { note: req.body.note ?? undefined, answers: req.body.answers })),
  );

  app.get(
    '/events/signups/mine',
    { config: { policy: anyone }, schema: { tags: ['events'], summary: '我的活动', querystring: PageQuery.strict(), response: { 200: pageOf(Signup.extend({ event: z.object({ id: z.uuid(), title: z.string(), kind, spaceName: z.string(), startsAt: z.date(), endsAt: z.date(), place: z.string().nullable(), onlineUrl: z.string().nullable(), status: z.enum(EVENT_STATUSES) }) })) } } },
    async (req) => service.mySignups(db, actorOf(req), req.query),
  );

  app.post(
    '/events/signups/:id/cancel',
    { config: { policy: anyone }, schema: { tags: ['events'], summary: '取消报名（空出的名额顺延给候补）', params: SignupParams, response: { 200: Signup } } },
    async (req) => service.cancelSignup(db, actorOf(req), auditContext(req), req.params.id),
  );

  app.post(
    '/events/signups/:id/accept',
    { config: { policy: anyone }, schema: { tags: ['events'], summary: '确认候补名额', params: SignupParams, response: { 200: Signup } } },
    async (req) => service.acceptOffer(db, actorOf(req), auditContext(req), req.params.id),
  );

  app.post(
    '/events/signups/:id/decide',
    {
      config: { policy: staff },
      schema: { tags: ['events'], summary: '审核报名', params: SignupParams, body: z.strictObject({ approve: z.boolean(bi('审核结果应为是或否', 'must be true or false')), reason: optionalText('审核意见', 500) }), response: { 200: Signup } },
    },
    async (req) => service.decideSignup(db, actorOf(req), auditContext(req), req.params.id, { approve: req.body.approve, reason: req.body.reason ?? undefined }),
  );

  app.post(
    '/events/:id/checkin',
    {
      config: { policy: staff },
      schema: {
        tags: ['events'],
        summary: '扫码签到（同一签到码重复扫描只计一次）',
        params: EventParams,
        body: z.strictObject({ token }),
        response: { 200: z.object({ result: z.enum(['checked_in', 'already', 'not_confirmed', 'unknown']), signupId: z.uuid().nullable(), checkedInAt: z.date().nullable(), attendance: z.number().int() }) },
      },
    },
    async (req) => service.checkIn(db, actorOf(req), auditContext(req), req.params.id, req.body),
  );

  app.post(
    '/events/:id/checkins/batch',
    {
      config: { policy: staff },
      schema: {
        tags: ['events'],
        summary: '离线签到同步（可重复提交，不重复计数）',
        params: EventParams,
        body: z.strictObject({
          scans: z
            .array(z.strictObject({ token, scannedAt: instant('扫码时间') }), bi('扫码记录应为列表', 'must be a list'))
            .min(1, bi('扫码记录不能为空', 'at least one scan'))
            .max(1000, bi('一次最多同步 1000 条扫码记录', 'at most 1000 scans')),
        }),
        response: { 200: z.object({ results: z.array(z.object({ token: z.string(), result: z.enum(['checked_in', 'already', 'not_confirmed', 'unknown']), checkedInAt: z.date().nullable() })), attendance: z.number().int() }) },
      },
    },
    async (req) => service.checkInBatch(db, actorOf(req), auditContext(req), req.params.id, { scans: req.body.scans.map((s) => ({ token: s.token, scannedAt: new Date(s.scannedAt) })) }),
  );

  app.get(
    '/events/jurisdiction',
    {
      config: { policy: overseers },
      schema: {
        tags: ['events'],
        summary: '辖区众创空间年度活动统计（标出专业活动不足 5 场的空间）',
        querystring: PageQuery.extend({
          year,
          belowOnly: queryFlag().optional(),
          ...sortQuery(JURISDICTION_SORTS, 'fewest professional events first'),
        }).strict(),
        response: {
          200: pageOf(
            z.object({
              spaceId: z.uuid(),
              spaceName: z.string(),
              regionName: z.string(),
              held: z.number().int(),
              professional: z.number().int(),
              training: z.number().int(),
              roadshow: z.number().int(),
              competition: z.number().int(),
              salon: z.number().int(),
              modelInnovation: z.number().int(),
              other: z.number().int(),
              attendance: z.number().int(),
              belowMinimum: z.boolean(),
            }),
          ).extend({ year: z.number().int(), minimum: z.number().int(), totals: z.object({ spaces: z.number().int(), below: z.number().int(), held: z.number().int(), attendance: z.number().int() }) }),
        },
      },
    },
    async (req) => service.jurisdictionActivity(db, actorOf(req), req.query),
  );

  app.get(
    '/public/activities',
    {
      config: { policy: publicRoute('the activity register is published (登记和宣传, 002 §四(二))') },
      schema: {
        tags: ['events'],
        summary: '众创空间活动登记（公开）',
        querystring: PageQuery.extend({ spaceId: uuid('应为众创空间编号', 'must be a space id').optional(), kind: kind.optional(), year: year.optional(), ...sortQuery(ACTIVITY_SORTS, 'the newest first') }).strict(),
        response: { 200: cappedPageOf(Activity) },
      },
    },
    async (req) => service.publicActivities(db, req.query),
  );
};
