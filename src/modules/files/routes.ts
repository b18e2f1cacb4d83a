import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, fieldError } from '../../shared/errors.ts';
import { bi } from '../../shared/i18n-errors.ts';
import { actorOf, auditContext } from '../../shared/http/context.ts';
import { acceptMultipart } from '../../shared/http/multipart.ts';
import { signedIn } from '../../shared/http/policy.ts';
import { sendDownload } from '../../shared/http/download.ts';
import { FILE_KINDS } from './schema.ts';
import * as service from './service.ts';

const IdParams = z.strictObject({ id: z.uuid(bi('编号格式不正确', 'malformed id')) });

export const FileMetaResponse = z.object({
  id: z.uuid(),
  originalName: z.string().describe("The uploader's file name, cleaned; metadata only."),
  kind: z.enum(FILE_KINDS),
  mimeType: z.string().describe('Decided by the server from the checked content, never taken from the client.'),
  sizeBytes: z.number().int(),
  sha256: z.string().describe('Hex SHA-256 of the stored bytes.'),
  ownerOrgId: z.uuid().nullable(),
  uploadedBy: z.uuid().nullable(),
  createdAt: z.string(),
});

export const fileRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, config } = app.ctx;
  // Registered here so only these routes accept multipart bodies.
  const form = await acceptMultipart(app, { files: 1, fields: 4, fieldBytes: 1024 }, config.uploadMaxBytes);

  app.post(
    '/files',
    {
      config: { policy: signedIn('file.upload') },
      schema: {
        tags: ['files'],
        summary: '上传附件（multipart，字段 file）',
        consumes: ['multipart/form-data'],
        response: { 201: FileMetaResponse },
      },
    },
    async (req, reply) => {
      if (!req.isMultipart())
        throw new AppError('BAD_REQUEST', { zh: '请以 multipart/form-data 上传文件', en: 'Upload the file as multipart/form-data' });
      try {
        const part = await form.firstFile(req);
        if (!part || part.name !== 'file') {
          part?.stream.resume();
          throw fieldError('body.file', '请选择要上传的文件（字段 file）', 'attach the file in the field named "file"');
        }
        const meta = await service.uploadFile(db, config, auditContext(req), actorOf(req), { filename: part.filename, stream: part.stream });
        return reply.status(201).send(meta);
      } catch (err) {
        // Refused before the whole body arrived: the rest of it would sit on a kept-alive socket.
        if (!req.raw.complete) reply.header('connection', 'close');
        throw err;
      }
    },
  );

  app.get(
    '/files/:id',
    {
      config: { policy: signedIn('file.read') },
      schema: { tags: ['files'], summary: '附件信息', params: IdParams, response: { 200: FileMetaResponse } },
    },
    async (req) => service.getFile(db, actorOf(req), req.params.id),
  );

  app.get(
    '/files/:id/download',
    {
      config: { policy: signedIn('file.read') },
      schema: { tags: ['files'], summary: '下载附件', params: IdParams },
    },
    async (req, reply) => {
      const { meta, stream } = await service.openDownload(db, config, auditContext(req), actorOf(req), req.params.id);
      return sendDownload(reply, { contentType: meta.mimeType, fileName: meta.originalName, body: stream, sizeBytes: meta.sizeBytes });
    },
  );
};
