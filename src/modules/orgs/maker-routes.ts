import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { KEY_INDUSTRIES, MAKER_TYPES } from '../../shared/domain.ts';
import { actorOf, auditContext } from '../../shared/http/context.ts';
import { signedIn } from '../../shared/http/policy.ts';
import { revisionInput } from '../../shared/http/revision.ts';
import { bi } from '../../shared/i18n-errors.ts';
import { getMyMakerProfile, updateMyMakerProfile } from './makers.ts';
import { can } from './policy.ts';

/** What a maker says of itself, at sign-up (identity's registration) and on its profile page. */
export const MakerProfileFields = {
  makerType: z.enum(MAKER_TYPES).describe('individual: one person; team: members counts the maker too.'),
  members: z.number().int().min(1, bi('成员人数至少 1 人', 'at least one member')).max(200, bi('成员人数不超过 200 人', 'at most 200 members')).optional(),
  fields: z
    .array(z.enum(KEY_INDUSTRIES))
    .min(1, bi('至少选择一个专业领域', 'choose at least one field'))
    .max(5, bi('专业领域最多选 5 个', 'at most five fields'))
    .refine((f) => new Set(f).size === f.length, bi('领域不能重复', 'fields must not repeat'))
    .describe('Key industries (src/shared/domain.ts) the maker works in.'),
  affiliation: z.string().trim().max(100, bi('所在学校或单位不超过 100 字', 'at most 100 characters')).nullish(),
  intro: z.string().trim().max(500, bi('简介不超过 500 字', 'at most 500 characters')).nullish(),
};

const MakerProfile = z.object({
  name: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  makerType: z.enum(MAKER_TYPES).nullable().describe('Null until the first save (an account an administrator created).'),
  members: z.number().int().nullable(),
  fields: z.array(z.enum(KEY_INDUSTRIES)),
  affiliation: z.string().nullable(),
  intro: z.string().nullable(),
  revision: z.number().int().describe('Send it back with the next save; 0 until the profile is first saved.'),
  updatedAt: z.string().nullable(),
});

/** The maker's own profile (创客档案). */
export const makerProfileRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.ctx;
  const policy = signedIn('maker.profile.edit', (a) => can(a, 'maker.profile.edit'));

  app.get(
    '/my/maker-profile',
    { config: { policy }, schema: { tags: ['registry'], summary: '创客档案（本人或本团队）', response: { 200: MakerProfile } } },
    async (req) => getMyMakerProfile(db, actorOf(req)),
  );

  app.put(
    '/my/maker-profile',
    {
      config: { policy },
      schema: {
        tags: ['registry'],
        summary: '修改创客档案（乐观锁：revision 过期时 409）',
        body: z.strictObject({
          revision: revisionInput(0),
          name: z.string().trim().min(2, bi('名称至少 2 个字', 'at least 2 characters')).max(100).describe('The team’s name; an individual’s own name.'),
          ...MakerProfileFields,
        }),
        response: { 200: MakerProfile },
      },
    },
    async (req) => updateMyMakerProfile(db, actorOf(req), auditContext(req), req.body),
  );
};
