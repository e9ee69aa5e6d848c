/**
 * Subject areas: the two-digit fields ("inriktningar") of SUN 2020, the Swedish education
 * nomenclature (codes and Swedish labels as in the JobTech taxonomy). Used to describe what an
 * inquiry is about and in which fields an HEI has degree-awarding powers. The full SUN hierarchy
 * arrives with the taxonomy import; these codes are its stable top two levels.
 */
export const subjectAreas = [
  { code: '14', sv: 'Pedagogik och lärarutbildning', en: 'Education and teacher training' },
  { code: '21', sv: 'Konst och media', en: 'Arts and media' },
  { code: '22', sv: 'Humaniora', en: 'Humanities' },
  { code: '31', sv: 'Samhälls- och beteendevetenskap', en: 'Social and behavioural sciences' },
  { code: '32', sv: 'Journalistik och information', en: 'Journalism and information' },
  {
    code: '34',
    sv: 'Företagsekonomi, handel och administration',
    en: 'Business, commerce and administration',
  },
  { code: '38', sv: 'Juridik och rättsvetenskap', en: 'Law' },
  { code: '42', sv: 'Biologi och miljövetenskap', en: 'Biology and environmental science' },
  { code: '44', sv: 'Fysik, kemi och geovetenskap', en: 'Physics, chemistry and earth sciences' },
  { code: '46', sv: 'Matematik och övrig naturvetenskap', en: 'Mathematics and other natural sciences' },
  {
    code: '48',
    sv: 'Informations- och kommunikationsteknik (IKT)',
    en: 'Information and communication technology (ICT)',
  },
  { code: '52', sv: 'Teknik och teknisk industri', en: 'Engineering and engineering trades' },
  { code: '54', sv: 'Material och tillverkning', en: 'Materials and manufacturing' },
  { code: '58', sv: 'Samhällsbyggnad och byggnadsteknik', en: 'Architecture, planning and construction' },
  {
    code: '62',
    sv: 'Lantbruk, trädgård, skog och fiske',
    en: 'Agriculture, horticulture, forestry and fisheries',
  },
  { code: '64', sv: 'Djursjukvård', en: 'Veterinary care' },
  { code: '72', sv: 'Hälso- och sjukvård', en: 'Health care' },
  { code: '76', sv: 'Socialt arbete och omsorg', en: 'Social work and care' },
  { code: '81', sv: 'Personliga tjänster', en: 'Personal services' },
  { code: '84', sv: 'Transporttjänster', en: 'Transport services' },
  { code: '85', sv: 'Arbetsmiljö och renhållning', en: 'Occupational health and sanitation' },
  { code: '86', sv: 'Säkerhetstjänster', en: 'Security services' },
] as const;

export type SubjectAreaCode = (typeof subjectAreas)[number]['code'];
export const subjectAreaCodes = subjectAreas.map((s) => s.code) as [SubjectAreaCode, ...SubjectAreaCode[]];

/** Sweden's 21 counties (län), for the inquiry form and regional routing. */
export const counties = [
  'Blekinge',
  'Dalarna',
  'Gotland',
  'Gävleborg',
  'Halland',
  'Jämtland',
  'Jönköping',
  'Kalmar',
  'Kronoberg',
  'Norrbotten',
  'Skåne',
  'Stockholm',
  'Södermanland',
  'Uppsala',
  'Värmland',
  'Västerbotten',
  'Västernorrland',
  'Västmanland',
  'Västra Götaland',
  'Örebro',
  'Östergötland',
] as const;
export type County = (typeof counties)[number];
