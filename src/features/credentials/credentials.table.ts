import { sql } from 'drizzle-orm';
import {
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { authUser } from '../auth/auth.table.ts';
import { caseFile } from '../cases/cases.table.ts';
import type { CourseFormat, CourseLevel } from '../catalog/catalog.fields.ts';
import { courseDesign } from '../design/design.table.ts';
import { participant } from '../participants/participants.table.ts';
import { organisation } from '../tenancy/tenancy.table.ts';
import type { PublicJwk } from './credentials.badge.ts';

/**
 * A micro-credential the HEI issued to one participant of a course it gave: the elements the EU's
 * recommendation on micro-credentials (2022/C 243/02) asks for, copied from the approved design when it was
 * issued, so a later change of the design or the participant list does not change what was certified.
 * `code` is the random part of its public verification address; the learner shares that address. A
 * revoked credential stays, marked, so the address says it was revoked rather than that it never existed.
 */
export const microCredential = pgTable(
  'micro_credential',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    heiId: uuid('hei_id')
      .notNull()
      .references(() => organisation.id),
    caseId: uuid('case_id')
      .notNull()
      .references(() => caseFile.id, { onDelete: 'cascade' }),
    designId: uuid('design_id').references(() => courseDesign.id, { onDelete: 'set null' }),
    participantId: uuid('participant_id').references(() => participant.id, { onDelete: 'set null' }),
    learnerName: text('learner_name').notNull(),
    language: text('language', { enum: ['sv', 'en'] }).notNull(),
    title: text('title').notNull(),
    outcomes: jsonb('outcomes').$type<string[]>().notNull(),
    level: text('level').$type<CourseLevel>().notNull(),
    eqfLevel: integer('eqf_level'),
    credits: numeric('credits', { precision: 5, scale: 1, mode: 'number' }),
    workloadHours: integer('workload_hours'),
    format: text('format').$type<CourseFormat>().notNull(),
    assessment: text('assessment').notNull(),
    startDate: date('start_date'),
    endDate: date('end_date'),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull().defaultNow(),
    issuedBy: text('issued_by').references(() => authUser.id, { onDelete: 'set null' }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedBy: text('revoked_by').references(() => authUser.id, { onDelete: 'set null' }),
    revokeReason: text('revoke_reason'),
    /**
     * Suspended (tillfälligt spärrad), for instance while an examination result is reviewed: not valid until it is
     * reinstated (the columns cleared) or revoked. Its bit in the HEI's suspension list is then set.
     */
    suspendedAt: timestamp('suspended_at', { withTimezone: true }),
    suspendedBy: text('suspended_by').references(() => authUser.id, { onDelete: 'set null' }),
    suspendReason: text('suspend_reason'),
    /**
     * Its bit in the HEI's revocation list and in its suspension list (W3C Bitstring Status List), named in the
     * signed file so that a verifier learns of a revocation or suspension without asking about this credential:
     * drawn at random (the lists say nothing of the order credentials were issued in).
     */
    statusIndex: integer('status_index').notNull(),
  },
  (t) => [
    uniqueIndex('micro_credential_code_idx').on(t.code),
    index('micro_credential_case_idx').on(t.caseId),
    // one valid credential per participant and course; a revoked one may be issued again
    uniqueIndex('micro_credential_valid_idx')
      .on(t.designId, t.participantId)
      .where(sql`${t.revokedAt} is null`),
    index('micro_credential_participant_idx').on(t.participantId),
    uniqueIndex('micro_credential_status_idx').on(t.heiId, t.statusIndex),
  ],
);

/**
 * Each HEI's keys for signing its credentials (Ed25519), numbered: the public key as a JWK, published with the
 * HEI's issuer profile so anyone can check a credential file offline; the private key sealed under the
 * deployment's personal-data key. The first is made the first time the HEI issues; an administrator replaces
 * the one in use (key rotation), which retires it. A retired key still checks the files it signed, unless it
 * was withdrawn (it may have been exposed): then those files are no longer accepted.
 */
export const credentialSigningKey = pgTable(
  'credential_signing_key',
  {
    heiId: uuid('hei_id')
      .notNull()
      .references(() => organisation.id, { onDelete: 'cascade' }),
    /** 1, 2, 3…: the key's id in a file is `<issuer>#key-<number>`. */
    number: integer('number').notNull().default(1),
    publicJwk: jsonb('public_jwk').$type<PublicJwk>().notNull(),
    privateKeySealed: text('private_key_sealed').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Replaced by the next: no longer signs. */
    retiredAt: timestamp('retired_at', { withTimezone: true }),
    /** Withdrawn as possibly exposed: files it signed are no longer accepted. */
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.heiId, t.number] })],
);
