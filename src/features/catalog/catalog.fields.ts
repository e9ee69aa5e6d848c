// The catalogue's vocabularies, apart from the file parsers (which need Node), so the web app can use them.

export const courseLevels = ['first-cycle', 'second-cycle', 'third-cycle', 'non-credit'] as const;
export const courseFormats = ['campus', 'distance', 'blended', 'workplace'] as const;
export type CourseLevel = (typeof courseLevels)[number];
export type CourseFormat = (typeof courseFormats)[number];

/** Our fields a column of a CSV or XLSX sheet can be mapped to. */
export const mappableFields = [
  'code',
  'externalId',
  'title',
  'titleSv',
  'titleEn',
  'language',
  'credits',
  'level',
  'eqfLevel',
  'sunField',
  'format',
  'description',
  'learningOutcomes',
  'subjects',
  'teachers',
  'prerequisites',
  'priceSek',
  'syllabusUrl',
  'occasionStart',
  'occasionEnd',
  'occasionPlace',
  'occasionFormat',
] as const;
export type MappableField = (typeof mappableFields)[number];
