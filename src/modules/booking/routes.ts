import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, auditContext } from '../../shared/http/context.ts';
import { EXPORT_RATE, XLSX, sendGenerated } from '../../shared/http/download.ts';
import { cappedPageOf, PageQuery } from '../../shared/http/pagination.ts';
import { publicRoute, signedIn } from '../../shared/http/policy.ts';
import { revisionInput } from '../../shared/http/revision.ts';
import { KEY_INDUSTRIES } from '../../shared/domain.ts';
import { bi } from '../../shared/i18n-errors.ts';
import { sendInline } from '../files/index.ts';
import { exportUsage } from './excel.ts';
import { can } from './policy.ts';
import { USAGE_GROUPINGS } from './repository.ts';
import { BOOKING_STATUSES, FEE_BASES, FEE_UNITS, MAX_RESOURCE_PHOTOS, RESOURCE_KINDS, USER_GROUPS, WAITLIST_STATUSES } from './schema.ts';
import * as service from './service.ts';

const uuid = (zh: string, en: string) => z.uuid(bi(zh, en));
const instant = z.iso.datetime({ offset: true, message: bi('应为带时区的 ISO 时间，如 2026-06-30T09:00:00+08:00', 'an ISO instant with offset, e.g. 2026-06-30T09:00:00+08:00') });
const day = (zh: string) => z.iso.date(bi(`${zh}应为 YYYY-MM-DD`, 'must be a date YYYY-MM-DD')).refine((v) => v >= '2000-01-01' && v <= '2099-12-31', bi(`${zh}超出范围`, 'out of range'));
const minutes = (zh: string, max: number) =>
  z
    .number(bi(`${zh}应为整数（分钟）`, 'must be an integer (minutes)'))
    .int(bi(`${zh}应为整数（分钟）`, 'must be an integer (minutes)'))
    .min(0, bi(`${zh}不能为负数`, 'cannot be negative'))
    .max(max, bi(`${zh}不能超过 ${max}`, `at most ${max}`));
const text = (zh: string, min: number, max: number) =>
  z
    .string(bi(`请填写${zh}`, 'required'))
    .trim()
    .min(min, bi(`请填写${zh}`, 'required'))
    .max(max, bi(`${zh}不超过 ${max} 字`, `at most ${max} characters`));
const optionalText = (max: number) => z.string().trim().max(max, bi(`不超过 ${max} 字`, `at most ${max} characters`)).nullable().optional();

const DayHours = z.strictObject({ open: minutes('开门时间', 1440), close: minutes('关门时间', 1440) }).nullable();
const ResourceBody = z.strictObject({
  kind: z.enum(RESOURCE_KINDS, bi('类型应为设备、仪器、设施、工位或房间', 'kind must be equipment, instrument, facility, workstation or room')),
  name: text('名称', 2, 100),
  category: text('类别', 1, 50).describe('Category searched platform-wide, e.g. 3D打印, 激光切割, 示波器.'),
  specs: z.record(z.string().trim().min(1).max(50), z.string().trim().max(200)).refine((r) => Object.keys(r).length <= 30, bi('规格参数不超过 30 项', 'at most 30 specs')),
  location: text('位置', 1, 200),
  description: optionalText(2000),
  feeBasis: z.enum(FEE_BASES, bi('收费性质应为成本回收或非营利', 'fee basis must be cost_recovery or non_profit')),
  feeUnit: z.enum(FEE_UNITS, bi('计费单位应为小时、样品或天', 'fee unit must be hour, sample or day')),
  priceFen: z.number(bi('价格应为整数（分）', 'price in fen')).int(bi('价格应为整数（分）', 'price in fen')).min(0, bi('价格不能为负数', 'cannot be negative')).max(100_000_000, bi('价格过大', 'too large')).describe('Price per unit in 分 (fen).'),
  freeQuotaHours: z.number().int().min(0, bi('免费额度不能为负数', 'cannot be negative')).max(744, bi('免费额度过大', 'too large')).describe('Free hours a month for each own incubatee (hour-priced resources).'),
  openingHours: z.array(DayHours).length(7, bi('开放时间应列出周一至周日 7 天', 'give 7 days, Monday to Sunday')).describe('Monday … Sunday; { open, close } in minutes after local midnight, or null when closed.'),
  active: z.boolean().optional(),
});

const Rule = z.object({
  userGroup: z.enum(USER_GROUPS),
  windowDays: z.number().int(),
  noticeMinutes: z.number().int(),
  minMinutes: z.number().int(),
  maxMinutes: z.number().int(),
  bufferMinutes: z.number().int(),
  dailyCapMinutes: z.number().int(),
  futureCap: z.number().int(),
  needsApproval: z.boolean(),
  requiresQualification: z.boolean(),
});
const RuleBody = z.strictObject({
  windowDays: z.number().int(bi('预约窗口应为整数（天）', 'whole days')).min(1, bi('预约窗口至少 1 天', 'at least 1 day')).max(365, bi('预约窗口不超过 365 天', 'at most 365 days')),
  noticeMinutes: minutes('提前量', 43_200),
  minMinutes: minutes('最短时长', 1440).refine((v) => v >= 1, bi('最短时长至少 1 分钟', 'at least 1 minute')),
  maxMinutes: minutes('最长时长', 1440).refine((v) => v >= 1, bi('最长时长至少 1 分钟', 'at least 1 minute')),
  bufferMinutes: minutes('缓冲时间', 480),
  dailyCapMinutes: minutes('每日上限', 1440).refine((v) => v >= 1, bi('每日上限至少 1 分钟', 'at least 1 minute')),
  futureCap: z.number().int(bi('未来预约上限应为整数', 'an integer')).min(1, bi('未来预约上限至少 1 个', 'at least 1')).max(100, bi('未来预约上限不超过 100', 'at most 100')),
  needsApproval: z.boolean(bi('应为是或否', 'true or false')),
  requiresQualification: z.boolean(bi('应为是或否', 'true or false')),
});

const Resource = z.object({
  id: z.uuid(),
  spaceId: z.uuid(),
  spaceName: z.string(),
  kind: z.enum(RESOURCE_KINDS),
  name: z.string(),
  category: z.string(),
  specs: z.record(z.string(), z.string()),
  location: z.string(),
  description: z.string().nullable(),
  feeBasis: z.enum(FEE_BASES),
  feeUnit: z.enum(FEE_UNITS),
  priceFen: z.number().int(),
  freeQuotaHours: z.number().int(),
  openingHours: z.array(z.object({ open: z.number().int(), close: z.number().int() }).nullable()),
  active: z.boolean(),
  revision: z.number().int(),
  rules: z.array(Rule),
  photoIds: z.array(z.uuid()).describe('Photos in order, the first the cover; GET …/photos/:fileId serves each.'),
  canManage: z.boolean(),
  canStaff: z.boolean(),
});
const Blackout = z.object({ id: z.uuid(), startsAt: z.date(), endsAt: z.date(), reason: z.string() });
const ResourceDetail = Resource.extend({ blackouts: z.array(Blackout) });

const Booking = z.object({
  id: z.uuid(),
  resourceId: z.uuid(),
  resourceName: z.string(),
  resourceKind: z.enum(RESOURCE_KINDS),
  spaceId: z.uuid(),
  spaceName: z.string(),
  userId: z.uuid(),
  userName: z.string(),
  userMobile: z.string().nullable().describe('Always masked.'),
  userGroup: z.enum(USER_GROUPS),
  status: z.enum(BOOKING_STATUSES),
  startsAt: z.date(),
  endsAt: z.date(),
  purpose: z.string().nullable(),
  checkInToken: z.string().nullable().describe('The QR code content, for the booker and the space staff only.'),
  checkedInAt: z.date().nullable(),
  checkedOutAt: z.date().nullable(),
  samples: z.number().int().nullable(),
  usedMinutes: z.number().int().nullable(),
  freeMinutes: z.number().int().nullable(),
  chargeFen: z.number().int().nullable(),
  vouchersFen: z.number().int(),
  strike: z.boolean().describe('Counted as a no-show or late cancellation.'),
  reason: z.string().nullable(),
  revision: z.number().int(),
  canCancel: z.boolean(),
  canDecide: z.boolean(),
  canCheckIn: z.boolean(),
  canCheckOut: z.boolean(),
});
const BookingDetail = Booking.extend({ vouchers: z.array(z.object({ id: z.uuid(), issuer: z.string(), number: z.string(), amountFen: z.number().int(), createdAt: z.date() })) });
const Wait = z.object({
  id: z.uuid(),
  resourceId: z.uuid(),
  resourceName: z.string(),
  spaceName: z.string(),
  startsAt: z.date(),
  endsAt: z.date(),
  status: z.enum(WAITLIST_STATUSES),
  offeredUntil: z.date().nullable(),
  bookingId: z.uuid().nullable(),
});
const Settings = z.strictObject({
  strikeLimit: z.number().int().min(0, bi('爽约上限不能为负数', 'cannot be negative')).max(100),
  strikeWindowDays: z.number().int().min(1, bi('统计周期至少 1 天', 'at least 1 day')).max(365),
  banDays: z.number().int().min(1, bi('暂停天数至少 1 天', 'at least 1 day')).max(365),
  graceMinutes: minutes('签到宽限', 1440).refine((v) => v >= 5, bi('签到宽限至少 5 分钟', 'at least 5 minutes')),
  lateCancelMinutes: minutes('迟取消时限', 10_080),
  offerMinutes: minutes('候补确认时限', 1440).refine((v) => v >= 5, bi('候补确认时限至少 5 分钟', 'at least 5 minutes')),
  qualificationLapseDays: z.number().int().min(1, bi('资质失效天数至少 1 天', 'at least 1 day')).max(3650),
});
const Member = z.object({ userId: z.uuid(), userGroup: z.enum(['own_incubatee', 'host_staff']), displayName: z.string(), username: z.string() });
const Qualification = z.object({ userId: z.uuid(), displayName: z.string(), grantedOn: z.string(), expiresOn: z.string(), lastUsedAt: z.date(), state: z.enum(['valid', 'none', 'expired', 'lapsed']) });

const IdParams = z.strictObject({ id: uuid('应为编号', 'must be an id') });
const SpaceParams = z.strictObject({ spaceId: uuid('应为众创空间编号', 'must be a space id') });
const RangeBody = { startsAt: instant.describe('Start, ISO with offset.'), endsAt: instant.describe('End, ISO with offset.') };
const ListFilters = z.object({
  status: z.enum(BOOKING_STATUSES, bi('状态无效', 'not a status')).optional(),
  resourceId: uuid('应为资源编号', 'must be a resource id').optional(),
  from: instant.optional(),
  to: instant.optional(),
});
const listQuery = (q: z.infer<typeof ListFilters> & { page: number; pageSize: number }) => ({ ...q, from: q.from ? new Date(q.from) : undefined, to: q.to ? new Date(q.to) : undefined });
const range = (b: { startsAt: string; endsAt: string }) => ({ startsAt: new Date(b.startsAt), endsAt: new Date(b.endsAt) });

const PhotoParams = z.strictObject({ id: uuid('应为资源编号', 'must be a resource id'), fileId: uuid('应为照片编号', 'must be a photo id') });

export const bookingRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, config } = app.ctx;
  const bookers = signedIn('booking.book', (a) => can(a, 'booking.book'));
  const staff = signedIn('booking.staff', (a) => can(a, 'booking.staff'));
  const managers = signedIn('booking.manage', (a) => can(a, 'booking.manage'));
  const anyone = signedIn('booking.participant', (a) => can(a, 'booking.book') || can(a, 'booking.staff'));
  const tags = ['booking'];

  app.get(
    '/booking/resources/search',
    {
      config: { policy: bookers },
      schema: {
        tags,
        summary: '全平台共享资源检索（所有已备案众创空间）：地区、类型、类别、领域、关键词、某日可约',
        querystring: PageQuery.extend({
          regionCode: z.string().regex(/^\d{6}$/, bi('行政区划代码应为 6 位数字', 'a 6-digit region code')).optional().describe('Region subtree (GB/T 2260).'),
          kind: z.enum(RESOURCE_KINDS, bi('类型无效', 'not a kind')).optional(),
          category: z.string().trim().min(1).max(50).optional(),
          industry: z.enum(KEY_INDUSTRIES, bi('重点领域无效', 'not a key industry')).optional().describe("The space's key industry (the field)."),
          q: z.string().trim().min(1).max(50).optional().describe('Name or category contains.'),
          day: day('日期').optional().describe('Open that (Shanghai) day with time not booked.'),
        }).strict(),
        response: {
          200: cappedPageOf(
            z.object({
              id: z.uuid(),
              spaceId: z.uuid(),
              spaceName: z.string(),
              industry: z.enum(KEY_INDUSTRIES).describe("The space's key industry."),
              regionCode: z.string(),
              regionName: z.string(),
              kind: z.enum(RESOURCE_KINDS),
              name: z.string(),
              category: z.string(),
              location: z.string(),
              feeBasis: z.enum(FEE_BASES),
              feeUnit: z.enum(FEE_UNITS),
              priceFen: z.number().int(),
              openingHours: z.array(z.object({ open: z.number().int(), close: z.number().int() }).nullable()),
              coverPhotoId: z.uuid().nullable().describe('The first photo, served by GET /api/public/booking/resources/:id/photos/:fileId.'),
              groups: z.array(z.enum(USER_GROUPS)).describe('User groups with a booking rule.'),
            }),
          ),
        },
      },
    },
    async (req) => service.searchResources(db, actorOf(req), req.query),
  );

  app.get(
    '/booking/spaces/:spaceId/resources',
    { config: { policy: staff }, schema: { tags, summary: '本空间的共享资源（含停用）', params: SpaceParams, response: { 200: z.array(Resource) } } },
    async (req) => service.spaceResources(db, actorOf(req), req.params.spaceId),
  );

  app.post(
    '/booking/spaces/:spaceId/resources',
    { config: { policy: managers }, schema: { tags, summary: '新增共享资源', params: SpaceParams, body: ResourceBody, response: { 201: ResourceDetail } } },
    async (req, reply) => reply.status(201).send(await service.createResource(db, actorOf(req), auditContext(req), req.params.spaceId, req.body)),
  );

  app.get(
    '/booking/resources/:id',
    { config: { policy: anyone }, schema: { tags, summary: '资源详情（规则、停用时段）', params: IdParams, response: { 200: ResourceDetail } } },
    async (req) => service.readResource(db, actorOf(req), req.params.id),
  );

  app.put(
    '/booking/resources/:id',
    { config: { policy: managers }, schema: { tags, summary: '修改共享资源', params: IdParams, body: ResourceBody.extend({ revision: revisionInput() }), response: { 200: ResourceDetail } } },
    async (req) => service.editResource(db, actorOf(req), auditContext(req), req.params.id, req.body),
  );

  app.put(
    '/booking/resources/:id/rules/:group',
    {
      config: { policy: managers },
      schema: {
        tags,
        summary: '设置某用户组的预约规则',
        params: z.strictObject({ id: uuid('应为资源编号', 'must be a resource id'), group: z.enum(USER_GROUPS, bi('用户组应为本空间在孵企业、外部创客或依托单位员工', 'not a user group')) }),
        body: RuleBody,
        response: { 200: ResourceDetail },
      },
    },
    async (req) => service.setRule(db, actorOf(req), auditContext(req), req.params.id, req.params.group, req.body),
  );

  app.delete(
    '/booking/resources/:id/rules/:group',
    {
      config: { policy: managers },
      schema: {
        tags,
        summary: '删除某用户组的预约规则（该组不再能预约）',
        params: z.strictObject({ id: uuid('应为资源编号', 'must be a resource id'), group: z.enum(USER_GROUPS, bi('用户组无效', 'not a user group')) }),
        response: { 200: ResourceDetail },
      },
    },
    async (req) => service.removeRule(db, actorOf(req), auditContext(req), req.params.id, req.params.group),
  );

  app.post(
    '/booking/resources/:id/blackouts',
    {
      config: { policy: staff },
      schema: { tags, summary: '登记停用/停机时段', params: IdParams, body: z.strictObject({ ...RangeBody, reason: text('原因', 2, 200) }), response: { 201: ResourceDetail } },
    },
    async (req, reply) => reply.status(201).send(await service.addBlackout(db, actorOf(req), auditContext(req), req.params.id, { ...range(req.body), reason: req.body.reason })),
  );

  app.delete(
    '/booking/resources/:id/blackouts/:blackoutId',
    {
      config: { policy: staff },
      schema: { tags, summary: '删除停用时段', params: z.strictObject({ id: uuid('应为资源编号', 'must be a resource id'), blackoutId: uuid('应为停用时段编号', 'must be a blackout id') }), response: { 200: ResourceDetail } },
    },
    async (req) => service.removeBlackout(db, actorOf(req), auditContext(req), req.params.id, req.params.blackoutId),
  );

  app.post(
    '/booking/resources/:id/photos',
    {
      config: { policy: managers },
      schema: {
        tags,
        summary: `添加资源照片（先经 POST /api/files 上传 JPG 或 PNG；每个资源最多 ${MAX_RESOURCE_PHOTOS} 张，排在最后）`,
        params: IdParams,
        body: z.strictObject({ fileId: uuid('应为文件编号', 'must be a file id').describe('A JPG or PNG the actor’s organisation uploaded.') }),
        response: { 201: ResourceDetail },
      },
    },
    async (req, reply) => reply.status(201).send(await service.addPhoto(db, actorOf(req), auditContext(req), req.params.id, req.body.fileId)),
  );

  app.put(
    '/booking/resources/:id/photos',
    {
      config: { policy: managers },
      schema: {
        tags,
        summary: '调整资源照片顺序（第一张为封面）',
        params: IdParams,
        body: z.strictObject({ fileIds: z.array(uuid('应为照片编号', 'must be a photo id')).max(MAX_RESOURCE_PHOTOS, bi(`最多 ${MAX_RESOURCE_PHOTOS} 张照片`, `at most ${MAX_RESOURCE_PHOTOS} photos`)) }),
        response: { 200: ResourceDetail },
      },
    },
    async (req) => service.reorderPhotos(db, actorOf(req), auditContext(req), req.params.id, req.body.fileIds),
  );

  app.delete(
    '/booking/resources/:id/photos/:fileId',
    { config: { policy: managers }, schema: { tags, summary: '删除资源照片', params: PhotoParams, response: { 200: ResourceDetail } } },
    async (req) => service.removePhoto(db, actorOf(req), auditContext(req), req.params.id, req.params.fileId),
  );

  app.get(
    '/booking/resources/:id/photos/:fileId',
    { config: { policy: anyone }, schema: { tags, summary: '资源照片（可预约者；本空间工作人员含停用资源）', params: PhotoParams } },
    async (req, reply) => {
      const { meta, stream } = await service.openPhoto(db, config, auditContext(req), actorOf(req), req.params.id, req.params.fileId);
      return sendInline(reply, { contentType: meta.mimeType, fileName: meta.originalName, body: stream, sizeBytes: meta.sizeBytes });
    },
  );

  app.get(
    '/public/booking/resources/:id/photos/:fileId',
    {
      config: { policy: publicRoute('photos of the shared resources of filed spaces are public (issue 15: the platform-wide search, each space’s public page)'), rateLimit: { max: 300, timeWindow: '1 minute' } },
      schema: { tags, summary: '资源照片（公开：已备案空间的在用资源）', params: PhotoParams },
    },
    async (req, reply) => {
      const { meta, stream } = await service.openPublicPhoto(db, config, auditContext(req), req.params.id, req.params.fileId);
      return sendInline(reply, { contentType: meta.mimeType, fileName: meta.originalName, body: stream, sizeBytes: meta.sizeBytes });
    },
  );

  app.get(
    '/booking/resources/:id/calendar',
    {
      config: { policy: anyone },
      schema: {
        tags,
        summary: '资源日历：已占用时段（不含预约人信息）与停用时段',
        params: IdParams,
        querystring: z.strictObject({ from: instant, to: instant }),
        response: {
          200: z.object({
            taken: z.array(z.object({ startsAt: z.date(), endsAt: z.date(), heldUntil: z.date().describe('End plus buffer.'), mine: z.boolean(), bookingId: z.uuid().optional() })),
            blackouts: z.array(z.object({ startsAt: z.date(), endsAt: z.date(), reason: z.string() })),
          }),
        },
      },
    },
    async (req) => service.calendar(db, actorOf(req), req.params.id, new Date(req.query.from), new Date(req.query.to)),
  );

  app.get(
    '/booking/resources/:id/qualifications',
    { config: { policy: staff }, schema: { tags, summary: '资源的使用资质名单', params: IdParams, response: { 200: z.array(Qualification) } } },
    async (req) => service.listQualifications(db, actorOf(req), req.params.id),
  );

  app.post(
    '/booking/resources/:id/qualifications',
    {
      config: { policy: staff },
      schema: {
        tags,
        summary: '培训后授予使用资质（有效期；长期未使用自动失效）',
        params: IdParams,
        body: z.strictObject({ userId: uuid('应为用户编号', 'must be a user id'), expiresOn: day('有效期'), note: optionalText(200) }),
        response: { 200: z.array(Qualification) },
      },
    },
    async (req) => service.grantQualification(db, actorOf(req), auditContext(req), req.params.id, req.body),
  );

  app.post(
    '/booking/resources/:id/bookings',
    {
      config: { policy: bookers },
      schema: { tags, summary: '预约（按所在用户组的规则；同一时段并发预约只有一个成功）', params: IdParams, body: z.strictObject({ ...RangeBody, purpose: optionalText(200) }), response: { 201: BookingDetail } },
    },
    async (req, reply) => reply.status(201).send(await service.book(db, actorOf(req), auditContext(req), req.params.id, { ...range(req.body), purpose: req.body.purpose })),
  );

  app.post(
    '/booking/resources/:id/waitlist',
    { config: { policy: bookers }, schema: { tags, summary: '候补已被预约的时段', params: IdParams, body: z.strictObject(RangeBody), response: { 201: Wait } } },
    async (req, reply) => reply.status(201).send(await service.joinWaitlist(db, actorOf(req), auditContext(req), req.params.id, range(req.body))),
  );

  app.get('/booking/waitlist/mine', { config: { policy: bookers }, schema: { tags, summary: '我的候补', response: { 200: z.array(Wait) } } }, async (req) => service.myWaits(db, actorOf(req)));

  app.post(
    '/booking/waitlist/:id/accept',
    { config: { policy: bookers }, schema: { tags, summary: '接受候补邀请（转为预约）', params: IdParams, response: { 201: BookingDetail } } },
    async (req, reply) => reply.status(201).send(await service.acceptOffer(db, actorOf(req), auditContext(req), req.params.id)),
  );

  app.post(
    '/booking/waitlist/:id/leave',
    { config: { policy: bookers }, schema: { tags, summary: '退出候补', params: IdParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await service.leaveWaitlist(db, actorOf(req), auditContext(req), req.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/booking/bookings/mine',
    { config: { policy: bookers }, schema: { tags, summary: '我的预约', querystring: PageQuery.extend(ListFilters.shape).strict(), response: { 200: cappedPageOf(Booking) } } },
    async (req) => service.myBookings(db, actorOf(req), listQuery(req.query)),
  );

  app.get(
    '/booking/qualifications/mine',
    {
      config: { policy: bookers },
      schema: {
        tags,
        summary: '我的使用资质（各空间授予的设备资质及其状态）',
        response: {
          200: z.array(
            Qualification.omit({ userId: true, displayName: true }).extend({
              resourceId: z.uuid(),
              resourceName: z.string(),
              spaceId: z.uuid(),
              spaceName: z.string(),
            }),
          ),
        },
      },
    },
    async (req) => service.myQualifications(db, actorOf(req)),
  );

  app.get(
    '/booking/bans/mine',
    {
      config: { policy: bookers },
      schema: {
        tags,
        summary: '我的预约暂停（爽约或迟取消次数超过空间上限）：空间、次数、截止时间',
        response: {
          200: z.array(
            z.object({
              spaceId: z.uuid(),
              spaceName: z.string(),
              strikes: z.number().int().describe('No-shows and late cancellations in the window that triggered the ban.'),
              until: z.date(),
              untilDay: z.string().describe('The last moment as a Shanghai date, YYYY-MM-DD.'),
            }),
          ),
        },
      },
    },
    async (req) => service.myBans(db, actorOf(req)),
  );

  app.get(
    '/booking/spaces/:spaceId/bookings',
    { config: { policy: staff }, schema: { tags, summary: '本空间的预约（工作台）', params: SpaceParams, querystring: PageQuery.extend(ListFilters.shape).strict(), response: { 200: cappedPageOf(Booking) } } },
    async (req) => service.spaceBookings(db, actorOf(req), req.params.spaceId, listQuery(req.query)),
  );

  app.get(
    '/booking/bookings/:id',
    { config: { policy: anyone }, schema: { tags, summary: '预约详情（预约人或本空间工作人员）', params: IdParams, response: { 200: BookingDetail } } },
    async (req) => service.readBooking(db, actorOf(req), req.params.id),
  );

  app.post(
    '/booking/bookings/:id/cancel',
    { config: { policy: anyone }, schema: { tags, summary: '取消预约（开始前一定时间内取消记为迟取消）', params: IdParams, body: z.strictObject({ reason: optionalText(200) }), response: { 200: BookingDetail } } },
    async (req) => service.cancel(db, actorOf(req), auditContext(req), req.params.id, req.body),
  );

  app.post(
    '/booking/bookings/:id/move',
    { config: { policy: bookers }, schema: { tags, summary: '改期（按规则）', params: IdParams, body: z.strictObject({ ...RangeBody, revision: revisionInput() }), response: { 200: BookingDetail } } },
    async (req) => service.move(db, actorOf(req), auditContext(req), req.params.id, { ...range(req.body), revision: req.body.revision }),
  );

  app.post(
    '/booking/bookings/:id/decision',
    {
      config: { policy: staff },
      schema: { tags, summary: '审批预约（通过或不通过）', params: IdParams, body: z.strictObject({ approve: z.boolean(bi('应为是或否', 'true or false')), reason: optionalText(200) }), response: { 200: BookingDetail } },
    },
    async (req) => service.decide(db, actorOf(req), auditContext(req), req.params.id, req.body),
  );

  app.post(
    '/booking/bookings/:id/check-in',
    { config: { policy: staff }, schema: { tags, summary: '前台签到', params: IdParams, response: { 200: BookingDetail } } },
    async (req) => service.checkIn(db, actorOf(req), auditContext(req), req.params.id),
  );

  app.post(
    '/booking/check-in',
    {
      config: { policy: staff },
      schema: { tags, summary: '扫码签到（自助终端扫描预约二维码）', body: z.strictObject({ token: z.string().trim().min(16, bi('签到码无效', 'not a check-in code')).max(64, bi('签到码无效', 'not a check-in code')) }), response: { 200: BookingDetail } },
    },
    async (req) => service.checkInByToken(db, actorOf(req), auditContext(req), req.body.token),
  );

  app.post(
    '/booking/bookings/:id/check-out',
    {
      config: { policy: anyone },
      schema: {
        tags,
        summary: '签退：记录实际使用时长并按收费标准计费',
        params: IdParams,
        body: z.strictObject({ samples: z.number().int(bi('样品数应为整数', 'an integer')).min(0, bi('样品数不能为负数', 'cannot be negative')).max(10_000, bi('样品数过大', 'too large')).optional() }),
        response: { 200: BookingDetail },
      },
    },
    async (req) => service.checkOut(db, actorOf(req), auditContext(req), req.params.id, req.body),
  );

  app.post(
    '/booking/bookings/:id/vouchers',
    {
      config: { policy: staff },
      schema: {
        tags,
        summary: '核销科技创新券（不超过该次费用）',
        params: IdParams,
        body: z.strictObject({
          issuer: text('发放机构', 2, 100),
          number: text('券号', 1, 64),
          amountFen: z.number(bi('金额应为整数（分）', 'amount in fen')).int(bi('金额应为整数（分）', 'amount in fen')).min(1, bi('金额应大于 0', 'must be positive')).max(100_000_000, bi('金额过大', 'too large')),
        }),
        response: { 200: BookingDetail },
      },
    },
    async (req) => service.redeemVoucher(db, actorOf(req), auditContext(req), req.params.id, req.body),
  );

  app.get(
    '/booking/spaces/:spaceId/settings',
    { config: { policy: staff }, schema: { tags, summary: '预约设置（爽约规则、签到宽限、候补时限、资质失效）', params: SpaceParams, response: { 200: Settings } } },
    async (req) => service.readSettings(db, actorOf(req), req.params.spaceId),
  );

  app.put(
    '/booking/spaces/:spaceId/settings',
    { config: { policy: managers }, schema: { tags, summary: '修改预约设置', params: SpaceParams, body: Settings, response: { 200: Settings } } },
    async (req) => service.saveSettings(db, actorOf(req), auditContext(req), req.params.spaceId, req.body),
  );

  app.get(
    '/booking/spaces/:spaceId/members',
    { config: { policy: staff }, schema: { tags, summary: '本空间在孵企业及依托单位员工名单（决定适用的预约规则）', params: SpaceParams, response: { 200: z.array(Member) } } },
    async (req) => service.listMembers(db, actorOf(req), req.params.spaceId),
  );

  app.put(
    '/booking/spaces/:spaceId/members/:userId',
    {
      config: { policy: managers },
      schema: {
        tags,
        summary: '将用户列为本空间在孵企业或依托单位员工（null 移出）',
        params: z.strictObject({ spaceId: uuid('应为众创空间编号', 'must be a space id'), userId: uuid('应为用户编号', 'must be a user id') }),
        body: z.strictObject({ userGroup: z.enum(['own_incubatee', 'host_staff'], bi('用户组应为本空间在孵企业或依托单位员工', 'own_incubatee or host_staff')).nullable() }),
        response: { 200: z.array(Member) },
      },
    },
    async (req) => service.setMember(db, actorOf(req), auditContext(req), req.params.spaceId, req.params.userId, req.body.userGroup),
  );

  const UsageQuery = z.strictObject({
    by: z.enum(USAGE_GROUPINGS, bi('汇总方式应为资源、用户、团队或月份', 'by resource, user, team or month')).default('resource'),
    from: day('开始日期'),
    to: day('结束日期').describe('Exclusive.'),
  });
  app.get(
    '/booking/spaces/:spaceId/usage',
    {
      config: { policy: staff },
      schema: {
        tags,
        summary: '使用统计：按资源、用户或月份汇总的机时、次数、费用与创新券',
        params: SpaceParams,
        querystring: UsageQuery,
        response: { 200: z.array(z.object({ key: z.string(), label: z.string(), bookings: z.number().int(), hours: z.number(), chargeFen: z.number().int(), vouchersFen: z.number().int() })) },
      },
    },
    async (req) => service.spaceUsage(db, actorOf(req), req.params.spaceId, req.query),
  );

  app.get(
    '/booking/spaces/:spaceId/usage.xlsx',
    { config: { policy: staff, rateLimit: EXPORT_RATE }, schema: { tags, summary: '导出使用记录（Excel）', params: SpaceParams, querystring: UsageQuery.omit({ by: true }) } },
    async (req, reply) => sendGenerated(reply, XLSX, await exportUsage(db, actorOf(req), auditContext(req), req.params.spaceId, req.query)),
  );
};
