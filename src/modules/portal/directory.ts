import type { DbOrTx } from '../../db/client.ts';
import type { CallLevel } from '../../shared/domain.ts';
import { notFound } from '../../shared/errors.ts';
import { COUNT_CAP } from '../../shared/http/pagination.ts';
import { publicResourcesOf } from '../booking/index.ts';
import { publicChallengesOfSpace } from '../crowd/index.ts';
import { csvWithBom } from '../documents/index.ts';
import { GRADE_NAMES, gradesOf } from '../evaluation/index.ts';
import { publicFilingsOf, publicList } from '../filings/index.ts';
import { publicFundsOf } from '../financing/index.ts';
import { publicMentorsOf } from '../mentors/index.ts';
import { publicServicesOf, type ServiceKind } from '../services/index.ts';
import { findSpacesByIds, KEY_INDUSTRY_NAMES } from '../spaces/index.ts';
import { publicSitesOf } from '../spacesite/index.ts';
import * as repo from './repository.ts';
import { beijingDay } from '../../shared/beijing-time.ts';

const SPACE_NOT_FOUND = { zh: '众创空间不存在或未备案', en: 'No such filed maker space' };

export const LEVEL_NAMES: Record<CallLevel, string> = { national: '国家级', province: '省级', city: '市级' };
const LEVEL_ORDER: CallLevel[] = ['national', 'province', 'city'];
export const CATEGORY_NAMES = { regular: '众创空间', professional: '专业化众创空间' } as const;
export const SERVICE_KIND_NAMES: Record<ServiceKind, string> = {
  industrial_design: '工业设计',
  testing: '检验检测',
  model_making: '模型加工',
  intellectual_property: '知识产权',
  patent_standard: '专利标准',
  pilot_production: '中试生产',
  promotion: '产品推广',
  supply_chain: '供应链与市场对接',
  financing: '投融资',
};

/** A public activity record of a space (登记和宣传), as the events module will export it. */
export interface PublicActivity {
  id: string;
  title: string;
  kind: string;
  role: string | null;
  startsAt: Date;
  summary: string | null;
  /** Photos after the event, served by GET /api/public/activities/:id/photos/:fileId. */
  photoIds: string[];
}
/** Reads the public activity record of one space. */
export type PublicActivitiesProvider = (db: DbOrTx, spaceId: string) => Promise<PublicActivity[]>;

/**
 * A read of another module's that the app registers at its module wiring (src/modules/index.ts), so
 * the portal depends on no such module: `provide` sets it and returns the one it replaces (a test
 * swaps in its own and puts the wired one back); without one the page has no such field.
 */
function providerSlot<P>() {
  let current: P | undefined;
  return {
    get: () => current,
    provide(provider: P | undefined): P | undefined {
      const before = current;
      current = provider;
      return before;
    },
  };
}

const activitiesSlot = providerSlot<PublicActivitiesProvider>();
/** The source of each space page's activity record, from the module that keeps events; without one the page shows no such section. */
export const providePublicActivities = activitiesSlot.provide;

/** An event of a space open for sign-up, as the events module exports it for the space's page. */
export interface PublicOpenEvent {
  id: string;
  title: string;
  kind: string;
  role: string;
  startsAt: Date;
  endsAt: Date;
  place: string | null;
  online: boolean;
  signupOpensAt: Date;
  signupClosesAt: Date;
  seatsLeft: number;
}
/** Reads the events of one space open for sign-up. */
export type PublicOpenEventsProvider = (db: DbOrTx, spaceId: string) => Promise<PublicOpenEvent[]>;

const openEventsSlot = providerSlot<PublicOpenEventsProvider>();
/** The source of each space page's events open for sign-up (where a maker who found the space in the directory signs up), from the events module. */
export const providePublicOpenEvents = openEventsSlot.provide;

/** A published support of a space's public page (扶持情况上网公示), as the supports module exports it. */
export interface PublicSpaceSupport {
  id: string;
  category: string;
  grantorName: string;
  supportItemTitle: string | null;
  beneficiary: { name: string; role: string };
  projectTitle: string;
  periodFrom: string;
  periodTo: string;
  amountYuan: number;
  grantedOn: string;
}
/** Reads the published supports of one space. */
export type PublicSupportsProvider = (db: DbOrTx, spaceId: string) => Promise<PublicSpaceSupport[]>;

const supportsSlot = providerSlot<PublicSupportsProvider>();
/** The source of each space page's published supports, from the supports module (which reads the registry, so the portal may not import it). */
export const providePublicSupports = supportsSlot.provide;

const sortedLevels = (levels: readonly CallLevel[]) => LEVEL_ORDER.filter((l) => levels.includes(l));
const isoDate = (d: Date | string | null) => (d === null ? null : typeof d === 'string' ? new Date(d) : d);

function presentRow(r: repo.DirectoryRow) {
  return {
    id: r.id,
    name: r.name,
    nameEn: r.nameEn,
    category: r.category,
    industry: r.industry,
    subField: r.subField,
    regionCode: r.regionCode,
    regionName: r.regionName,
    operatorName: r.operatorName,
    levels: sortedLevels(r.levels),
    firstFiledAt: isoDate(r.firstFiledAt),
    serviceKinds: [...r.serviceKinds].sort(),
  };
}

export type DirectoryQuery = repo.DirectoryFilter & repo.DirectorySort & { page: number; pageSize: number };

/** One page of the public directory of filed spaces (two statements). */
export async function directory(db: DbOrTx, q: DirectoryQuery) {
  const { rows, total } = await repo.directoryPage(db, q, q, q.pageSize, (q.page - 1) * q.pageSize);
  return { items: rows.map(presentRow), total, page: q.page, pageSize: q.pageSize };
}

export const directoryRegions = (db: DbOrTx) => repo.regionsWithFiledSpaces(db);

/** A text cell a spreadsheet must not run as a formula (CSV injection): a leading =, +, -, @ is quoted away. */
const cell = (v: string | null | undefined) => (v ? (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v) : '');

/** The whole directory under a filter (at most 10,000 rows), for the machine-readable exports. */
export async function directoryExport(db: DbOrTx, f: repo.DirectoryFilter & repo.DirectorySort) {
  const { rows } = await repo.directoryPage(db, f, f, COUNT_CAP, 0);
  return rows.map(presentRow);
}

export type DirectoryItem = ReturnType<typeof presentRow>;

export function directoryCsv(items: readonly DirectoryItem[], baseUrl: string): Buffer {
  return csvWithBom([
    ['名称', '英文名称', '类别', '重点领域', '细分领域', '所在地区', '运营主体', '备案级别', '首次备案日期', '服务类型', '空间主页'],
    ...items.map((s) => [
      cell(s.name),
      cell(s.nameEn),
      CATEGORY_NAMES[s.category],
      KEY_INDUSTRY_NAMES[s.industry],
      cell(s.subField),
      s.regionName,
      cell(s.operatorName),
      s.levels.map((l) => LEVEL_NAMES[l]).join('、'),
      s.firstFiledAt ? beijingDay(s.firstFiledAt) : '',
      s.serviceKinds.map((k) => SERVICE_KIND_NAMES[k]).join('、'),
      `${baseUrl}/portal/spaces/${s.id}`,
    ]),
  ]);
}

/** A published filing list's current entries as CSV (UTF-8 with BOM) or JSON. */
export async function filingListExport(db: DbOrTx, id: string) {
  const list = await publicList(db as Parameters<typeof publicList>[0], id);
  const csv = csvWithBom([
    ['名单', '文号', '发布日期', '发布机关', '众创空间', '运营主体', '所在地区', '状态', '撤销原因'],
    ...list.entries.map((e) => [
      cell(list.title),
      cell(list.documentNumber),
      String(list.issuedOn),
      cell(list.authority),
      cell(e.spaceName),
      cell(e.operatorName),
      e.regionName,
      e.status === 'listed' ? '在列' : '已移出',
      cell(e.removedReason),
    ]),
  ]);
  return { list, csv };
}

/**
 * The public page of one filed space: registry profile, filings with their lists, published grades,
 * resources, services and mentors (public fields only), its published crowd challenges and their
 * awards, its active funds, the operator's public-site fields, and the activity record when a
 * provider is wired, with the events open for sign-up. Not found for a space without an active filing.
 * A fixed number of statements, each set-based.
 */
export async function publicSpacePage(db: DbOrTx, id: string) {
  const [[space], filed] = await Promise.all([findSpacesByIds(db, [id]), publicFilingsOf(db, [id])]);
  if (!space || space.status !== 'active' || !filed.length) throw notFound(SPACE_NOT_FOUND);
  const [names, grades, resources, services, mentors, sites, challenges, funds, activities, openEvents, supports] = await Promise.all([
    repo.regionNames(db, space.regionPath.split('/').slice(1)),
    gradesOf(db, [id]),
    publicResourcesOf(db, [id]),
    publicServicesOf(db, [id]),
    publicMentorsOf(db, [id]),
    publicSitesOf(db, [id]),
    publicChallengesOfSpace(db, id),
    publicFundsOf(db, id),
    activitiesSlot.get()?.(db, id),
    openEventsSlot.get()?.(db, id),
    supportsSlot.get()?.(db, id),
  ]);
  const site = sites.get(id)!;
  const levels = sortedLevels(filed.map((f) => f.level));
  return {
    id: space.id,
    name: space.name,
    nameEn: site.nameEn,
    category: space.category,
    regularType: space.regularType,
    industry: space.industry,
    subField: space.subField,
    foundedOn: space.foundedOn,
    region: {
      code: space.regionCode,
      name: space.regionName,
      fullName: names
        .filter((r) => r.level !== 'national' && r.name !== '市辖区' && r.name !== '省直辖县级行政区划')
        .map((r) => r.name)
        .join(' '),
    },
    operatorName: space.operator.name,
    hosts: space.hosts.map((h) => h.name),
    onlinePlatform: space.onlinePlatformName ? { name: space.onlinePlatformName, url: space.onlinePlatformUrl } : null,
    techPlatform: space.techPlatformName ? { name: space.techPlatformName, url: space.techPlatformUrl } : null,
    levels,
    filings: filed.map((f) => ({ level: f.level, filedAt: f.filedAt, list: { id: f.list.id, title: f.list.title, documentNumber: f.list.documentNumber, issuedOn: String(f.list.issuedOn) } })),
    grades: grades
      .slice()
      .sort((a, b) => b.year - a.year)
      .map((g) => ({ year: g.year, level: g.level, grade: g.grade, gradeName: GRADE_NAMES[g.grade].zh })),
    resources: resources.map(({ spaceId: _s, ...r }) => r),
    services: services.map(({ spaceId: _s, ...s }) => s),
    mentors: mentors.map(({ spaceId: _s, ...m }) => m),
    crowdTasks: challenges,
    funds,
    intro: site.intro,
    introEn: site.introEn,
    contact: { address: site.address, phone: site.contactPhone, email: site.contactEmail, website: site.website },
    successCases: site.successCases,
    successCasesFrom: site.successCasesFrom,
    international: site.international,
    ...(activities ? { activities } : {}),
    ...(openEvents ? { openEvents } : {}),
    ...(supports ? { supports } : {}),
  };
}
