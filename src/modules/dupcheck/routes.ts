import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, auditContext } from '../../shared/http/context.ts';
import { PageQuery, pageOf } from '../../shared/http/pagination.ts';
import { signedIn } from '../../shared/http/policy.ts';
import { revisionInput } from '../../shared/http/revision.ts';
import { sortQuery } from '../../shared/http/sorting.ts';
import { bi } from '../../shared/i18n-errors.ts';
import { PAYMENT_STATES } from '../supports/index.ts';
import { can } from './policy.ts';
import { ALERT_SORTS } from './repository.ts';
import { ALERT_STATES, DISPOSITIONS, DUP_RULES } from './schema.ts';
import * as service from './service.ts';

const Id = z.strictObject({ id: z.uuid(bi('应为预警编号', 'must be an alert id')) });
const LinkId = z.strictObject({ id: z.uuid(bi('应为关联主体记录编号', 'must be an entity link id')) });

const Overlap = z.object({ from: z.string(), to: z.string(), months: z.number() }).nullable();
const Summary = z.object({
  id: z.uuid(),
  rule: z.enum(DUP_RULES).describe('D1 同一主体同类同期同项目; D2 同一票据或合同; D3 同一空间同类同期多部门; D4 关联主体群超上限; D5 多级奖励未按差额; D6 统计报表财政补贴与登记不符'),
  state: z.enum(ALERT_STATES),
  spaceId: z.uuid().nullable(),
  spaceName: z.string().nullable(),
  returnId: z.uuid().nullable(),
  supports: z.array(z.object({ id: z.uuid(), grantorName: z.string(), projectTitle: z.string(), amountYuan: z.number(), periodFrom: z.string(), periodTo: z.string() })),
  overlap: Overlap,
  detectedAt: z.date(),
  reopenedAt: z.date().nullable(),
  disposedAt: z.date().nullable(),
});
const Fact = z.object({
  id: z.uuid(),
  grantorOrgId: z.uuid(),
  grantorName: z.string(),
  category: z.string(),
  beneficiaryUscc: z.string(),
  beneficiaryName: z.string(),
  beneficiaryRole: z.string(),
  spaceId: z.uuid(),
  spaceName: z.string(),
  projectTitle: z.string(),
  projectCode: z.string().nullable(),
  periodFrom: z.string(),
  periodTo: z.string(),
  invoiceNos: z.array(z.string()),
  contractNos: z.array(z.string()),
  areaM2: z.number().nullable(),
  months: z.number().nullable(),
  amountYuan: z.number(),
  grantedOn: z.string(),
  paymentState: z.enum(PAYMENT_STATES),
  status: z.string(),
});
const Detail = Summary.extend({
  explanation: z.record(z.string(), z.unknown()).describe('What the rule found: overlap, shared invoices/contracts, amounts, the two supports\' area against the space\'s filed floor area (D3: filedAreaM2, overlapAreaM2, exceedsFiled), cap and window (D4), levels (D5), declared and recorded figures with the tolerance (D6)'),
  supportFacts: z.array(Fact),
  basis: z.string().nullable(),
  revision: z.number().int(),
  canDispose: z.boolean(),
});
const Link = z.object({
  id: z.uuid(),
  usccA: z.string(),
  usccB: z.string(),
  reason: z.string(),
  recordedByOrgId: z.uuid(),
  recordedBy: z.string(),
  createdBy: z.uuid().nullable(),
  createdAt: z.date(),
  canDelete: z.boolean(),
});
const usccInput = (zh: string) => z.string(bi(`请填写${zh}`, 'required')).trim().min(18, bi(`${zh}应为 18 位`, '18 characters')).max(20, bi(`${zh}应为 18 位`, '18 characters'));

export const dupcheckRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.ctx;
  const readers = signedIn('support_alert.read', (a) => can(a, 'support_alert.read'));
  const linkers = signedIn('entity_link.manage', (a) => can(a, 'entity_link.manage'));

  app.get(
    '/support-alerts',
    {
      config: { policy: readers },
      schema: {
        tags: ['supports'],
        summary: '重复扶持预警（本部门所授扶持及辖区内）',
        querystring: PageQuery.extend({
          rule: z.enum(DUP_RULES, bi('规则应为 D1–D6', 'a rule D1–D6')).optional(),
          state: z.enum(ALERT_STATES, bi('状态无效', 'not a state')).optional(),
          ...sortQuery(ALERT_SORTS, 'the newest first'),
        }).strict(),
        response: { 200: pageOf(Summary) },
      },
    },
    async (req) => service.listAlerts(db, actorOf(req), req.query),
  );

  app.get(
    '/support-alerts/:id',
    { config: { policy: readers }, schema: { tags: ['supports'], summary: '重复扶持预警详情（说明及所涉扶持）', params: Id, response: { 200: Detail } } },
    async (req) => service.getAlert(db, actorOf(req), req.params.id),
  );

  app.post(
    '/support-alerts/:id/dispose',
    {
      config: { policy: readers },
      schema: {
        tags: ['supports'],
        summary: '处置重复扶持预警（误报 / 合理 / 追回 / 暂停）',
        params: Id,
        body: z.strictObject({
          disposition: z.enum(DISPOSITIONS, bi('处置结果应为误报、合理、追回或暂停', 'false_alarm, justified, recover or suspend')),
          basis: z.string(bi('依据应为文字', 'text')).trim().max(2000, bi('依据不超过 2000 字', 'at most 2000 characters')).nullable().optional(),
          revision: revisionInput(),
        }),
        response: { 200: Detail },
      },
    },
    async (req) => service.disposeAlert(db, actorOf(req), auditContext(req), req.params.id, req.body),
  );

  app.get(
    '/entity-links',
    { config: { policy: readers }, schema: { tags: ['supports'], summary: '关联主体（视为同一主体的统一社会信用代码）', querystring: PageQuery.strict(), response: { 200: pageOf(Link) } } },
    async (req) => service.listLinks(db, actorOf(req), req.query),
  );

  app.post(
    '/entity-links',
    {
      config: { policy: linkers },
      schema: {
        tags: ['supports'],
        summary: '登记关联主体',
        body: z.strictObject({
          usccA: usccInput('统一社会信用代码'),
          usccB: usccInput('关联主体的统一社会信用代码'),
          reason: z.string(bi('请填写关联理由', 'required')).trim().min(2, bi('请填写关联理由', 'enter the reason')).max(500, bi('关联理由不超过 500 字', 'at most 500 characters')),
        }),
        response: { 201: Link.omit({ recordedBy: true, canDelete: true }) },
      },
    },
    async (req, reply) => reply.status(201).send(await service.addLink(db, actorOf(req), auditContext(req), req.body)),
  );

  app.delete(
    '/entity-links/:id',
    { config: { policy: linkers }, schema: { tags: ['supports'], summary: '删除关联主体', params: LinkId, response: { 204: z.null() } } },
    async (req, reply) => {
      await service.removeLink(db, actorOf(req), auditContext(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
};
