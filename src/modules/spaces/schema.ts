import { date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';
import { organisations } from '../orgs/schema.ts';
import { regions } from '../regions/schema.ts';
import { KEY_INDUSTRIES, REGULAR_TYPES, SPACE_CATEGORIES, type KeyIndustry } from '../../shared/domain.ts';

/** Re-exported so the schema stays the one place the server imports its vocabularies from. */
export { KEY_INDUSTRIES, REGULAR_TYPES, SPACE_CATEGORIES, type KeyIndustry };

export const KEY_INDUSTRY_NAMES: Record<KeyIndustry, string> = {
  electronic_information: '电子信息',
  biotechnology: '生物技术',
  modern_agriculture: '现代农业',
  advanced_equipment: '高端装备制造',
  new_energy: '新能源',
  new_materials: '新材料',
  energy_saving: '节能环保',
  medicine_health: '医药卫生',
  cultural_creative: '文化创意',
  modern_services: '现代服务业',
};

/** 管理制度 (001 附件2): which management systems the space has. */
export interface ManagementSystems {
  entryStandard: boolean;
  exitConditions: boolean;
  incubateeDatabase: boolean;
  other?: string;
}

export const spaces = pgTable(
  'spaces',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** A professional space's name must read "XXX专业化众创空间" (001 §三.1). */
    name: text('name').notNull(),
    operatorOrgId: uuid('operator_org_id')
      .notNull()
      .references(() => organisations.id),
    category: text('category', { enum: SPACE_CATEGORIES }).notNull(),
    /** Only for regular spaces (003 第五条). */
    regularType: text('regular_type', { enum: REGULAR_TYPES }),
    industry: text('industry', { enum: KEY_INDUSTRIES }).notNull(),
    subField: text('sub_field'),
    foundedOn: date('founded_on', { mode: 'string' }),
    regionCode: varchar('region_code', { length: 6 })
      .notNull()
      .references(() => regions.code),
    onlinePlatformName: text('online_platform_name'),
    onlinePlatformUrl: text('online_platform_url'),
    techPlatformName: text('tech_platform_name'),
    techPlatformUrl: text('tech_platform_url'),
    managementSystems: jsonb('management_systems').$type<ManagementSystems>(),
    status: text('status', { enum: ['active', 'revoked'] }).notNull().default('active'),
    revision: integer('revision').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('spaces_operator_idx').on(t.operatorOrgId), index('spaces_region_idx').on(t.regionCode)],
);

/** 建设/依托主体 of a space (one or more hosts). */
export const spaceHosts = pgTable(
  'space_hosts',
  {
    spaceId: uuid('space_id')
      .notNull()
      .references(() => spaces.id, { onDelete: 'cascade' }),
    hostOrgId: uuid('host_org_id')
      .notNull()
      .references(() => organisations.id),
  },
  (t) => [primaryKey({ columns: [t.spaceId, t.hostOrgId] })],
);
