import type { CourseFormat } from '../catalog/catalog.fields.ts';

// How employers say where and how a course should be given, in Swedish and English. A phrase suggests the
// format filter; it never filters by itself, since "leda på distans" may as well be the subject of the
// course (leading people who work remotely) as its form. Blended comes first: "delvis på distans" is blended,
// not distance.
const PHRASES: [CourseFormat, string[]][] = [
  [
    'blended',
    [
      'delvis på distans',
      'blandad form',
      'blandat format',
      'kombination av distans och',
      'både på distans och',
      'hybrid',
      'blended',
      'partly online',
      'partly remote',
      'both online and',
      'mix of online and',
    ],
  ],
  [
    'distance',
    [
      'på distans',
      'distansutbildning',
      'distanskurs',
      'nätbaserad',
      'nätbaserat',
      'webbaserad',
      'webbaserat',
      'online',
      'remote',
      'remotely',
      'at a distance',
      'distance learning',
      'by distance',
    ],
  ],
  [
    'workplace',
    [
      'på arbetsplatsen',
      'på vår arbetsplats',
      'hos oss',
      'i våra lokaler',
      'på plats hos',
      'on site',
      'on-site',
      'at our site',
      'at the workplace',
      'at our workplace',
      'at our premises',
      'in-house',
    ],
  ],
  ['campus', ['på campus', 'campusförlagd', 'campusförlagt', 'on campus', 'campus-based']],
];

// a phrase up to three words after one of these is not wished for: "inte gå på distans", "not want it online"
const NEGATION = /(?:^|[^\p{L}])(?:inte|ej|icke|aldrig|not|no|never)\s+(?:\p{L}+\s+){0,3}$/u;

// phrases hold letters, spaces and hyphens only; any run of spaces between their words will do
const spacesAsAnyRun = (phrase: string) => phrase.replace(/ /g, '\\s+');

const PATTERNS = PHRASES.map(
  ([format, phrases]) =>
    [
      format,
      new RegExp(`(?<![\\p{L}\\p{N}])(?:${phrases.map(spacesAsAnyRun).join('|')})(?![\\p{L}\\p{N}])`, 'giu'),
    ] as const,
);

export type FormatAskedFor = { format: CourseFormat; phrase: string };

/**
 * The course formats a need's text asks for, each with the phrase that says so (as written), in the order
 * of the text. A phrase inside a longer one of another format ("på distans" in "delvis på distans") and a
 * negated one ("inte på distans") ask for nothing.
 */
export function formatsAskedFor(text: string): FormatAskedFor[] {
  const found: (FormatAskedFor & { start: number; end: number })[] = [];
  for (const [format, pattern] of PATTERNS) {
    for (const m of text.matchAll(pattern)) {
      const start = m.index;
      const end = start + m[0].length;
      if (NEGATION.test(text.slice(Math.max(0, start - 40), start))) continue;
      if (found.some((f) => start < f.end && end > f.start)) continue; // inside a phrase found already
      found.push({ format, phrase: m[0].replace(/\s+/g, ' '), start, end });
    }
  }
  const firstOfEach = new Map<CourseFormat, FormatAskedFor & { start: number }>();
  for (const f of found.sort((a, b) => a.start - b.start))
    if (!firstOfEach.has(f.format)) firstOfEach.set(f.format, f);
  return [...firstOfEach.values()].map(({ format, phrase }) => ({ format, phrase }));
}
