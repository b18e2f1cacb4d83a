import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { bi } from '../../shared/i18n-errors.ts';
import { actorOf, auditContext } from '../../shared/http/context.ts';
import { signedIn } from '../../shared/http/policy.ts';
import type { Actor } from '../../shared/actor.ts';
import { can } from './policy.ts';
import * as profiles from './profiles.ts';
import { CREDENTIAL_LEVELS, HOST_TYPES, ORG_KINDS, ORG_NATURES } from './schema.ts';
import { revisionInput } from '../../shared/http/revision.ts';

export const regionCode = z.string().regex(/^\d{6}$/, bi('应为 6 位行政区划代码', 'must be a 6-digit region code'));
const optionalText = (max: number) => z.string().trim().max(max).nullish();

/** The 001 附件2 rows about the operator; mobiles accept +86 / 0086 and separators. */
export const ProfileFields = {
  nature: z.enum(ORG_NATURES),
  legalRepresentative: z.string().trim().min(1, bi('请填写法人代表', 'enter the legal representative')).max(50),
  principalName: optionalText(50),
  principalMobile: z.string().max(32).nullish(),
  contactName: z.string().trim().min(1, bi('请填写联系人', 'enter the contact person')).max(50),
  contactMobile: z.string().max(32),
  phone: z.string().trim().regex(/^[0-9+\-() ]{5,24}$/, bi('电话号码格式不正确', 'not a valid phone number')).nullish().describe('联系电话 (landline or mobile).'),
  email: z.string().trim().email(bi('邮箱格式不正确', 'not a valid email address')).max(254).nullish(),
  address: optionalText(200),
};

const MyOrganisation = z.object({
  id: z.string().uuid(),
  name: z.string(),
  kind: z.enum(ORG_KINDS),
  uscc: z.string().nullable(),
  regionCode: z.string(),
  regionName: z.string(),
  status: z.enum(['active', 'disabled']),
  nature: z.enum(ORG_NATURES).nullable(),
  legalRepresentative: z.string().nullable(),
  principalName: z.string().nullable(),
  principalMobile: z.string().nullable().describe("Masked (138****1234) unless the viewer is one of the organisation's admins."),
  contactName: z.string().nullable(),
  contactMobile: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  address: z.string().nullable(),
  mobilesMasked: z.boolean(),
  revision: z.number().int().describe('Send it back with the next save; 0 until the profile is first saved.'),
  abilities: z.object({ edit: z.boolean() }),
});

const level = z.enum(CREDENTIAL_LEVELS);
const CredentialFields = {
  keyLabLevel: level.optional(),
  engineeringCentreLevel: level.optional(),
  enterpriseTechCentreLevel: level.optional(),
  goodRecord3Years: z.boolean().optional(),
  hasServiceManagementSystems: z.boolean().optional(),
  notes: z.string().trim().max(1000).optional(),
};

const Host = z.object({
  id: z.string().uuid(),
  name: z.string(),
  uscc: z.string().nullable(),
  hostType: z.enum(HOST_TYPES),
  regionCode: z.string(),
  regionName: z.string(),
  credentials: z.object(CredentialFields).nullable(),
});

/** The registry seen from an operator: its profile, its hosts (self-registration is identity's). */
export const registryRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.ctx;

  const readProfile = signedIn('org.profile.read', (a) => can(a, 'org.profile.read'));
  const withAbilities = (actor: Actor, p: Awaited<ReturnType<typeof profiles.getMyOrganisation>>) => ({
    ...p,
    abilities: { edit: can(actor, 'org.profile.edit', { orgId: p.id }) },
  });

  app.get(
    '/my/organisation',
    {
      config: { policy: readProfile },
      schema: { tags: ['registry'], summary: '本单位（运营主体）信息', response: { 200: MyOrganisation } },
    },
    async (req) => withAbilities(actorOf(req), await profiles.getMyOrganisation(db, actorOf(req))),
  );

  app.put(
    '/my/organisation',
    {
      config: { policy: signedIn('org.profile.edit', (a) => can(a, 'org.profile.edit')) },
      schema: {
        tags: ['registry'],
        summary: '修改本单位信息（乐观锁：revision 过期时 409）',
        body: z.strictObject({ revision: revisionInput(0), ...ProfileFields }),
        response: { 200: MyOrganisation },
      },
    },
    async (req) => withAbilities(actorOf(req), await profiles.updateMyOrganisation(db, actorOf(req), auditContext(req), req.body)),
  );

  app.get(
    '/my/hosts',
    {
      config: { policy: signedIn('host.list', (a) => can(a, 'host.list')) },
      schema: { tags: ['registry'], summary: '本单位的建设（依托）主体', response: { 200: z.object({ items: z.array(Host) }) } },
    },
    async (req) => ({ items: await profiles.listMyHosts(db, actorOf(req)) }),
  );

  app.post(
    '/my/hosts',
    {
      config: { policy: signedIn('host.link', (a) => can(a, 'host.link')) },
      schema: {
        tags: ['registry'],
        summary: '添加建设（依托）主体：已登记的按统一社会信用代码关联，未登记的同时登记',
        body: z.strictObject({
          uscc: z.string().min(1, bi('请填写统一社会信用代码', 'enter the unified social credit code')).max(32),
          name: z.string().trim().min(2, bi('名称至少 2 个字', 'at least 2 characters')).max(100).optional().describe('The next three are needed only for a host not registered yet.'),
          hostType: z.enum(HOST_TYPES).optional(),
          regionCode: regionCode.optional(),
          credentials: z.strictObject(CredentialFields).optional(),
        }),
        response: { 201: z.object({ host: Host, created: z.boolean() }) },
      },
    },
    async (req, reply) => reply.status(201).send(await profiles.linkHost(db, actorOf(req), auditContext(req), req.body)),
  );
};
