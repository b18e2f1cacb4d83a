import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { queryFlag } from '../../shared/http/params.ts';
import { actorOf, auditContext } from '../../shared/http/context.ts';
import { EXPORT_RATE, XLSX, sendGenerated } from '../../shared/http/download.ts';
import { PageQuery, pageOf } from '../../shared/http/pagination.ts';
import { signedIn } from '../../shared/http/policy.ts';
import { hasRole } from '../../shared/actor.ts';
import { revisionInput } from '../../shared/http/revision.ts';
import { sortQuery } from '../../shared/http/sorting.ts';
import { bi } from '../../shared/i18n-errors.ts';
import { exportSpaceMentors } from './excel.ts';
import { can } from './policy.ts';
import { MENTOR_SORTS, RELATION_SORTS, SESSION_SORTS } from './repository.ts';
import { MENTOR_KINDS, MENTOR_TERMS, RELATION_STATES } from './schema.ts';
import * as service from './service.ts';

const uuid = (zh: string, en: string) => z.uuid(bi(zh, en));
const day = (zh: string) =>
  z.iso.date(bi(`${zh}应为 YYYY-MM-DD`, 'must be a date YYYY-MM-DD')).refine((v) => v >= '2000-01-01', bi(`${zh}不能早于 2000 年`, 'cannot be before 2000'));
const text = (zh: string, min: number, max: number) =>
  z
    .string(bi(`请填写${zh}`, 'required'))
    .trim()
    .min(min, bi(`请填写${zh}${min > 1 ? `（至少 ${min} 个字）` : ''}`, `enter it${min > 1 ? ` (at least ${min} characters)` : ''}`))
    .max(max, bi(`${zh}不超过 ${max} 字`, `at most ${max} characters`));
const optionalText = (zh: string, max: number) => z.string().trim().max(max, bi(`${zh}不超过 ${max} 字`, `at most ${max} characters`)).nullable().optional();

const MentorBody = z.strictObject({
  name: text('导师姓名', 2, 50),
  kind: z.enum(MENTOR_KINDS, bi('导师类型应为产业导师、创业导师或技术导师', 'kind is industry, startup or technology')),
  term: z.enum(MENTOR_TERMS, bi('应为专职或兼职', 'full_time or part_time')),
  fields: z.array(text('擅长领域', 1, 30)).max(10, bi('擅长领域不超过 10 个', 'at most 10 fields')),
  affiliation: text('所在单位', 2, 200),
  title: optionalText('职务/职称', 100),
  contactMobile: z
    .string()
    .trim()
    .regex(/^1\d{10}$|^0\d{2,3}-?\d{7,8}$/, bi('联系电话应为手机号或区号-座机号', 'a mobile or landline number'))
    .nullable()
    .optional()
    .describe('Personal data: masked for everyone but the space’s operator.'),
  contactEmail: z.email(bi('电子邮箱格式不正确', 'not an e-mail address')).max(200).nullable().optional(),
  contactConsent: z
    .boolean(bi('应为是或否', 'must be true or false'))
    .optional()
    .describe('The mentor agreed that signed-in makers may ask for the contacts (POST /api/mentors/:id/reveal). Left out on an edit: unchanged; new mentors default to false.'),
  active: z.boolean(bi('应为是或否', 'must be true or false')),
});

const Mentor = z.object({
  id: z.uuid(),
  spaceId: z.uuid(),
  spaceName: z.string(),
  name: z.string(),
  kind: z.enum(MENTOR_KINDS),
  term: z.enum(MENTOR_TERMS),
  fields: z.array(z.string()),
  affiliation: z.string(),
  title: z.string().nullable(),
  contactMobile: z.string().nullable(),
  contactEmail: z.string().nullable(),
  personalDataMasked: z.boolean(),
  contactConsent: z.boolean(),
  active: z.boolean(),
  sessionsThisYear: z.number().int(),
  minutesThisYear: z.number().int(),
  activeRelations: z.number().int(),
  revision: z.number().int(),
  canEdit: z.boolean(),
});

const Relation = z.object({
  id: z.uuid(),
  spaceId: z.uuid(),
  spaceName: z.string(),
  mentor: z.object({ id: z.uuid(), name: z.string(), kind: z.enum(MENTOR_KINDS) }),
  incubatee: z.object({ id: z.uuid(), name: z.string() }),
  state: z.enum(RELATION_STATES),
  goal: z.string().nullable(),
  startedOn: z.string().nullable(),
  endedOn: z.string().nullable(),
  sessions: z.number().int(),
  lastSessionOn: z.string().nullable(),
  createdAt: z.date(),
  canEdit: z.boolean(),
});

const Session = z.object({
  id: z.uuid(),
  relationId: z.uuid(),
  spaceId: z.uuid(),
  spaceName: z.string(),
  mentor: z.object({ id: z.uuid(), name: z.string() }),
  incubateeName: z.string(),
  heldOn: z.string(),
  topic: z.string(),
  durationMinutes: z.number().int(),
  outcome: z.string(),
  createdAt: z.date(),
});

const Ratio = z.object({
  spaceId: z.uuid(),
  spaceName: z.string(),
  year: z.number().int(),
  industryMentors: z.number().int().describe('Active industry mentors.'),
  incubatees: z.number().int().describe('Resident incubatees of the roster.'),
  required: z.number().int().describe('ceil(incubatees / 15).'),
  met: z.boolean(),
  incubateesPerMentor: z.number().nullable(),
  rule: z.object({ zh: z.string(), en: z.string() }),
  mentors: z.number().int(),
  sessionsThisYear: z.number().int(),
  minutesThisYear: z.number().int(),
  mentorsUnderTwoSessions: z.number().int(),
});

const spaceFilter = uuid('应为众创空间编号', 'must be a space id').optional();
const MentorParams = z.strictObject({ id: uuid('应为导师编号', 'must be a mentor id') });
const RelationParams = z.strictObject({ id: uuid('应为辅导关系编号', 'must be a relation id') });
const SpaceParams = z.strictObject({ spaceId: uuid('应为众创空间编号', 'must be a space id') });

export const mentorRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.ctx;
  const readers = signedIn('mentor.read', (a) => can(a, 'mentor.read'));
  const editors = signedIn('mentor.edit', (a) => can(a, 'mentor.edit'));
  const makers = signedIn('mentor.contact', (a) => hasRole(a, 'maker'));

  app.post(
    '/mentors/:id/reveal',
    {
      config: { policy: makers },
      schema: {
        tags: ['mentors'],
        summary: `创客查看导师联系方式（已备案空间、导师同意；每人每天最多 ${service.CONTACT_REVEALS_PER_DAY} 位；留痕）`,
        params: MentorParams,
        response: { 200: z.object({ mentorId: z.uuid(), name: z.string(), contactMobile: z.string().nullable(), contactEmail: z.string().nullable() }) },
      },
    },
    async (req) => service.revealContact(db, actorOf(req), auditContext(req), req.params.id),
  );

  app.get(
    '/mentors',
    {
      config: { policy: readers },
      schema: {
        tags: ['mentors'],
        summary: '导师名册（含本年度辅导次数）',
        querystring: PageQuery.extend({
          spaceId: spaceFilter,
          kind: z.enum(MENTOR_KINDS, bi('导师类型无效', 'not a mentor kind')).optional(),
          active: queryFlag().optional(),
          q: z.string().trim().max(100, bi('关键词不超过 100 字', 'at most 100 characters')).optional().describe('Name, affiliation or field contains.'),
          ...sortQuery(MENTOR_SORTS, 'by space and name'),
        }).strict(),
        response: { 200: pageOf(Mentor).extend({ year: z.number().int() }) },
      },
    },
    async (req) => service.listMentors(db, actorOf(req), req.query),
  );

  app.post(
    '/mentors/spaces/:spaceId',
    { config: { policy: editors }, schema: { tags: ['mentors'], summary: '登记导师', params: SpaceParams, body: MentorBody, response: { 201: Mentor } } },
    async (req, reply) => reply.status(201).send(await service.createMentor(db, actorOf(req), auditContext(req), req.params.spaceId, req.body)),
  );

  app.put(
    '/mentors/:id',
    { config: { policy: editors }, schema: { tags: ['mentors'], summary: '修改导师（含停用）', params: MentorParams, body: MentorBody.extend({ revision: revisionInput() }), response: { 200: Mentor } } },
    async (req) => service.editMentor(db, actorOf(req), auditContext(req), req.params.id, req.body),
  );

  app.get(
    '/mentors/spaces/:spaceId/ratio',
    { config: { policy: readers }, schema: { tags: ['mentors'], summary: '产业导师配比（002 §二(六)：每 15 个在孵团队/企业至少 1 名）与本年度辅导', params: SpaceParams, response: { 200: Ratio } } },
    async (req) => service.spaceRatio(db, actorOf(req), req.params.spaceId),
  );

  app.get(
    '/mentors/relations',
    {
      config: { policy: readers },
      schema: {
        tags: ['mentors'],
        summary: '辅导关系',
        querystring: PageQuery.extend({
          spaceId: spaceFilter,
          mentorId: uuid('应为导师编号', 'must be a mentor id').optional(),
          state: z.enum(RELATION_STATES, bi('辅导关系状态无效', 'not a relation state')).optional(),
          ...sortQuery(RELATION_SORTS, 'the newest first'),
        }).strict(),
        response: { 200: pageOf(Relation) },
      },
    },
    async (req) => service.listRelations(db, actorOf(req), req.query),
  );

  app.post(
    '/mentors/:id/relations',
    {
      config: { policy: editors },
      schema: {
        tags: ['mentors'],
        summary: '建立辅导关系（对象为本空间在孵团队/企业）',
        params: MentorParams,
        body: z.strictObject({ incubateeId: uuid('应为在孵团队/企业编号', 'must be an incubatee id'), goal: z.string().trim().max(500, bi('辅导目标不超过 500 字', 'at most 500 characters')).optional() }),
        response: { 201: Relation },
      },
    },
    async (req, reply) => reply.status(201).send(await service.createRelation(db, actorOf(req), auditContext(req), req.params.id, req.body)),
  );

  app.post(
    '/mentors/relations/:id/state',
    {
      config: { policy: editors },
      schema: {
        tags: ['mentors'],
        summary: '开始或结束辅导关系',
        params: RelationParams,
        body: z.strictObject({ state: z.enum(['active', 'completed'], bi('状态应为进行中或已结束', 'state is active or completed')), on: day('日期') }),
        response: { 200: Relation },
      },
    },
    async (req) => service.moveRelation(db, actorOf(req), auditContext(req), req.params.id, req.body),
  );

  app.get(
    '/mentors/sessions',
    {
      config: { policy: readers },
      schema: {
        tags: ['mentors'],
        summary: '辅导记录',
        querystring: PageQuery.extend({
          spaceId: spaceFilter,
          mentorId: uuid('应为导师编号', 'must be a mentor id').optional(),
          relationId: uuid('应为辅导关系编号', 'must be a relation id').optional(),
          year: z.coerce.number(bi('年份无效', 'not a year')).int(bi('年份无效', 'not a year')).min(2000, bi('年份无效', 'not a year')).max(2100, bi('年份无效', 'not a year')).optional(),
          ...sortQuery(SESSION_SORTS, 'the latest first'),
        }).strict(),
        response: { 200: pageOf(Session) },
      },
    },
    async (req) => service.listSessions(db, actorOf(req), req.query),
  );

  app.post(
    '/mentors/relations/:id/sessions',
    {
      config: { policy: editors },
      schema: {
        tags: ['mentors'],
        summary: '记录一次辅导',
        params: RelationParams,
        body: z.strictObject({
          heldOn: day('辅导日期'),
          topic: text('辅导主题', 2, 200),
          durationMinutes: z
            .number(bi('时长应为整数（分钟）', 'minutes, a whole number'))
            .int(bi('时长应为整数（分钟）', 'minutes, a whole number'))
            .min(1, bi('时长至少 1 分钟', 'at least 1 minute'))
            .max(1440, bi('时长不超过 1440 分钟', 'at most 1440 minutes')),
          outcome: text('辅导成效', 2, 2000),
        }),
        response: { 201: Session },
      },
    },
    async (req, reply) => reply.status(201).send(await service.logSession(db, actorOf(req), auditContext(req), req.params.id, req.body)),
  );

  app.get(
    '/mentors/spaces/:spaceId/mentors.xlsx',
    { config: { policy: readers, rateLimit: EXPORT_RATE }, schema: { tags: ['mentors'], summary: '导出本空间的创业导师及本年度辅导（Excel，联系方式脱敏）', params: SpaceParams } },
    async (req, reply) => sendGenerated(reply, XLSX, await exportSpaceMentors(db, actorOf(req), auditContext(req), req.params.spaceId)),
  );
};
