import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { bi } from '../../shared/i18n-errors.ts';
import { actorOf, auditContext } from '../../shared/http/context.ts';
import { sendDownload } from '../../shared/http/download.ts';
import { signedIn } from '../../shared/http/policy.ts';
import { sendInline } from '../files/index.ts';
import { openApplicationFile } from './attachment-files.ts';
import { can } from './policy.ts';

const Params = z.strictObject({
  id: z.uuid(bi('应为申请编号（UUID）', 'must be an application id (UUID)')),
  fileId: z.uuid(bi('应为附件文件编号（UUID）', 'must be a file id (UUID)')),
});

/** One attachment of an application, for everyone who reads the application (reviewers included). */
export const applicationFileRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, config } = app.ctx;
  const readers = signedIn('application.read', (a) => can(a, 'application.read'));

  app.get(
    '/applications/:id/files/:fileId/preview',
    {
      config: { policy: readers },
      schema: {
        tags: ['applications'],
        summary: '在线预览申请的一个附件（PDF、图片；与下载同样检查权限并记入审计）',
        params: Params,
      },
    },
    async (req, reply) => {
      const { meta, stream } = await openApplicationFile(db, config, auditContext(req), actorOf(req), req.params.id, req.params.fileId, 'preview');
      return sendInline(reply, { contentType: meta.mimeType, fileName: meta.originalName, body: stream, sizeBytes: meta.sizeBytes });
    },
  );

  app.get(
    '/applications/:id/files/:fileId/download',
    {
      config: { policy: readers },
      schema: { tags: ['applications'], summary: '下载申请的一个附件（记入审计）', params: Params },
    },
    async (req, reply) => {
      const { meta, stream } = await openApplicationFile(db, config, auditContext(req), actorOf(req), req.params.id, req.params.fileId, 'download');
      return sendDownload(reply, { contentType: meta.mimeType, fileName: meta.originalName, body: stream, sizeBytes: meta.sizeBytes });
    },
  );
};
