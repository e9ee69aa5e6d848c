/**
 * The demo HEIs' course catalogues (in the interchange format of docs/catalog-format.md), so Kurser and
 * Matchning have something to search before anyone imports a real catalogue. Fictitious courses.
 */
type DemoCourse = Record<string, unknown> & { code: string; title: string; language: 'sv' | 'en' };

const course = (c: DemoCourse) => ({ level: 'first-cycle', format: 'blended', ...c });

export const demoCatalogues: Record<string, DemoCourse[]> = {
  'Mittlands universitet': [
    course({
      code: 'UH101',
      title: 'Förebyggande och tillståndsbaserat underhåll',
      language: 'sv',
      credits: 7.5,
      description:
        'Kursen behandlar förebyggande underhåll, tillståndsövervakning och planering av underhåll i processindustri och gruvor. Deltagarna lär sig analysera stopptider, välja underhållsstrategi och använda vibrationsmätning och termografi för att upptäcka fel innan de leder till oplanerade stopp.',
      learningOutcomes: [
        'analysera stopptidsstatistik och identifiera de vanligaste orsakerna till oplanerade stopp',
        'välja och motivera en underhållsstrategi för en anläggning',
        'planera förebyggande underhåll med stöd av tillståndsövervakning',
      ],
      subjects: ['Underhållsteknik', 'Produktionsteknik'],
      priceSek: 24000,
    }),
    course({
      code: 'UH120',
      title: 'Lean i underhållsarbetet',
      language: 'sv',
      credits: 5,
      format: 'workplace',
      description:
        'Lean produktion tillämpad på underhåll: värdeflöden, standardiserat arbete, 5S och ständiga förbättringar i underhållsorganisationen. Kursen ges på arbetsplatsen med förbättringsprojekt i deltagarnas egen verksamhet.',
      learningOutcomes: [
        'förklara principerna i lean produktion och deras tillämpning i underhåll',
        'leda ett förbättringsarbete med lean-verktyg',
      ],
      subjects: ['Lean', 'Underhållsteknik'],
      priceSek: 18000,
    }),
    course({
      code: 'AUT210',
      title: 'PLC-programmering för underhållstekniker',
      language: 'sv',
      credits: 7.5,
      description:
        'Grundläggande programmering av PLC-system enligt IEC 61131-3 för tekniker som felsöker och ändrar automationssystem. Ladderdiagram, funktionsblock, felsökning och säkerhet kring maskiner.',
      learningOutcomes: [
        'skriva och ändra enkla PLC-program i ladderdiagram och funktionsblock',
        'felsöka ett automationssystem systematiskt',
      ],
      subjects: ['Automation', 'PLC'],
      priceSek: 26000,
    }),
    course({
      code: 'LED300',
      title: 'Förändringsledning för chefer',
      language: 'sv',
      credits: 7.5,
      level: 'second-cycle',
      format: 'distance',
      description:
        'Hur chefer leder förändring: att skapa förståelse för varför, involvera medarbetare, hantera motstånd och följa upp. Kursen bygger på forskning om organisationsförändring och deltagarnas egna förändringsprojekt.',
      learningOutcomes: [
        'analysera en pågående förändring i den egna organisationen',
        'planera kommunikation och delaktighet i en förändring',
      ],
      subjects: ['Ledarskap', 'Organisation'],
      priceSek: 22000,
    }),
    course({
      code: 'SVT101',
      title: 'Svetsteknik för arbetsledare',
      language: 'sv',
      credits: 7.5,
      description:
        'Svetsmetoder, svetssymboler, svetsprocedurer (WPS) och vanliga svetsdefekter, för arbetsledare och produktionstekniker som fattar beslut om svetsade konstruktioner.',
      learningOutcomes: [
        'tolka svetssymboler på ritningar',
        'känna igen vanliga svetsdefekter och deras orsaker',
      ],
      subjects: ['Svetsteknik'],
      priceSek: 21000,
    }),
    course({
      code: 'PRJ150',
      title: 'Projektledning i praktiken',
      language: 'sv',
      credits: 5,
      format: 'distance',
      description:
        'Planering, riskhantering, budget och uppföljning av projekt. Deltagarna arbetar med ett eget projekt från mål till avslut.',
      learningOutcomes: [
        'upprätta en projektplan med tidplan och risker',
        'följa upp ett projekt mot mål och budget',
      ],
      subjects: ['Projektledning'],
      priceSek: 15000,
    }),
    course({
      code: 'DAT220',
      title: 'Data analysis with Python for industry',
      language: 'en',
      credits: 7.5,
      format: 'distance',
      description:
        'Python for engineers who work with production and maintenance data: cleaning sensor data, statistics, visualisation and simple predictive models for equipment failures.',
      learningOutcomes: [
        'prepare and analyse production and sensor data in Python',
        'build a simple model that predicts equipment failures',
      ],
      subjects: ['Data analysis', 'Programming'],
      priceSek: 25000,
    }),
  ],
  'Högskolan i Norrvik': [
    course({
      code: 'MNT110',
      title: 'Condition monitoring and predictive maintenance',
      language: 'en',
      credits: 7.5,
      description:
        'Vibration analysis, thermography and oil analysis for condition-based and predictive maintenance in heavy industry and mining. Participants plan maintenance from condition data to reduce unplanned stops.',
      learningOutcomes: [
        'choose condition-monitoring methods for rotating equipment',
        'plan predictive maintenance from condition data',
      ],
      subjects: ['Maintenance engineering'],
      priceSek: 27000,
    }),
    course({
      code: 'AUT150',
      title: 'Industrial automation and PLC programming',
      language: 'en',
      credits: 5,
      format: 'campus',
      description:
        'PLC programming to IEC 61131-3, sensors, actuators and industrial networks, with lab work on real automation equipment.',
      learningOutcomes: ['program a PLC for a simple production cell', 'troubleshoot sensors and actuators'],
      subjects: ['Automation'],
      priceSek: 23000,
    }),
    course({
      code: 'ARB100',
      title: 'Arbetsmiljö och säkerhet i industrin',
      language: 'sv',
      credits: 3,
      level: 'non-credit',
      format: 'workplace',
      description:
        'Systematiskt arbetsmiljöarbete, riskbedömning och säkerhetskultur för arbetsledare och skyddsombud i industri och gruvor.',
      learningOutcomes: ['genomföra en riskbedömning', 'förklara arbetsgivarens ansvar för arbetsmiljön'],
      subjects: ['Arbetsmiljö'],
      priceSek: 9000,
    }),
    course({
      code: 'VÅR210',
      title: 'Ledarskap i vård och omsorg',
      language: 'sv',
      credits: 7.5,
      format: 'distance',
      description:
        'Ledarskap för enhetschefer i vård och omsorg: arbetsmiljö, bemanning, kvalitet och samverkan med anhöriga och andra vårdgivare.',
      learningOutcomes: ['leda en enhet i vård och omsorg', 'arbeta systematiskt med kvalitet i omsorgen'],
      subjects: ['Ledarskap', 'Vård och omsorg'],
      priceSek: 20000,
    }),
    course({
      code: 'TIL100',
      title: 'Digital tillgänglighet och WCAG',
      language: 'sv',
      credits: 3,
      format: 'distance',
      description:
        'Krav på digital tillgänglighet i offentlig sektor, WCAG 2.1 och hur webbplatser och dokument testas och åtgärdas.',
      learningOutcomes: ['granska en webbplats mot WCAG 2.1', 'föreslå åtgärder för tillgänglighetsbrister'],
      subjects: ['Digital tillgänglighet'],
      priceSek: 8000,
    }),
  ],
};
