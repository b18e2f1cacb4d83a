import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, auditContext } from '../../shared/http/context.ts';
import { EXPORT_RATE, XLSX, sendGenerated } from '../../shared/http/download.ts';
import { PageQuery, pageOf } from '../../shared/http/pagination.ts';
import { sortQuery } from '../../shared/http/sorting.ts';
import { signedIn } from '../../shared/http/policy.ts';
import { bi } from '../../shared/i18n-errors.ts';
import { can } from './policy.ts';
import * as service from './service.ts';


const Record = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  orgName: z.string(),
  uscc: z.string().nullable(),
  reason: z.string(),
  subjectType: z.string().nullable().describe("'application' for a fraud finding on an application."),
  subjectId: z.uuid().nullable(),
  evidenceFileId: z.uuid().nullable(),
  foundAt: z.date(),
  banUntil: z.date().describe('Applications are refused until this instant (00:00 Asia/Shanghai of that date).'),
  active: z.boolean(),
});

const Search = z.string().trim().max(100).optional();

export const creditRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.ctx;
  const finders = signedIn('credit.find', (a) => can(a, 'credit.find'));
  const readers = signedIn('credit.read', (a) => can(a, 'credit.read'));

  app.post(
    '/credit/findings',
    {
      config: { policy: finders },
      schema: {
        tags: ['credit'],
        summary: '认定弄虚作假：撤销申请及备案，记入不良科技信用记录（两年内不得申报）',
        body: z.strictObject({
          applicationId: z.uuid(bi('应为申请编号', 'must be an application id')),
          reason: z.string().trim().min(10, bi('认定事由至少 10 个字', 'at least 10 characters')).max(2000, bi('认定事由不超过 2000 字', 'at most 2000 characters')).describe('What was found, as it will stand in the record and the notice.'),
          evidenceFileId: z.uuid(bi('应为证明材料文件编号', 'must be a file id')).describe("Evidence uploaded first through POST /api/files by the actor's authority."),
        }),
        response: { 201: Record },
      },
    },
    async (req, reply) => reply.status(201).send(await service.recordFraudFinding(db, actorOf(req), auditContext(req), req.body)),
  );

  app.get(
    '/credit/records',
    {
      config: { policy: readers },
      schema: {
        tags: ['credit'],
        summary: '不良科技信用记录（主管部门：辖区内单位；运营主体：本单位）',
        querystring: PageQuery.extend({ q: Search, ...sortQuery(service.RECORD_SORTS, 'the newest finding first') }).strict(),
        response: { 200: pageOf(Record) },
      },
    },
    async (req) => service.listCreditRecords(db, actorOf(req), req.query),
  );

  app.get(
    '/credit/records.xlsx',
    {
      config: { policy: readers, rateLimit: EXPORT_RATE },
      schema: { tags: ['credit'], summary: '导出不良科技信用记录（Excel）', querystring: z.strictObject({ q: Search }) },
    },
    async (req, reply) => {
      return sendGenerated(reply, XLSX, await service.exportCreditRecords(db, actorOf(req), auditContext(req), req.query));
    },
  );
};
