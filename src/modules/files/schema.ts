import { bigint, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../identity/schema.ts';
import { organisations } from '../orgs/schema.ts';

export const FILE_KINDS = ['pdf', 'jpeg', 'png', 'docx', 'xlsx', 'zip'] as const;
export type FileKind = (typeof FILE_KINDS)[number];

/** Stored attachments; bytes live under `<dataDir>/files/<storageName>`, never in a served folder. */
export const files = pgTable(
  'files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    originalName: text('original_name').notNull(),
    kind: text('kind', { enum: FILE_KINDS }).notNull(),
    mimeType: text('mime_type').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    storageName: text('storage_name').notNull(),
    uploadedBy: uuid('uploaded_by').references(() => users.id),
    ownerOrgId: uuid('owner_org_id').references(() => organisations.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('files_owner_idx').on(t.ownerOrgId)],
);
