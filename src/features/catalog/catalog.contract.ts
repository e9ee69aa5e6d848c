import { z } from 'zod';
import { courseFormats, courseLevels, mappableFields } from './catalog.fields.ts';

// Shared by the API (request/response schemas) and the web app (types and form validation).

export { courseFormats, courseLevels, mappableFields };

const text = (max: number) => z.string().trim().max(max);
const list = z.array(z.string().trim().min(1).max(1000)).max(50);
const date = z.iso.date('write the date as YYYY-MM-DD');

export const occasionSchema = z.object({
  startDate: date,
  endDate: date.nullable(),
  place: z.string().nullable(),
  format: z.enum(courseFormats).nullable(),
});

const occasionBody = z
  .strictObject({
    startDate: date,
    endDate: date.nullable().default(null),
    place: text(300).nullable().default(null),
    format: z.enum(courseFormats).nullable().default(null),
  })
  .refine((o) => !o.endDate || o.endDate >= o.startDate, {
    message: 'the end date comes after the start date',
    path: ['endDate'],
  });

/** Every field of a course a person can write (the import writes the same fields). */
const courseFields = {
  code: z
    .string()
    .trim()
    .min(1, 'write the course code')
    .max(40)
    .describe('Unique within the HEI; imports update by it'),
  externalId: text(100).nullable().describe('The id in an interchange file, e.g. HV-0001'),
  titleSv: text(300).nullable(),
  titleEn: text(300).nullable(),
  languages: z
    .array(z.enum(['sv', 'en']))
    .max(2)
    .describe('Languages of instruction; the first is the text language'),
  credits: z
    .number()
    .positive()
    .max(999)
    .nullable()
    .describe('Högskolepoäng; null for a course that awards none (level non-credit)'),
  creditEquivalent: z
    .number()
    .positive()
    .max(999)
    .nullable()
    .describe('Non-credit courses: the workload in credit equivalents'),
  level: z.enum(courseLevels).nullable(),
  eqfLevel: z.number().int().min(1).max(8).nullable(),
  sunField: z
    .string()
    .trim()
    .regex(/^\d{1,3}[a-z]?$/i, 'a SUN 2020 field code such as 52 or 521')
    .nullable(),
  format: z.enum(courseFormats).nullable(),
  description: text(20_000).nullable(),
  learningOutcomes: list,
  subjects: list,
  teachers: list.describe('Names as text'),
  prerequisites: text(20_000).nullable(),
  priceSek: z.number().int().min(0).max(100_000_000).nullable().describe('Indicative price in SEK'),
  syllabusUrl: z
    .string()
    .trim()
    .max(2000)
    .regex(/^https?:\/\/\S+$/i, 'a link starting with https://')
    .nullable(),
  occasions: z.array(occasionBody).max(100),
};

const titled = (b: { titleSv?: string | null; titleEn?: string | null }) => !!(b.titleSv || b.titleEn);

export const createCourseBody = z
  .strictObject({
    ...courseFields,
    externalId: courseFields.externalId.default(null),
    titleSv: courseFields.titleSv.default(null),
    titleEn: courseFields.titleEn.default(null),
    languages: courseFields.languages.default([]),
    credits: courseFields.credits.default(null),
    creditEquivalent: courseFields.creditEquivalent.default(null),
    level: courseFields.level.default(null),
    eqfLevel: courseFields.eqfLevel.default(null),
    sunField: courseFields.sunField.default(null),
    format: courseFields.format.default(null),
    description: courseFields.description.default(null),
    learningOutcomes: list.default([]),
    subjects: list.default([]),
    teachers: list.default([]),
    prerequisites: courseFields.prerequisites.default(null),
    priceSek: courseFields.priceSek.default(null),
    syllabusUrl: courseFields.syllabusUrl.default(null),
    occasions: courseFields.occasions.default([]),
  })
  .refine(titled, { message: 'give a Swedish or an English title', path: ['titleSv'] });

/** Change a course: the fields given are replaced, the others stay. */
export const updateCourseBody = z
  .strictObject(courseFields)
  .partial()
  .refine((b) => Object.values(b).some((v) => v !== undefined), {
    message: 'give at least one field to change',
    path: ['code'],
  });

const conceptView = z.object({
  id: z.uuid(),
  source: z.string(),
  type: z.string(),
  code: z.string().nullable(),
  label: z.object({ sv: z.string().nullable(), en: z.string().nullable() }),
  deprecated: z.boolean(),
});

export const tagSchema = z.object({
  concept: conceptView,
  status: z.enum(['suggested', 'confirmed', 'rejected']),
  confidence: z.number().nullable(),
  matchedWords: z.array(z.string()),
  decidedAt: z.iso.datetime().nullable(),
});

const heiView = z.object({ id: z.uuid(), name: z.string() });
const title = z.object({ sv: z.string().nullable(), en: z.string().nullable() });

export const tagReviewQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  offset: z.coerce.number().int().min(0).default(0).describe('Courses to skip (in course code order)'),
  q: z
    .string()
    .trim()
    .max(200)
    .optional()
    .describe("Only courses whose code or title, or one of whose undecided concepts' labels, contains this"),
});
export type TagReviewQuery = z.infer<typeof tagReviewQuery>;
export const tagReviewSchema = z.object({
  total: z
    .number()
    .int()
    .describe('Courses of the HEI with suggested concepts nobody has decided on (that match q, if given)'),
  courses: z.array(
    z.object({
      id: z.uuid(),
      code: z.string(),
      title,
      tags: z.array(tagSchema).describe('The undecided ones'),
    }),
  ),
});
export type TagReview = z.infer<typeof tagReviewSchema>;

export const courseSummarySchema = z
  .object({
    id: z.uuid(),
    hei: heiView,
    code: z.string(),
    externalId: z.string().nullable(),
    title,
    languages: z.array(z.string()),
    credits: z.number().nullable(),
    creditEquivalent: z.number().nullable(),
    level: z.enum(courseLevels).nullable(),
    eqfLevel: z.number().int().nullable(),
    sunField: z.string().nullable(),
    format: z.enum(courseFormats).nullable(),
    subjects: z.array(z.string()),
    priceSek: z.number().nullable(),
    score: z.number().nullable().describe('Free-text relevance (with q), else null'),
  })
  .meta({ id: 'CourseSummary' });

export const courseSchema = courseSummarySchema
  .omit({ score: true })
  .extend({
    description: z.string().nullable(),
    learningOutcomes: z.array(z.string()),
    teachers: z.array(z.string()),
    prerequisites: z.string().nullable(),
    syllabusUrl: z.string().nullable(),
    occasions: z.array(occasionSchema),
    tags: z.array(tagSchema),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Course' });
export type Course = z.infer<typeof courseSchema>;

export const courseListQuery = z.object({
  hei: z.uuid().optional().describe("One HEI's catalogue (of your consortium)"),
  language: z.enum(['sv', 'en']).optional(),
  format: z.enum(courseFormats).optional(),
  level: z.enum(courseLevels).optional(),
  creditsMin: z.coerce
    .number()
    .min(0)
    .optional()
    .describe('Credits, or credit equivalents of non-credit courses'),
  creditsMax: z.coerce.number().min(0).optional(),
  q: z.string().trim().min(1).max(200).optional().describe('Free text, Swedish or English'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const courseListSchema = z
  .object({ total: z.number().int(), courses: z.array(courseSummarySchema) })
  .meta({ id: 'CourseList' });

export const problemRowSchema = z.object({
  row: z
    .number()
    .int()
    .nullable()
    .describe('JSON: position in courses (1 = first); CSV/XLSX: sheet row (header = 1)'),
  code: z.string().describe('Stable reason code, e.g. missing_code, bad_credits, duplicate_code'),
  field: z.string().nullable(),
  message: z.object({ sv: z.string(), en: z.string() }),
});

export const uploadSchema = z
  .object({
    uploadId: z.uuid(),
    fileName: z.string(),
    format: z.enum(['json', 'csv', 'xlsx']),
    columns: z.array(z.string()).describe('CSV/XLSX: the header; JSON: the interchange fields found'),
    sampleRows: z.array(z.record(z.string(), z.string())).describe('The first five rows, by column'),
    rows: z.number().int(),
    suggestedMapping: z
      .record(z.string(), z.string())
      .describe('A guess from the column names: {ourField: theirColumn}'),
    fields: z.array(z.string()).describe('Our fields a column can be mapped to'),
    problems: z.array(problemRowSchema).describe('Problems with the file as a whole (it cannot be read)'),
  })
  .meta({ id: 'CatalogUpload' });

export const importBody = z.strictObject({
  uploadId: z.uuid(),
  mapping: z
    .partialRecord(z.enum(mappableFields), z.string().min(1).max(200))
    .optional()
    .describe('CSV/XLSX: {ourField: theirColumn}; the suggested mapping when left out. JSON needs none.'),
  keepValidRows: z
    .boolean()
    .default(false)
    .describe('Write the valid rows even when some rows are bad; without it nothing is written then'),
  suggestTags: z.boolean().default(true).describe('Suggest taxonomy concepts for new and changed courses'),
});

export const importReportSchema = z
  .object({
    id: z.uuid(),
    status: z.enum(['succeeded', 'needs_decision', 'failed']),
    fileName: z.string(),
    format: z.string(),
    keepValidRows: z.boolean(),
    counts: z.object({
      rows: z.number().int(),
      valid: z.number().int(),
      invalid: z.number().int(),
      created: z.number().int(),
      updated: z.number().int(),
      unchanged: z.number().int(),
      notInFile: z.number().int().describe('Courses of the HEI the file does not mention (left as they are)'),
      tagSuggestions: z.number().int().describe('Concept suggestions stored before the import returned'),
      tagsQueued: z
        .number()
        .int()
        .describe(
          'Courses whose concept suggestions are being made in the background (imports through the API)',
        ),
    }),
    problems: z.array(problemRowSchema),
    startedAt: z.iso.datetime(),
  })
  .meta({ id: 'CatalogImport' });
export type ImportReport = z.infer<typeof importReportSchema>;

export const decideTagBody = z.strictObject({
  status: z.enum(['confirmed', 'rejected']).describe('A concept that was not suggested can be confirmed too'),
});
