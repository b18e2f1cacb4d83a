/** The registry: operator organisations, their hosts and spaces (src/modules/orgs, src/modules/spaces). */

import { KEY_INDUSTRIES, REGULAR_TYPES } from '../../../src/shared/domain.ts';
import { type BodyOf, http, type QueryOf, type ResponseOf } from './client';

export { KEY_INDUSTRIES, REGULAR_TYPES };

export type MySpace = ResponseOf<'/api/spaces', 'get'>['items'][number];
export type Platform = NonNullable<MySpace['onlinePlatform']>;
export type SpaceBody = BodyOf<'/api/spaces', 'post'>;

/** 411082 → ['410000', '411000', '411082'], the cascader's path of a GB/T 2260 code. */
export function regionPath(code: string): string[] {
  const province = `${code.slice(0, 2)}0000`;
  const city = `${code.slice(0, 4)}00`;
  if (code === province) return [province];
  if (code === city) return [province, city];
  return [province, city, code];
}

/** 本单位 as GET /api/my/organisation answers; mobiles masked (138****1234) for non-admins. */
export type MyOrganisation = ResponseOf<'/api/my/organisation', 'get'>;
export type Host = ResponseOf<'/api/my/hosts', 'get'>['items'][number];
/** The 001 附件2 rows about the operator, as registration and the profile edit send them. */
export type NewHostBody = BodyOf<'/api/my/hosts', 'post'>;
export type MakerProfile = ResponseOf<'/api/my/maker-profile', 'get'>;
export type ProfileBody = Omit<BodyOf<'/api/my/organisation', 'put'>, 'revision'>;

export const registryApi = {
  /** 申报单位注册: the operator's organisation and its first admin account. */
  register: (body: BodyOf<'/api/register', 'post'>) => http.post('/api/register', { body }),
  /** 创客注册: a maker alone or a team, and its account. */
  registerMaker: (body: BodyOf<'/api/register/maker', 'post'>) => http.post('/api/register/maker', { body }),
  myMakerProfile: () => http.get('/api/my/maker-profile'),
  saveMyMakerProfile: (body: BodyOf<'/api/my/maker-profile', 'put'>) => http.put('/api/my/maker-profile', { body }),
  myOrganisation: () => http.get('/api/my/organisation'),
  saveMyOrganisation: (body: BodyOf<'/api/my/organisation', 'put'>) => http.put('/api/my/organisation', { body }),
  myHosts: () => http.get('/api/my/hosts'),
  addHost: (body: NewHostBody) => http.post('/api/my/hosts', { body }),
  spaces: (query: QueryOf<'/api/spaces', 'get'>) => http.get('/api/spaces', { query }),
  createSpace: (body: SpaceBody) => http.post('/api/spaces', { body }),
  updateSpace: (id: string, body: BodyOf<'/api/spaces/{id}', 'put'>) => http.put('/api/spaces/{id}', { path: { id }, body }),
};
