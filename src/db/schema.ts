// Every feature's tables, in one place for Drizzle (queries and migration generation).
export * from '../features/agreements/agreements.table.ts';
export * from '../features/audit/audit.table.ts';
export * from '../features/auth/auth.table.ts';
export * from '../features/cases/cases.table.ts';
export * from '../features/catalog/catalog.table.ts';
export * from '../features/costing/costing.table.ts';
export * from '../features/design/design.table.ts';
export * from '../features/documents/documents.table.ts';
export * from '../features/inquiries/inquiries.table.ts';
export * from '../features/invitations/invitations.table.ts';
export * from '../features/mail/outbox.table.ts';
export * from '../features/matching/matching.table.ts';
export * from '../features/needs/needs.table.ts';
export * from '../features/notifications/notifications.table.ts';
export * from '../features/proposals/proposals.table.ts';
export * from '../features/taxonomy/taxonomy.table.ts';
export * from '../features/tenancy/tenancy.table.ts';
