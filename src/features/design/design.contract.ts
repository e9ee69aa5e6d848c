import { z } from 'zod';
import { courseFormats, courseLevels } from '../catalog/catalog.contract.ts';
import { calculationSchema, designCostsSchema } from '../costing/costing.contract.ts';

const text = (max: number) => z.string().trim().max(max);

/** A learning outcome, and the needs (of the case's analyses) it answers. */
const outcome = z.strictObject({
  text: text(1_000).min(1, 'write the outcome'),
  needIds: z.array(z.uuid()).max(50).default([]),
});

export const moduleSchema = z.strictObject({
  key: z.string().trim().min(1).max(40).describe('Stable within the design (the client makes it)'),
  title: text(300).min(1, 'give the module a title'),
  /** The catalogue course it is built from, or null for a new module. */
  courseId: z.uuid().nullable().default(null),
  credits: z.number().min(0).max(120).nullable().default(null),
  content: text(10_000).default(''),
  outcomes: z.array(outcome).max(50).default([]),
});

export const teacherSchema = z.strictObject({
  name: text(200).min(1, 'name the teacher (or the role, e.g. "Lektor i reglerteknik")'),
  userId: z.string().max(100).nullable().default(null),
  /** A staff category of the HEI's cost configuration (prices the hours). */
  category: z.string().trim().min(1).max(40),
  teachingHours: z.number().min(0).max(10_000).default(0),
  developmentHours: z.number().min(0).max(10_000).default(0),
});

const designFields = z.strictObject({
  title: text(300).min(3, 'at least 3 characters'),
  language: z.enum(['sv', 'en']),
  format: z.enum(courseFormats),
  level: z.enum(courseLevels),
  /** Higher-education credits, or a certificate only (no credits are awarded). */
  awards: z.enum(['credits', 'certificate']),
  credits: z.number().min(0).max(120).nullable(),
  /** SUN 2020 field of the education (degree-awarding powers are checked against it). */
  sunField: z
    .string()
    .trim()
    .regex(/^\d{2,4}$/, 'a SUN 2020 field code, e.g. 52')
    .nullable(),
  participants: z.number().int().min(1).max(10_000),
  content: text(20_000),
  examination: text(5_000),
  schedule: text(5_000),
  startDate: z.iso.date().nullable(),
  endDate: z.iso.date().nullable(),
  modules: z.array(moduleSchema).max(50),
  teachers: z.array(teacherSchema).max(100),
  /** Costs besides teachers' hours (trips, materials, other direct costs, other HEIs' deliveries). */
  costs: designCostsSchema.omit({ participants: true, teaching: true, development: true }),
});

export const createDesignBody = z.strictObject({
  title: designFields.shape.title,
  /** Catalogue courses (e.g. accepted matches) to build it from: each becomes a module. */
  fromCourseIds: z.array(z.uuid()).max(20).default([]),
  language: designFields.shape.language.default('sv'),
  format: designFields.shape.format.default('blended'),
  participants: designFields.shape.participants.default(20),
});

export const updateDesignBody = designFields
  .partial()
  .extend({ revision: z.number().int().min(1).describe('The revision the change is based on') });

export const revisionBody = z.strictObject({ revision: z.number().int().min(1) });
export const withdrawDesignBody = z.strictObject({
  reason: z
    .string()
    .trim()
    .min(2)
    .max(1000)
    .describe('Why it is set aside, for the case\'s timeline: "the customer chose the distance alternative"'),
});

const person = z.object({ id: z.string(), name: z.string() }).nullable();

export const designCheckSchema = z.object({
  rule: z.enum([
    'degree_powers',
    'credits_without_field',
    'no_teachers',
    'outcome_without_need',
    'need_without_outcome',
  ]),
  blocking: z.boolean(),
  reason: z.object({ sv: z.string(), en: z.string() }),
});

export const designSchema = designFields.extend({
  id: z.uuid(),
  caseId: z.uuid(),
  heiId: z.uuid(),
  status: z
    .enum(['draft', 'approved', 'withdrawn'])
    .describe('withdrawn: set aside (another alternative was chosen, or it was dropped); restorable'),
  revision: z.number().int(),
  approvedBy: person,
  approvedAt: z.string().nullable(),
  /** Who set it aside, when and why (status withdrawn); null otherwise. */
  withdrawn: z.object({ by: person, at: z.string(), reason: z.string() }).nullable(),
  checks: z.array(designCheckSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type DesignView = z.infer<typeof designSchema>;
export const designListSchema = z.object({ designs: z.array(designSchema) });

export const designCalculationSchema = z.object({
  id: z.uuid(),
  designId: z.uuid(),
  version: z.number().int(),
  /** The revision of the design it calculates. */
  designRevision: z.number().int(),
  status: z.enum(['draft', 'approved', 'void']),
  result: calculationSchema,
  createdAt: z.string(),
  approvedBy: person,
  approvedAt: z.string().nullable(),
  voidedAt: z.string().nullable(),
});
export const designCalculationListSchema = z.object({ calculations: z.array(designCalculationSchema) });
