/** The registry: operator organisations, their hosts and spaces (src/modules/orgs, src/modules/spaces). */

import { KEY_INDUSTRIES, REGULAR_TYPES } from '../../../src/shared/domain.ts';

export { KEY_INDUSTRIES, REGULAR_TYPES };

export interface Platform {
  name: string;
  url: string | null;
}

export interface MySpace {
  id: string;
  name: string;
  category: 'regular' | 'professional';
  regularType: (typeof REGULAR_TYPES)[number] | null;
  industry: (typeof KEY_INDUSTRIES)[number];
  subField: string | null;
  foundedOn: string | null;
  regionCode: string;
  regionName: string;
  operator: { id: string; name: string };
  hosts: { id: string; name: string }[];
  onlinePlatform: Platform | null;
  techPlatform: Platform | null;
  managementSystems: { entryStandard: boolean; exitConditions: boolean; incubateeDatabase: boolean; other?: string } | null;
  revision: number;
  updatedAt: string;
  abilities: { edit: boolean };
}

/** 411082 → ['410000', '411000', '411082'], the cascader's path of a GB/T 2260 code. */
export function regionPath(code: string): string[] {
  const province = `${code.slice(0, 2)}0000`;
  const city = `${code.slice(0, 4)}00`;
  if (code === province) return [province];
  if (code === city) return [province, city];
  return [province, city, code];
}

/** 本单位 as GET /api/my/organisation answers; mobiles masked (138****1234) for non-admins. */
export interface MyOrganisation {
  id: string;
  name: string;
  uscc: string | null;
  regionCode: string;
  regionName: string;
  nature: string | null;
  legalRepresentative: string | null;
  principalName: string | null;
  principalMobile: string | null;
  contactName: string | null;
  contactMobile: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  mobilesMasked: boolean;
  revision: number;
  abilities: { edit: boolean };
}

export interface Host {
  id: string;
  name: string;
  uscc: string | null;
  hostType: string;
  regionName: string;
}
