import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { STAGE_KINDS } from '../../shared/chains.ts';
import { APPLICATION_STATUSES } from '../../shared/domain.ts';
import { actorOf, auditContext } from '../../shared/http/context.ts';
import { PageQuery, pageOf } from '../../shared/http/pagination.ts';
import { sortQuery } from '../../shared/http/sorting.ts';
import { signedIn } from '../../shared/http/policy.ts';
import { bi } from '../../shared/i18n-errors.ts';
import { canApplication } from '../applications/index.ts';
import { TEMPLATE_KEYS, type TemplateKey } from '../notify/index.ts';
import { worksStages } from '../workflow/index.ts';
import { editsTemplates } from './policy.ts';
import { REVIEW_OUTCOMES } from './schema.ts';
import * as service from './service.ts';
import * as templates from './templates.ts';

const Id = z.strictObject({ id: z.uuid(bi('应为申请编号（UUID）', 'must be an application id (UUID)')) });
const StageKey = z.string().trim().min(1, bi('请指明办理的环节', 'name the stage')).max(64);
const Note = (zh: string, en: string) => z.string().trim().min(2, bi(zh, en)).max(2000);
const IsoDateTime = z.iso.datetime({ offset: true, message: bi('应为带时区的时间（如 2026-07-20T17:00:00+08:00）', 'must be a date-time with offset') });

/** One verdict per checklist item: a conclusion and a note on each (001 §三.2 "严禁审核走过场"). */
const Checklist = z
  .array(
    z.strictObject({
      key: z.string().trim().min(1).max(64).describe("The checklist item's key (see the stage's checklist)."),
      verdict: z.enum(['ok', 'problem', 'not_applicable'], bi('结论应为 符合/存在问题/不适用', 'must be ok, problem or not_applicable')),
      note: z.string().trim().min(1, bi('每一核查项都须填写核查意见（严禁审核走过场）', 'every item needs a note')).max(1000).describe('What was checked and found; required on every item.'),
    }),
  )
  .max(50);

const StageSummary = z.object({
  key: z.string(),
  kind: z.enum(STAGE_KINDS),
  name: z.string(),
  nameEn: z.string(),
  enteredAt: z.date().nullable(),
  dueAt: z.date().nullable(),
  overdue: z.boolean().describe('The due date has passed while the stage still runs.'),
});

const ChecklistItems = z.array(z.object({ key: z.string(), label: z.string(), labelEn: z.string() }));

const QueueItem = z.object({
  id: z.uuid(),
  status: z.enum(APPLICATION_STATUSES),
  round: z.number().int(),
  call: z.object({ id: z.uuid(), title: z.string() }),
  space: z.object({ id: z.uuid(), name: z.string() }),
  operator: z.object({ id: z.uuid(), name: z.string() }),
  stage: StageSummary,
  evaluationOverall: z.string().nullable().describe("The self-assessment's overall result at submission (pass / fail / …), null without a rule set."),
});

const FieldChange = z.object({ field: z.string(), before: z.unknown(), after: z.unknown() });
const Rounds = {
  rounds: z.array(z.object({ round: z.number().int(), submittedAt: z.date(), attachments: z.array(z.object({ slotKey: z.string(), fileName: z.string(), sha256: z.string() })) })),
  diffs: z.array(
    z.object({
      fromRound: z.number().int(),
      toRound: z.number().int(),
      basicInfo: z.array(FieldChange),
      report: z.array(FieldChange),
      indicators: z.array(FieldChange),
      attachments: z.array(z.object({ slotKey: z.string(), change: z.enum(['added', 'removed']), fileName: z.string(), sha256: z.string() })),
    }),
  ).describe('Each round against the one before it.'),
};
const ItemComments = z.array(z.object({ field: z.string(), comment: z.string() }));

const StageWork = z.object({
  id: z.uuid(),
  kind: z.string().describe('The kind of submission (filing, change_report, …): the page shows the material of that kind.'),
  status: z.enum(APPLICATION_STATUSES),
  round: z.number().int(),
  resubmitDueAt: z.date().nullable(),
  submittedAt: z.date().nullable(),
  call: z.object({ id: z.uuid(), title: z.string() }),
  space: z.object({ id: z.uuid(), name: z.string() }),
  operator: z.object({ id: z.uuid(), name: z.string() }),
  stage: StageSummary.extend({ checklist: ChecklistItems }),
  chain: z.array(z.object({ key: z.string(), kind: z.enum(STAGE_KINDS), name: z.string(), nameEn: z.string() })).describe("Every stage of the call's chain, in order."),
  abilities: z.object({ pass: z.boolean(), return: z.boolean(), reject: z.boolean(), extend_stage: z.boolean() }).describe('What the actor may do now (the server checks again).'),
  reviser: z.object({ zh: z.string(), en: z.string() }).describe('Who revises it when returned (退回{zh}): the applicant, or whom its kind names (a support: 发放部门).'),
  scoring: z.object({ assigned: z.number().int(), submitted: z.number().int() }).nullable().describe('Expert stages: assigned experts and submitted score sheets.'),
  evaluation: z.record(z.string(), z.unknown()).nullable().describe('The evaluation snapshot taken at submission.'),
  reviews: z.array(
    z.object({
      id: z.uuid(),
      stageKey: z.string(),
      round: z.number().int(),
      outcome: z.enum(REVIEW_OUTCOMES),
      checklist: z.array(z.object({ key: z.string(), label: z.string(), labelEn: z.string(), verdict: z.enum(['ok', 'problem', 'not_applicable']), note: z.string() })),
      note: z.string(),
      itemComments: ItemComments,
      resubmitDueAt: z.date().nullable(),
      reviewerUserId: z.uuid(),
      reviewerOrgName: z.string(),
      at: z.date(),
    }),
  ),
  ...Rounds,
});

const Templates = z.object({
  items: z.array(
    z.object({
      key: z.enum(TEMPLATE_KEYS),
      placeholders: z.array(z.string()).describe('What this notice may name in {{…}}'),
      default: z.object({ title: z.string(), body: z.string() }),
      own: z.object({ title: z.string(), body: z.string(), updatedAt: z.date() }).nullable(),
    }),
  ),
});

export const reviewRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.ctx;
  const workers = signedIn('review.work', worksStages);
  const readers = signedIn('application.read', (a) => canApplication(a, 'application.read'));
  const templateEditors = signedIn('notification_template.edit', editsTemplates);

  app.get(
    '/review/queue',
    {
      config: { policy: workers },
      schema: {
        tags: ['review'],
        summary: '审核待办：本人所办环节、辖区内的申请（按办理期限排序，标出逾期）',
        querystring: PageQuery.extend({
          callId: z.uuid(bi('应为申报批次编号', 'must be a call id')).optional(),
          stageKey: z.string().trim().max(64).optional(),
          status: z.enum(service.QUEUE_STATUSES).optional(),
          q: z.string().trim().max(100).optional(),
          ...sortQuery(service.QUEUE_SORTS, 'soonest due first'),
        }).strict(),
        response: {
          200: pageOf(QueueItem).extend({
            calls: z.array(z.object({ id: z.uuid(), title: z.string() })).describe("The calls the actor's queue holds (the call filter's choices)."),
            stages: z.array(z.object({ key: z.string(), kind: z.enum(STAGE_KINDS), name: z.string(), nameEn: z.string(), checklist: ChecklistItems })).describe('The stages the actor works, with their checklists (for the stage filter and bulk pass).'),
          }),
        },
      },
    },
    async (req) => service.reviewQueue(db, actorOf(req), req.query),
  );

  app.get(
    '/review/applications/:id',
    {
      config: { policy: workers },
      schema: { tags: ['review'], summary: '环节办理：核查清单、可执行操作、历次审核意见、自评结果、各轮提交差异', params: Id, response: { 200: StageWork } },
    },
    async (req) => service.getStageWork(db, actorOf(req), req.params.id),
  );

  app.get(
    '/review/applications/:id/rounds',
    {
      config: { policy: readers },
      schema: {
        tags: ['review'],
        summary: '各轮提交及其差异，最近一次退回意见（申请人与审核人员均可查看）',
        params: Id,
        response: {
          200: z.object({
            ...Rounds,
            lastReturn: z
              .object({ stageKey: z.string(), stageName: z.string(), round: z.number().int(), note: z.string(), itemComments: ItemComments, resubmitDueAt: z.date().nullable(), at: z.date() })
              .nullable(),
          }),
        },
      },
    },
    async (req) => service.getRounds(db, actorOf(req), req.params.id),
  );

  app.post(
    '/review/applications/:id/pass',
    {
      config: { policy: workers },
      schema: {
        tags: ['review'],
        summary: '通过当前环节（每一核查项须有结论和意见；存在问题的不能通过）',
        params: Id,
        body: z.strictObject({ stageKey: StageKey, checklist: Checklist, note: Note('请填写审核意见', 'give your opinion') }),
        response: { 200: StageWork },
      },
    },
    async (req) => service.passStage(db, actorOf(req), auditContext(req), req.params.id, req.body),
  );

  app.post(
    '/review/applications/:id/return',
    {
      config: { policy: workers },
      schema: {
        tags: ['review'],
        summary: '退回修改（逐项意见和重新提交期限）',
        params: Id,
        body: z.strictObject({
          stageKey: StageKey,
          note: Note('请填写退回理由', 'give the reason'),
          itemComments: z
            .array(
              z.strictObject({
                field: z.string().trim().min(1, bi('请指明需修改的项目', 'name the item')).max(200).describe('The field or material slot concerned, e.g. `basicInfo.teamTotal`, `attachments.premises_proof`.'),
                comment: z.string().trim().min(1, bi('请填写修改意见', 'give the comment')).max(1000),
              }),
            )
            .min(1, bi('请至少填写一条逐项修改意见', 'give at least one comment'))
            .max(100),
          resubmitDueAt: IsoDateTime,
        }),
        response: { 200: StageWork },
      },
    },
    async (req) => service.returnForRevision(db, actorOf(req), auditContext(req), req.params.id, req.body),
  );

  app.post(
    '/review/applications/:id/reject',
    {
      config: { policy: workers },
      schema: {
        tags: ['review'],
        summary: '不予通过（须写明理由）',
        params: Id,
        body: z.strictObject({ stageKey: StageKey, note: Note('请填写不予通过的理由', 'give the reason') }),
        response: { 200: StageWork },
      },
    },
    async (req) => service.rejectApplication(db, actorOf(req), auditContext(req), req.params.id, req.body),
  );

  app.post(
    '/review/bulk-pass',
    {
      config: { policy: workers },
      schema: {
        tags: ['review'],
        summary: '批量通过（同一批次同一环节；数量须与确认的一致；全部成功或全部不执行）',
        body: z.strictObject({
          stageKey: StageKey,
          callId: z.uuid(bi('应为申报批次编号', 'must be a call id')),
          applicationIds: z
            .array(z.uuid(bi('应为申请编号', 'must be an application id')))
            .min(1, bi('请至少选择一项申请', 'select at least one'))
            .max(200, bi('一次最多批量通过 200 项', 'at most 200 at once')),
          expectedCount: z.number().int().min(1).describe('The count shown in the confirmation; must equal the number of ids.'),
          checklist: Checklist,
          note: Note('请填写审核意见', 'give your opinion'),
        }),
        response: { 200: z.object({ passed: z.number().int(), ids: z.array(z.uuid()) }) },
      },
    },
    async (req) => service.bulkPass(db, actorOf(req), auditContext(req), req.body),
  );

  app.post(
    '/review/applications/:id/stage-due',
    {
      config: { policy: workers },
      schema: {
        tags: ['review'],
        summary: '调整当前环节的办理期限（环节主管部门管理员，记入审计）',
        params: Id,
        body: z.strictObject({ dueAt: IsoDateTime, reason: Note('请填写调整理由', 'give the reason').max(500) }),
        response: { 200: StageWork },
      },
    },
    async (req) => service.setStageDue(db, actorOf(req), auditContext(req), req.params.id, req.body),
  );

  const TemplateParams = z.strictObject({ key: z.enum(TEMPLATE_KEYS as [TemplateKey, ...TemplateKey[]], bi('没有该通知模板', 'no such notice template')) });

  app.get(
    '/notification-templates',
    {
      config: { policy: templateEditors },
      schema: { tags: ['review'], summary: '通知模板：默认文字与本部门的措辞', response: { 200: Templates } },
    },
    async (req) => templates.listNotificationTemplates(db, actorOf(req)),
  );

  app.put(
    '/notification-templates/:key',
    {
      config: { policy: templateEditors },
      schema: {
        tags: ['review'],
        summary: '修改本部门的通知措辞（仅可使用已知占位符）',
        params: TemplateParams,
        body: z.strictObject({
          title: z.string().trim().min(1, bi('请填写标题', 'give a title')).max(200),
          body: z.string().trim().min(1, bi('请填写正文', 'give the text')).max(2000),
        }),
        response: { 200: Templates },
      },
    },
    async (req) => templates.saveNotificationTemplate(db, actorOf(req), auditContext(req), req.params.key, req.body),
  );

  app.delete(
    '/notification-templates/:key',
    {
      config: { policy: templateEditors },
      schema: { tags: ['review'], summary: '恢复默认通知措辞', params: TemplateParams, response: { 200: Templates } },
    },
    async (req) => templates.resetNotificationTemplate(db, actorOf(req), auditContext(req), req.params.key),
  );
};
