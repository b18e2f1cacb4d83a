import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { KEY_INDUSTRIES } from '../../shared/domain.ts';
import { actorOf, auditContext } from '../../shared/http/context.ts';
import { EXPORT_RATE, XLSX, sendGenerated } from '../../shared/http/download.ts';
import { PageQuery, pageOf } from '../../shared/http/pagination.ts';
import { signedIn } from '../../shared/http/policy.ts';
import { bi } from '../../shared/i18n-errors.ts';
import { can } from './policy.ts';
import * as service from './service.ts';
import { revisionInput } from '../../shared/http/revision.ts';

const uuid = (zh: string, en: string) => z.uuid(bi(zh, en));
const UserId = z.strictObject({ userId: uuid('应为专家用户编号', 'must be an expert’s user id') });
const Id = z.strictObject({ id: uuid('应为编号（UUID）', 'must be an id (UUID)') });
const CallId = z.strictObject({ callId: uuid('应为申报批次编号', 'must be a call id') });
const orgId = uuid('应为单位编号', 'must be an organisation id');

const ProfileFields = {
  fields: z
    .array(z.enum(KEY_INDUSTRIES))
    .min(1, bi('至少选择一个专业领域', 'choose at least one field'))
    .refine((f) => new Set(f).size === f.length, bi('领域不能重复', 'fields must not repeat'))
    .describe("Key industries (src/shared/domain.ts) the expert reviews; auto-assignment matches the space's industry."),
  affiliation: z.string().trim().min(2, bi('请填写工作单位', 'enter the affiliation')).max(200),
  affiliationOrgId: orgId.nullish().describe('The affiliation as a registered organisation (same-organisation conflicts), when it is one.'),
  regionCode: z.string().regex(/^\d{6}$/, bi('应为 6 位行政区划代码', 'must be a 6-digit region code')).describe('GB/T 2260 code of where the expert works (same-city conflicts).'),
  conflictOrgIds: z.array(orgId).max(50).optional().describe('Organisations the expert is in conflict with.'),
};

const Profile = z.object({
  userId: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  accountActive: z.boolean(),
  fields: z.array(z.enum(KEY_INDUSTRIES)),
  affiliation: z.string(),
  affiliationOrg: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  regionCode: z.string(),
  regionName: z.string(),
  regionPath: z.string().describe('Codes from the national root down, e.g. 000000/210000/210100/210102.'),
  conflictOrgs: z.array(z.object({ id: z.uuid(), name: z.string() })),
  active: z.boolean(),
  load: z.number().int().describe('Live assignments the expert carries now.'),
  updatedAt: z.date(),
});

const Criterion = z.strictObject({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, bi('标识为 1–32 位小写字母、数字或下划线，以字母开头', '1–32 lower-case letters, digits or _, starting with a letter')),
  name: z.string().trim().min(1, bi('请填写评分项名称', 'enter the criterion name')).max(60),
  weight: z.number().positive(bi('权重须大于 0', 'the weight must be positive')).max(100).describe('Percent; the weights of a sheet add up to 100.'),
  min: z.number().min(0).max(1000),
  max: z.number().min(0).max(1000),
});

const SheetFields = {
  criteria: z.array(Criterion).min(1, bi('至少设置一个评分项', 'list at least one criterion')).max(20),
  commentBelow: z.number().int().min(0).max(100).describe('A weighted total (0–100) below this needs a comment.'),
  expertsPerApplication: z.number().int().min(1).max(9),
  sameCityConflict: z.boolean().describe("Experts working in the space's city are in conflict."),
};

const Sheet = z.object({
  criteria: z.array(z.object({ key: z.string(), name: z.string(), weight: z.number(), min: z.number(), max: z.number() })),
  commentBelow: z.number(),
  expertsPerApplication: z.number(),
  sameCityConflict: z.boolean(),
  revision: z.number().int().describe('Send it back with a save; 0 while the call uses the default sheet.'),
  isDefault: z.boolean(),
});

const ExpertRef = z.object({ userId: z.uuid(), displayName: z.string(), username: z.string() });
const Scores = z.record(z.string(), z.number());

const Assignment = z.object({
  id: z.uuid(),
  expert: ExpertRef,
  state: z.enum(['assigned', 'declared', 'declined', 'submitted']),
  assignedAt: z.date(),
  declaredAt: z.date().nullable(),
  declinedAt: z.date().nullable(),
  declineReason: z.string().nullable(),
  scores: Scores.nullable(),
  total: z.number().nullable(),
  comment: z.string().nullable(),
  submittedAt: z.date().nullable(),
});

const StageApplication = z.object({
  id: z.uuid(),
  space: z.object({ id: z.uuid(), name: z.string(), industry: z.enum(KEY_INDUSTRIES), regionName: z.string() }),
  operator: z.object({ id: z.uuid(), name: z.string() }),
  status: z.string(),
  stageKey: z.string().nullable(),
  submittedAt: z.date().nullable(),
  assignments: z.array(Assignment),
});

const StageRef = z.object({ key: z.string(), name: z.string(), nameEn: z.string() });
const StageQuery = z.strictObject({
  callId: uuid('应为申报批次编号', 'must be a call id'),
  stageKey: z.string().min(1).max(60),
});

const MyAssignment = z.object({
  id: z.uuid(),
  applicationId: z.uuid(),
  spaceName: z.string(),
  industry: z.enum(KEY_INDUSTRIES),
  call: z.object({ id: z.uuid(), title: z.string() }),
  stage: StageRef,
  open: z.boolean().describe('The application is still at this stage: declaring and scoring are possible.'),
  state: z.enum(['assigned', 'declared', 'declined', 'submitted']),
  assignedAt: z.date(),
  declaredAt: z.date().nullable(),
  declinedAt: z.date().nullable(),
  submittedAt: z.date().nullable(),
  scores: Scores.nullable(),
  total: z.number().nullable(),
  comment: z.string().nullable(),
  sheet: z.object({ criteria: Sheet.shape.criteria, commentBelow: z.number() }),
});

const Results = z.object({
  call: z.object({ id: z.uuid(), title: z.string() }),
  stage: StageRef,
  sheet: Sheet,
  items: z.array(
    z.object({
      applicationId: z.uuid(),
      spaceName: z.string(),
      operatorName: z.string(),
      industry: z.enum(KEY_INDUSTRIES),
      status: z.string(),
      stageKey: z.string().nullable(),
      rank: z.number().int().nullable().describe('1-based by trimmed mean, then mean; null without scores.'),
      mean: z.number().nullable(),
      trimmedMean: z.number().nullable().describe('One highest and one lowest dropped with three or more scores; otherwise the mean.'),
      scores: z.array(z.object({ expert: ExpertRef, total: z.number(), scores: Scores, comment: z.string().nullable(), submittedAt: z.date() })),
    }),
  ),
});

export const expertRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.ctx;
  const poolAdmins = signedIn('expert.pool.manage', (a) => can(a, 'expert.pool.manage'));
  const sheetReaders = signedIn('expert.sheet.read', (a) => can(a, 'expert.sheet.read'));
  const stageReaders = signedIn('expert.stage.read', (a) => can(a, 'expert.stage.read'));
  const experts = signedIn('expert.work', (a) => can(a, 'expert.work'));

  // ── Pool ──
  app.get(
    '/experts',
    {
      config: { policy: poolAdmins },
      schema: {
        tags: ['experts'],
        summary: '本单位专家库（按姓名、用户名、单位检索，按领域筛选）',
        querystring: PageQuery.extend({ q: z.string().trim().max(60).optional(), field: z.enum(KEY_INDUSTRIES).optional() }).strict(),
        response: { 200: pageOf(Profile) },
      },
    },
    async (req) => service.listPool(db, actorOf(req), req.query),
  );

  app.post(
    '/experts',
    {
      config: { policy: poolAdmins },
      schema: {
        tags: ['experts'],
        summary: '将具有评审专家角色的账号纳入本单位专家库',
        body: z.strictObject({ username: z.string().trim().min(1, bi('请填写专家的用户名', 'enter the expert’s username')).max(64), ...ProfileFields }),
        response: { 201: Profile },
      },
    },
    async (req, reply) => reply.status(201).send(await service.addToPool(db, actorOf(req), auditContext(req), req.body)),
  );

  app.put(
    '/experts/:userId',
    {
      config: { policy: poolAdmins },
      schema: { tags: ['experts'], summary: '修改专家信息（领域、单位、地区、回避单位）', params: UserId, body: z.strictObject(ProfileFields), response: { 200: Profile } },
    },
    async (req) => service.updatePoolProfile(db, actorOf(req), auditContext(req), req.params.userId, req.body),
  );

  for (const [verb, active] of [['deactivate', false], ['activate', true]] as const)
    app.post(
      `/experts/:userId/${verb}`,
      {
        config: { policy: poolAdmins },
        schema: { tags: ['experts'], summary: active ? '启用专家' : '停用专家（不再安排新的评审）', params: UserId, body: z.strictObject({}).optional(), response: { 200: Profile } },
      },
      async (req) => service.setPoolActive(db, actorOf(req), auditContext(req), req.params.userId, active),
    );

  app.post(
    '/expert/conflicts',
    {
      config: { policy: experts },
      schema: {
        tags: ['experts'],
        summary: '专家申报本人的利益冲突单位（此后不会被安排评审该单位的申请）',
        body: z.strictObject({ orgId, reason: z.string().trim().min(2, bi('请说明利益冲突的原因', 'give the reason')).max(500) }),
        response: { 200: Profile },
      },
    },
    async (req) => service.declareOwnConflict(db, actorOf(req), auditContext(req), req.body),
  );

  app.get(
    '/expert/org-options',
    {
      config: { policy: signedIn('expert.org_options', (a) => can(a, 'expert.pool.manage') || can(a, 'expert.work')) },
      schema: {
        tags: ['experts'],
        summary: '按名称查找单位（专家工作单位、利益冲突单位）',
        querystring: z.strictObject({ q: z.string().trim().max(60).default('') }),
        response: { 200: z.object({ items: z.array(z.object({ id: z.uuid(), name: z.string(), kind: z.string() })) }) },
      },
    },
    async (req) => service.orgOptions(db, actorOf(req), req.query.q),
  );

  // ── Score sheets ──
  app.get(
    '/calls/:callId/score-sheet',
    { config: { policy: sheetReaders }, schema: { tags: ['experts'], summary: '申报批次的专家评分表（未设置时为默认评分表）', params: CallId, response: { 200: Sheet } } },
    async (req) => service.getSheet(db, actorOf(req), req.params.callId),
  );

  app.put(
    '/calls/:callId/score-sheet',
    {
      config: { policy: sheetReaders },
      schema: {
        tags: ['experts'],
        summary: '设置专家评分表（权重之和为 100；首次保存 revision 为 0）',
        params: CallId,
        body: z.strictObject({ revision: revisionInput(0), ...SheetFields }),
        response: { 200: Sheet },
      },
    },
    async (req) => service.saveSheet(db, actorOf(req), auditContext(req), req.params.callId, req.body),
  );

  // ── The expert stage (authority) ──
  app.get(
    '/expert-stage/applications',
    {
      config: { policy: stageReaders },
      schema: {
        tags: ['experts'],
        summary: '处于专家评审环节的申请及其专家安排',
        querystring: StageQuery,
        response: { 200: z.object({ call: z.object({ id: z.uuid(), title: z.string() }), stage: StageRef, sheet: Sheet, canAssign: z.boolean(), items: z.array(StageApplication) }) },
      },
    },
    async (req) => service.stageOverview(db, actorOf(req), req.query),
  );

  app.post(
    '/expert-stage/applications/:id/assignments',
    {
      config: { policy: stageReaders },
      schema: {
        tags: ['experts'],
        summary: '为申请指定评审专家（有利益冲突或已停用的专家不能指定）',
        params: Id,
        body: z.strictObject({
          stageKey: z.string().min(1).max(60),
          expertUserIds: z.array(uuid('应为专家用户编号', 'must be an expert’s user id')).min(1, bi('至少选择一位专家', 'choose at least one expert')).max(9),
        }),
        response: { 201: StageApplication },
      },
    },
    async (req, reply) => reply.status(201).send(await service.assignExperts(db, actorOf(req), auditContext(req), req.params.id, req.body)),
  );

  app.post(
    '/expert-stage/auto-assign',
    {
      config: { policy: stageReaders },
      schema: {
        tags: ['experts'],
        summary: '自动分配评审专家（领域匹配、负载均衡、回避利益冲突）',
        body: z.strictObject({
          callId: uuid('应为申报批次编号', 'must be a call id'),
          stageKey: z.string().min(1).max(60),
          applicationIds: z.array(uuid('应为申请编号', 'must be an application id')).min(1).max(500).optional().describe('Only these applications (default: every application at the stage).'),
        }),
        response: {
          200: z.object({
            perApplication: z.number().int(),
            assigned: z.array(z.object({ applicationId: z.uuid(), spaceName: z.string(), experts: z.array(z.object({ userId: z.uuid(), displayName: z.string(), outsideField: z.boolean() })) })),
            short: z.array(z.object({ applicationId: z.uuid(), spaceName: z.string(), missing: z.number().int() })).describe('Applications that could not get the number of experts wanted.'),
            outsideField: z.array(z.object({ applicationId: z.uuid(), spaceName: z.string(), count: z.number().int() })).describe("Applications that got experts from outside the space's field (too few matched)."),
          }),
        },
      },
    },
    async (req) => service.autoAssign(db, actorOf(req), auditContext(req), req.body),
  );

  app.delete(
    '/expert-stage/assignments/:id',
    { config: { policy: stageReaders }, schema: { tags: ['experts'], summary: '撤销尚未评分的专家安排', params: Id, response: { 204: z.null() } } },
    async (req, reply) => {
      await service.removeAssignment(db, actorOf(req), auditContext(req), req.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/expert-stage/results',
    { config: { policy: stageReaders }, schema: { tags: ['experts'], summary: '专家评审结果与排名', querystring: StageQuery, response: { 200: Results } } },
    async (req) => service.stageResults(db, actorOf(req), req.query),
  );

  app.get(
    '/expert-stage/results.xlsx',
    { config: { policy: stageReaders, rateLimit: EXPORT_RATE }, schema: { tags: ['experts'], summary: '导出专家评审结果（Excel）', querystring: StageQuery } },
    async (req, reply) => {
      const out = await service.stageResultsXlsx(db, actorOf(req), auditContext(req), req.query);
      return sendGenerated(reply, XLSX, out);
    },
  );

  // ── The expert's own work ──
  app.get(
    '/expert/assignments',
    {
      config: { policy: experts },
      schema: { tags: ['experts'], summary: '我的评审任务', response: { 200: z.object({ declarationText: z.string(), items: z.array(MyAssignment) }) } },
    },
    async (req) => service.myAssignments(db, actorOf(req)),
  );

  app.post(
    '/expert/assignments/:id/declare',
    {
      config: { policy: experts },
      schema: {
        tags: ['experts'],
        summary: '签署无利益冲突声明（签署后方可查看申报材料）',
        params: Id,
        body: z.strictObject({ confirm: z.literal(true, bi('须确认声明内容', 'the declaration must be confirmed')) }),
        response: { 200: MyAssignment },
      },
    },
    async (req) => service.declareNoConflict(db, actorOf(req), auditContext(req), req.params.id),
  );

  app.post(
    '/expert/assignments/:id/decline',
    {
      config: { policy: experts },
      schema: {
        tags: ['experts'],
        summary: '申请回避（不参加该申请的评审）',
        params: Id,
        body: z.strictObject({ reason: z.string().trim().min(2, bi('请说明回避原因', 'give the reason')).max(500) }),
        response: { 200: MyAssignment },
      },
    },
    async (req) => service.declineAssignment(db, actorOf(req), auditContext(req), req.params.id, req.body),
  );

  app.post(
    '/expert/assignments/:id/scores',
    {
      config: { policy: experts },
      schema: {
        tags: ['experts'],
        summary: '提交评分（每个评分项；总分由系统按权重计算；只能提交一次）',
        params: Id,
        body: z.strictObject({
          scores: z.record(z.string().max(32), z.number().finite()),
          comment: z.string().trim().max(2000).optional().describe("Required when the weighted total is below the sheet's threshold."),
        }),
        response: { 200: MyAssignment },
      },
    },
    async (req) => service.submitScores(db, actorOf(req), auditContext(req), req.params.id, req.body),
  );

  app.get(
    '/expert/assignments/:id/panel',
    {
      config: { policy: experts },
      schema: {
        tags: ['experts'],
        summary: '同组专家的评分和意见（提交本人评分后可见）',
        params: Id,
        response: { 200: z.object({ items: z.array(z.object({ expert: z.string(), mine: z.boolean(), total: z.number(), scores: Scores, comment: z.string().nullable(), submittedAt: z.date() })) }) },
      },
    },
    async (req) => service.panel(db, actorOf(req), req.params.id),
  );
};
