import type { Db } from '../../db/client.ts';
import { taxonomyConcept } from './taxonomy.table.ts';

/**
 * A small bilingual taxonomy written for the demo, so concept pickers work before anyone imports ESCO
 * or JobTech. Source "demo"; a real import lives beside it.
 */
const skills: [sv: string, en: string][] = [
  ['Vätgasteknik', 'Hydrogen technology'],
  ['Elektrifierade industriprocesser', 'Electrified industrial processes'],
  ['Svetsteknik', 'Welding technology'],
  ['Materialval för höga temperaturer', 'Materials selection for high temperatures'],
  ['Förebyggande underhåll', 'Preventive maintenance'],
  ['Lean produktion', 'Lean production'],
  ['PLC-programmering', 'PLC programming'],
  ['Elsäkerhet', 'Electrical safety'],
  ['Ledarskap', 'Leadership'],
  ['Förändringsledning', 'Change management'],
  ['Projektledning', 'Project management'],
  ['Riskbedömning', 'Risk assessment'],
  ['Informationssäkerhet', 'Information security'],
  ['NIS2-regelverket', 'The NIS2 regulations'],
  ['Demensvård', 'Dementia care'],
  ['Välfärdsteknik', 'Welfare technology'],
  ['Handledning av elever och nyanställda', 'Supervising students and new employees'],
  ['Teknisk engelska', 'Technical English'],
  ['Arbetsmiljöarbete', 'Occupational health and safety work'],
  ['Digital kompetens', 'Digital competence'],
];

const occupations: [sv: string, en: string, ssyk: string | null][] = [
  ['Svetsare och gasskärare', 'Welders and flame cutters', '7212'],
  [
    'Undersköterskor, hemtjänst, hemsjukvård och äldreboende',
    'Assistant nurses in home care and elderly care',
    '5321',
  ],
  ['Drifttekniker, IT', 'IT operations technicians', '3511'],
  ['Underhållstekniker', 'Maintenance technicians', null],
  ['Enhetschef inom äldreomsorgen', 'Unit manager in elderly care', null],
  ['Platschef, bygg', 'Site manager, construction', null],
];

export async function seedDemoTaxonomy(db: Db) {
  const rows = [
    ...skills.map(([sv, en], i) => ({
      externalId: `demo-skill-${i + 1}`,
      type: 'skill',
      code: null,
      labelSv: sv,
      labelEn: en,
    })),
    ...occupations.map(([sv, en, code], i) => ({
      externalId: `demo-occupation-${i + 1}`,
      type: 'occupation',
      code,
      labelSv: sv,
      labelEn: en,
    })),
  ].map((r) => ({ ...r, source: 'demo' as const, version: 'demo' }));
  await db.insert(taxonomyConcept).values(rows).onConflictDoNothing();
}
