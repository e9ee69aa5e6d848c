import { boolean, customType, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { authUser } from '../auth/auth.table.ts';
import { caseFile } from '../cases/cases.table.ts';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

/**
 * Files attached to a case. Kept in PostgreSQL (bytea, at most 10 MB each) so a backup of the database
 * is a backup of everything; object storage can take over behind the same service if volumes grow.
 */
export const caseDocument = pgTable(
  'case_document',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => caseFile.id, { onDelete: 'cascade' }),
    fileName: text('file_name').notNull(),
    mediaType: text('media_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    content: bytea('content').notNull(),
    uploadedBy: text('uploaded_by').references(() => authUser.id, { onDelete: 'set null' }),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
    /** Shown in the customer portal (the customer's own uploads always are). */
    sharedWithCustomer: boolean('shared_with_customer').notNull().default(false),
    fromCustomer: boolean('from_customer').notNull().default(false),
  },
  (t) => [index('case_document_case_idx').on(t.caseId, t.uploadedAt)],
);
