import { integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../identity/schema.ts';
import { spaces } from '../spaces/schema.ts';

/** A success case as the public site shows it (the filing report's 成功案例, kept current). */
export interface SiteCase {
  title: string;
  content: string;
  titleEn?: string | undefined;
  contentEn?: string | undefined;
}

/** 国际化 (000 §四.六): partners abroad, overseas teams hosted, languages served. */
export interface SiteInternational {
  partners: { name: string; country: string; since?: string | undefined }[];
  overseasTeams: { name: string; country: string }[];
  languages: string[];
  /** Free text: cooperation agreements, exchange programmes. */
  note?: string | undefined;
  noteEn?: string | undefined;
}

/**
 * The public-site fields of one space, kept by its operator: what its public page shows besides the
 * registry (intro, the space's public contact — never a staff member's —, success cases,
 * international cooperation, the English name and intro). No row: the page shows the registry and
 * the filing report's success cases only.
 */
export const spaceSites = pgTable('space_sites', {
  spaceId: uuid('space_id')
    .primaryKey()
    .references(() => spaces.id),
  intro: text('intro'),
  nameEn: text('name_en'),
  introEn: text('intro_en'),
  address: text('address'),
  /** A landline or service hotline of the space (a mobile number is refused: that is a person's). */
  contactPhone: text('contact_phone'),
  /** The space's public mailbox. */
  contactEmail: text('contact_email'),
  website: text('website'),
  /** Null: the filing report's success cases are shown. */
  successCases: jsonb('success_cases').$type<SiteCase[]>(),
  international: jsonb('international').$type<SiteInternational>(),
  revision: integer('revision').notNull().default(1),
  updatedBy: uuid('updated_by').references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
