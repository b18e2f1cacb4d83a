import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import { regions } from '../regions/schema.ts';
import { AUTHORITY_LEVELS, HOST_TYPES, MAKER_TYPES, ORG_KINDS, ORG_NATURES, RECOMMENDER_TYPES, type AuthorityLevel, type HostType, type KeyIndustry, type OrgKind, type OrgNature } from '../../shared/domain.ts';

/** Re-exported so the schema stays the one place the server imports its vocabularies from. */
export { AUTHORITY_LEVELS, HOST_TYPES, MAKER_TYPES, ORG_KINDS, ORG_NATURES, RECOMMENDER_TYPES, type AuthorityLevel, type HostType, type OrgKind, type OrgNature };

export const organisations = pgTable(
  'organisations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    kind: text('kind', { enum: ORG_KINDS }).notNull(),
    /** Only for authorities: the level of government. */
    authorityLevel: text('authority_level', { enum: AUTHORITY_LEVELS }),
    /** Only for hosts. */
    hostType: text('host_type', { enum: HOST_TYPES }),
    /** Only for recommending units. */
    recommenderType: text('recommender_type', { enum: RECOMMENDER_TYPES }),
    /** 统一社会信用代码 (GB 32100), validated by `isValidUscc`. */
    uscc: varchar('uscc', { length: 18 }),
    /** Where the organisation sits; for authorities also the root of their jurisdiction. */
    regionCode: varchar('region_code', { length: 6 })
      .notNull()
      .references(() => regions.code),
    status: text('status', { enum: ['active', 'disabled'] }).notNull().default('active'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('organisations_uscc_uq').on(t.uscc).where(sql`${t.uscc} is not null`),
    index('organisations_region_idx').on(t.regionCode),
  ],
);

export const CREDENTIAL_LEVELS = ['none', 'city', 'province', 'national'] as const;

/** A host's credentials (003 第六条(一)): labs and centres by level, and its 3-year record. */
export interface HostCredentials {
  keyLabLevel?: (typeof CREDENTIAL_LEVELS)[number];
  engineeringCentreLevel?: (typeof CREDENTIAL_LEVELS)[number];
  enterpriseTechCentreLevel?: (typeof CREDENTIAL_LEVELS)[number];
  /** Good results and no bad record in the last three years. */
  goodRecord3Years?: boolean;
  hasServiceManagementSystems?: boolean;
  notes?: string;
}

/**
 * The registry details of an operator or host (001 附件2): legal representative, contacts, address,
 * nature and, for hosts, credentials. One row per organisation, edited with optimistic locking.
 */
export const orgProfiles = pgTable('org_profiles', {
  orgId: uuid('org_id')
    .primaryKey()
    .references(() => organisations.id, { onDelete: 'cascade' }),
  legalRepresentative: text('legal_representative'),
  principalName: text('principal_name'),
  /** Normalised 11-digit mobile numbers; shown masked to those who may not see them in full. */
  principalMobile: text('principal_mobile'),
  contactName: text('contact_name'),
  contactMobile: text('contact_mobile'),
  phone: text('phone'),
  email: text('email'),
  address: text('address'),
  nature: text('nature', { enum: ORG_NATURES }),
  hostCredentials: jsonb('host_credentials').$type<HostCredentials>(),
  revision: integer('revision').notNull().default(1),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * The hosts (建设/依托主体) an operator has registered or linked; a space may only name hosts its
 * operator linked. A host may serve several operators (a university backing two spaces).
 */
export const operatorHosts = pgTable(
  'operator_hosts',
  {
    operatorOrgId: uuid('operator_org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    hostOrgId: uuid('host_org_id')
      .notNull()
      .references(() => organisations.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.operatorOrgId, t.hostOrgId] }), index('operator_hosts_host_idx').on(t.hostOrgId)],
);

/**
 * A maker's profile (issue 15): alone or a team, how many, their fields, school or employer and a
 * short introduction. One row per `maker_team` organisation, kept by the maker with optimistic locking;
 * spaces read it when the maker books or orders.
 */
export const makerProfiles = pgTable(
  'maker_profiles',
  {
    orgId: uuid('org_id')
      .primaryKey()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    makerType: text('maker_type', { enum: MAKER_TYPES }).notNull(),
    members: integer('members').notNull().default(1),
    fields: jsonb('fields').$type<KeyIndustry[]>().notNull().default(sql`'[]'::jsonb`),
    /** 所在学校或单位. */
    affiliation: text('affiliation'),
    intro: text('intro'),
    revision: integer('revision').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('maker_profiles_members_ck', sql`${t.members} between 1 and 200 and (${t.makerType} = 'team' or ${t.members} = 1)`),
  ],
);
