import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { queryFlag } from '../../shared/http/params.ts';
import { KEY_INDUSTRIES } from '../../shared/domain.ts';
import { actorOf, auditContext } from '../../shared/http/context.ts';
import { EXPORT_RATE, XLSX, sendGenerated } from '../../shared/http/download.ts';
import { PageQuery, pageOf } from '../../shared/http/pagination.ts';
import { signedIn } from '../../shared/http/policy.ts';
import { revisionInput } from '../../shared/http/revision.ts';
import { sortQuery } from '../../shared/http/sorting.ts';
import { yearQueryField } from '../../shared/http/year.ts';
import { bi } from '../../shared/i18n-errors.ts';
import { exportJurisdictionFinancing } from './excel.ts';
import { can } from './policy.ts';
import { FUND_SORTS, INVESTOR_SORTS, JURISDICTION_SORTS, REQUEST_SORTS } from './repository.ts';
import { FUND_KINDS, INVESTMENT_TYPES, INVESTOR_TYPES, REQUEST_STATES, ROUNDS } from './schema.ts';
import * as service from './service.ts';

const uuid = (zh: string, en: string) => z.uuid(bi(zh, en));
const text = (zh: string, min: number, max: number) =>
  z
    .string(bi(`请填写${zh}`, 'required'))
    .trim()
    .min(min, bi(`请填写${zh}${min > 1 ? `（至少 ${min} 个字）` : ''}`, `enter it${min > 1 ? ` (at least ${min} characters)` : ''}`))
    .max(max, bi(`${zh}不超过 ${max} 字`, `at most ${max} characters`));
const optionalText = (zh: string, max: number) => z.string().trim().max(max, bi(`${zh}不超过 ${max} 字`, `at most ${max} characters`)).nullable().optional();
/** 万元 with at most two decimals (whole 元), above 0, up to 100 亿元. */
const wan = (zh: string) =>
  z
    .number(bi(`${zh}应为数字（单位：万元）`, 'must be a number (10k yuan)'))
    .gt(0, bi(`${zh}应大于 0`, 'must be above 0'))
    .max(1_000_000, bi(`${zh}过大`, 'too large'))
    .refine((v) => Math.abs(Math.round(v * 100) - v * 100) < 1e-6, bi(`${zh}最多保留两位小数（单位：万元）`, 'at most two decimals'))
    .describe('万元');
const day = (zh: string) => z.iso.date(bi(`${zh}应为 YYYY-MM-DD`, 'must be a date YYYY-MM-DD')).refine((v) => v >= '1990-01-01', bi(`${zh}不能早于 1990 年`, 'cannot be before 1990'));
const field = z.enum(KEY_INDUSTRIES, bi('领域无效', 'not a field'));

const FundBody = z.strictObject({
  name: text('基金名称', 2, 100),
  kind: z.enum(FUND_KINDS, bi('基金类型应为自有基金或合作基金', 'own or partner')),
  sizeWan: wan('基金规模'),
  manager: text('基金管理人', 2, 100),
  partner: optionalText('合作方', 100).describe('Required for a partner fund.'),
  since: day('设立日期'),
  active: z.boolean(bi('应为是或否', 'must be true or false')),
});
const Fund = z.object({
  id: z.uuid(),
  spaceId: z.uuid(),
  spaceName: z.string(),
  name: z.string(),
  kind: z.enum(FUND_KINDS),
  sizeWan: z.number().describe('万元'),
  manager: z.string(),
  partner: z.string().nullable(),
  since: z.string(),
  active: z.boolean(),
  revision: z.number().int(),
});

const InvestorBody = z.strictObject({
  name: text('投资方名称', 2, 100),
  type: z.enum(INVESTOR_TYPES, bi('投资方类型应为机构或个人', 'organisation or person')),
  fields: z.array(field).min(1, bi('请至少选择一个关注领域', 'choose at least one field')).max(10, bi('关注领域不超过 10 个', 'at most 10 fields')),
  intro: optionalText('简介', 1000),
});
const Investor = z.object({ id: z.uuid(), name: z.string(), type: z.enum(INVESTOR_TYPES), fields: z.array(z.enum(KEY_INDUSTRIES)), intro: z.string().nullable() });

const RequestBody = z.strictObject({
  incubateeId: uuid('应为在孵团队/企业编号', 'must be an incubatee id'),
  amountWan: wan('融资金额'),
  round: z.enum(ROUNDS, bi('融资轮次无效', 'not a round')),
  purpose: text('资金用途', 4, 1000),
  field: field.optional().describe('Defaults to the incubatee’s industry.'),
});
const Request = z.object({
  id: z.uuid(),
  spaceId: z.uuid(),
  spaceName: z.string(),
  incubateeId: z.uuid(),
  incubateeName: z.string(),
  amountWan: z.number(),
  round: z.enum(ROUNDS),
  purpose: z.string(),
  field: z.enum(KEY_INDUSTRIES),
  state: z.enum(REQUEST_STATES),
  investedWan: z.number(),
  createdAt: z.date(),
  revision: z.number().int(),
});
const RequestDetail = Request.extend({
  investments: z.array(
    z.object({ id: z.uuid(), investorId: z.uuid().nullable(), fundId: z.uuid().nullable(), investorName: z.string(), investedOn: z.string(), amountWan: z.number(), type: z.enum(INVESTMENT_TYPES), rosterFinancingId: z.uuid().nullable() }),
  ),
});

const SpaceParams = z.strictObject({ spaceId: uuid('应为众创空间编号', 'must be a space id') });
const FundParams = z.strictObject({ id: uuid('应为基金编号', 'must be a fund id') });
const RequestParams = z.strictObject({ id: uuid('应为融资需求编号', 'must be a request id') });

export const financingRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.ctx;
  const managers = signedIn('financing.manage', (a) => can(a, 'financing.manage'));

  app.get(
    '/financing/funds',
    {
      config: { policy: managers },
      schema: {
        tags: ['financing'],
        summary: '本单位众创空间的基金',
        querystring: PageQuery.extend({ spaceId: uuid('应为众创空间编号', 'must be a space id').optional(), kind: z.enum(FUND_KINDS, bi('基金类型无效', 'not a fund kind')).optional(), ...sortQuery(FUND_SORTS, 'by space and name') }).strict(),
        response: { 200: pageOf(Fund) },
      },
    },
    async (req) => service.listFunds(db, actorOf(req), req.query),
  );

  app.post(
    '/financing/spaces/:spaceId/funds',
    { config: { policy: managers }, schema: { tags: ['financing'], summary: '登记基金', params: SpaceParams, body: FundBody, response: { 201: Fund } } },
    async (req, reply) => reply.status(201).send(await service.createFund(db, actorOf(req), auditContext(req), req.params.spaceId, req.body)),
  );

  app.put(
    '/financing/funds/:id',
    { config: { policy: managers }, schema: { tags: ['financing'], summary: '修改基金', params: FundParams, body: FundBody.extend({ revision: revisionInput() }), response: { 200: Fund } } },
    async (req) => service.editFund(db, actorOf(req), auditContext(req), req.params.id, req.body),
  );

  app.delete(
    '/financing/funds/:id',
    {
      config: { policy: managers },
      schema: { tags: ['financing'], summary: '删除误登记的基金（已有投资的不能删除）', params: FundParams, querystring: z.strictObject({ revision: z.coerce.number(bi('应为版本号', 'a revision')).int().min(1).max(2_147_483_647) }), response: { 204: z.null() } },
    },
    async (req, reply) => {
      await service.deleteFund(db, actorOf(req), auditContext(req), req.params.id, req.query.revision);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/financing/investors',
    {
      config: { policy: managers },
      schema: {
        tags: ['financing'],
        summary: '平台登记的投资方（公开信息）',
        querystring: PageQuery.extend({ field: field.optional(), q: z.string().trim().max(100, bi('关键词不超过 100 字', 'at most 100 characters')).optional(), ...sortQuery(INVESTOR_SORTS, 'by name') }).strict(),
        response: { 200: pageOf(Investor) },
      },
    },
    async (req) => service.listInvestors(db, actorOf(req), req.query),
  );

  app.post(
    '/financing/investors',
    { config: { policy: managers }, schema: { tags: ['financing'], summary: '登记投资方（仅公开信息）', body: InvestorBody, response: { 201: Investor } } },
    async (req, reply) => reply.status(201).send(await service.registerInvestor(db, actorOf(req), auditContext(req), req.body)),
  );

  app.get(
    '/financing/requests',
    {
      config: { policy: managers },
      schema: {
        tags: ['financing'],
        summary: '在孵企业融资需求',
        querystring: PageQuery.extend({
          spaceId: uuid('应为众创空间编号', 'must be a space id').optional(),
          state: z.enum(REQUEST_STATES, bi('状态无效', 'not a state')).optional(),
          q: z.string().trim().max(100, bi('关键词不超过 100 字', 'at most 100 characters')).optional().describe('Incubatee name contains.'),
          ...sortQuery(REQUEST_SORTS, 'the newest first'),
        }).strict(),
        response: { 200: pageOf(Request) },
      },
    },
    async (req) => service.listRequests(db, actorOf(req), req.query),
  );

  app.post(
    '/financing/spaces/:spaceId/requests',
    { config: { policy: managers }, schema: { tags: ['financing'], summary: '登记在孵企业融资需求', params: SpaceParams, body: RequestBody, response: { 201: RequestDetail } } },
    async (req, reply) => reply.status(201).send(await service.raiseRequest(db, actorOf(req), auditContext(req), req.params.spaceId, req.body)),
  );

  app.get(
    '/financing/requests/:id',
    { config: { policy: managers }, schema: { tags: ['financing'], summary: '融资需求详情（含投资记录）', params: RequestParams, response: { 200: RequestDetail } } },
    async (req) => service.readRequest(db, actorOf(req), req.params.id),
  );

  app.get(
    '/financing/requests/:id/matches',
    { config: { policy: managers }, schema: { tags: ['financing'], summary: '匹配投资方（关注领域相符）', params: RequestParams, querystring: PageQuery.extend(sortQuery(INVESTOR_SORTS, 'by name')).strict(), response: { 200: pageOf(Investor) } } },
    async (req) => service.matchInvestors(db, actorOf(req), req.params.id, req.query),
  );

  app.post(
    '/financing/requests/:id/withdraw',
    { config: { policy: managers }, schema: { tags: ['financing'], summary: '撤回融资需求', params: RequestParams, body: z.strictObject({ revision: revisionInput() }), response: { 200: RequestDetail } } },
    async (req) => service.withdrawRequest(db, actorOf(req), auditContext(req), req.params.id, req.body),
  );

  app.post(
    '/financing/requests/:id/investments',
    {
      config: { policy: managers },
      schema: {
        tags: ['financing'],
        summary: '登记获得投资（计入在孵企业融资记录）',
        params: RequestParams,
        body: z.strictObject({
          investedOn: day('投资日期'),
          amountWan: wan('投资金额'),
          type: z.enum(INVESTMENT_TYPES, bi('投资类型应为股权、债权或其他', 'equity, debt or other')),
          investorId: uuid('应为投资方编号', 'must be an investor id').optional().describe('A registered investor, or …'),
          fundId: uuid('应为基金编号', 'must be a fund id').optional().describe('… one of the space’s funds.'),
        }),
        response: { 200: RequestDetail },
      },
    },
    async (req) => service.recordInvestment(db, actorOf(req), auditContext(req), req.params.id, req.body),
  );

  // The authority's view (issue 16): its jurisdiction's funds and financing per filed space.
  const overseers = signedIn('financing.oversee', (a) => can(a, 'financing.oversee'));
  const Requests = z.object({ requests: z.number().int(), requestedWan: z.number().describe('万元') });

  app.get(
    '/financing/jurisdiction',
    {
      config: { policy: overseers },
      schema: {
        tags: ['financing'],
        summary: '辖区基金与投融资统计：各备案空间的在管基金（万元）、当年融资需求（按状态）与获得投资；标出未提供投融资服务的空间（000 §三.六）',
        querystring: PageQuery.extend({
          year: yearQueryField(),
          noServiceOnly: queryFlag().optional(),
          ...sortQuery(JURISDICTION_SORTS, 'the most invested first'),
        }).strict(),
        response: {
          200: pageOf(
            z.object({
              spaceId: z.uuid(),
              spaceName: z.string(),
              regionName: z.string(),
              funds: z.number().int().describe('Active funds now.'),
              fundSizeWan: z.number().describe('Their size, 万元.'),
              ownFundSizeWan: z.number().describe('Of which the space’s own angel/seed funds, 万元.'),
              requests: z.number().int().describe('Financing requests raised in the year (Beijing).'),
              open: z.number().int(),
              funded: z.number().int(),
              withdrawn: z.number().int(),
              requestedWan: z.number(),
              investments: z.number().int().describe('Investments dated in the year.'),
              investedWan: z.number(),
              noService: z.boolean().describe('No active fund, no request raised and no investment recorded in the year.'),
            }),
          ).extend({
            year: z.number().int(),
            totals: z.object({
              spaces: z.number().int(),
              noService: z.number().int(),
              funds: z.number().int(),
              fundSizeWan: z.number(),
              requests: z.number().int(),
              requestedWan: z.number(),
              investments: z.number().int(),
              investedWan: z.number(),
            }),
            byState: z.array(Requests.extend({ state: z.enum(REQUEST_STATES) })),
            byRound: z.array(Requests.extend({ round: z.enum(ROUNDS) })),
          }),
        },
      },
    },
    async (req) => service.jurisdictionFinancing(db, actorOf(req), req.query),
  );

  app.get(
    '/financing/jurisdiction.xlsx',
    { config: { policy: overseers, rateLimit: EXPORT_RATE }, schema: { tags: ['financing'], summary: '导出辖区基金与投融资统计（Excel：各空间、需求按状态、按轮次）', querystring: z.strictObject({ year: yearQueryField() }) } },
    async (req, reply) => sendGenerated(reply, XLSX, await exportJurisdictionFinancing(db, actorOf(req), auditContext(req), req.query.year)),
  );
};
