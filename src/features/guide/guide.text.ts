import type { Stage } from '../cases/stages.ts';

/**
 * The public process guide's languages, addresses and interface texts. The addresses are stable: a page
 * is `/guide/<id>` in Swedish and `/en/guide/<id>` in English, with the same id in both languages.
 */
export const guideLanguages = ['sv', 'en'] as const;
export type GuideLanguage = (typeof guideLanguages)[number];

export const otherLanguage = (lang: GuideLanguage): GuideLanguage => (lang === 'sv' ? 'en' : 'sv');

/** The parts of the guide, in the order the navigation shows them. */
export const guideParts = ['organisation', 'dialogue', 'incentives', 'rules', 'methods', 'glossary'] as const;
export type GuidePart = (typeof guideParts)[number];

export type TemplateFormat = 'docx' | 'pdf';

const base = { sv: '/guide', en: '/en/guide' } as const;
const segment = {
  sv: { search: 'sok', changes: 'andringar', templates: 'mallar' },
  en: { search: 'search', changes: 'changes', templates: 'templates' },
} as const;

/** The segment under the guide's address where an HEI's version of it lives: `/guide/l/<organisationId>`. */
export const heiSegment = 'l';

/** The addresses of one version of the guide (the shared one, or an HEI's), in both languages. */
export type GuidePaths = {
  home(lang: GuideLanguage): string;
  page(lang: GuideLanguage, id: string): string;
  search(lang: GuideLanguage, q?: string): string;
  changes(lang: GuideLanguage): string;
  templates(lang: GuideLanguage): string;
  template(lang: GuideLanguage, id: string): string;
  templateFile(lang: GuideLanguage, id: string, format: TemplateFormat): string;
};

function pathsUnder(root: Record<GuideLanguage, string>): GuidePaths {
  return {
    home: (lang) => root[lang],
    page: (lang, id) => `${root[lang]}/${id}`,
    search: (lang, q) => `${root[lang]}/${segment[lang].search}${q ? `?q=${encodeURIComponent(q)}` : ''}`,
    changes: (lang) => `${root[lang]}/${segment[lang].changes}`,
    templates: (lang) => `${root[lang]}/${segment[lang].templates}`,
    template: (lang, id) => `${root[lang]}/${segment[lang].templates}/${id}`,
    templateFile: (lang, id, format) => `${root[lang]}/${segment[lang].templates}/${id}.${format}`,
  };
}

/** The shared guide's addresses: `/guide/<id>` and `/en/guide/<id>`. */
export const guidePaths: GuidePaths = pathsUnder(base);

/**
 * An HEI's version of the guide (its own pages and its adaptations of shared pages and templates, the
 * shared content everywhere else): `/guide/l/<organisationId>/<id>` and `/en/guide/l/<organisationId>/<id>`,
 * with the same segments below as the shared guide.
 */
export function heiGuidePaths(organisationId: string): GuidePaths {
  return pathsUnder({
    sv: `${base.sv}/${heiSegment}/${organisationId}`,
    en: `${base.en}/${heiSegment}/${organisationId}`,
  });
}

/**
 * The guide's address for a stage of the case pipeline, e.g. `/guide/stage-design` or
 * `/en/guide/stage-design`, or with an HEI's id its version of the page (`/guide/l/<heiId>/stage-design`:
 * its adaptation when it has one, else the shared page). Pure (no content is read), so the web app can
 * import it too; the content check at start-up makes sure every stage has its page at exactly this address.
 */
export function guidePathForStage(stage: Stage, lang: GuideLanguage = 'sv', heiId?: string): string {
  return (heiId ? heiGuidePaths(heiId) : guidePaths).page(lang, `stage-${stage}`);
}

/** Page ids that would collide with the guide's own addresses. */
export const reservedIds = new Set<string>([
  ...Object.values(segment.sv),
  ...Object.values(segment.en),
  'assets',
  heiSegment,
]);

export const guideText = {
  sv: {
    locale: 'sv-SE',
    guideName: 'Processguiden',
    siteName: 'Lupp',
    homeTitle: 'Processguide för uppdragsutbildning',
    homeDescription:
      'En öppen guide till hur universitet och högskolor arbetar med uppdragsutbildning: processen från förfrågan till avslut, kunddialog, regler, metoder och mallar att ladda ned.',
    homeIntro:
      'Guiden beskriver en kvalitetssäkrad process för uppdragsutbildning, från den första förfrågan till uppföljning och avslut. Den bygger på en utvecklingsmodell från forskning om hur svenska lärosäten samverkar kring uppdragsutbildning. Börja med översikten över processen, eller gå direkt till den del du behöver.',
    startHere: 'Börja här',
    skipLink: 'Hoppa till innehållet',
    languageSwitch: 'English',
    languageSwitchLabel: 'Read this page in English',
    partsNav: 'Guidens delar',
    breadcrumbs: 'Du är här',
    parts: {
      organisation: 'Organisation och processer',
      dialogue: 'Kunddialog och kompetensutveckling',
      incentives: 'Incitament och samverkanskompetens',
      rules: 'Regler',
      methods: 'Metoder och verktyg',
      glossary: 'Ordlista',
    } satisfies Record<GuidePart, string>,
    contents: 'Innehåll på sidan',
    lastChanged: 'Senast ändrad',
    pageChanges: (n: number) => (n === 1 ? 'Ändringar av sidan (1)' : `Ändringar av sidan (${n})`),
    templateChanges: (n: number) => `Ändringar av mallen (${n})`,
    allChanges: 'Alla ändringar i guiden',
    templatesHeading: 'Mallar',
    templatesIntro:
      'Mallarna kan laddas ned som Word-dokument att fylla i på datorn, eller som PDF att skriva ut.',
    templatesTitle: 'Mallar att ladda ned',
    templatesDescription:
      'Mallar för uppdragsutbildning att ladda ned som Word eller PDF: kalkyl, kursplan, offert, avtal, intervjuguide, utvärdering och checklistor för varje steg.',
    downloadDocx: 'Word-dokument (DOCX, svenska)',
    downloadPdf: 'PDF (svenska)',
    download: 'Ladda ned',
    aboutTemplate: 'Om mallen',
    templateStage: 'Hör till steget',
    templateUsedOn: 'Används på',
    templatePreview: 'Mallens innehåll',
    previous: 'Föregående',
    next: 'Nästa',
    pagerLabel: 'Föregående och nästa sida',
    searchLabel: 'Sök i guiden',
    searchButton: 'Sök',
    searchTitle: 'Sök i guiden',
    searchHits: (n: number, q: string) => (n === 1 ? `1 träff för ”${q}”` : `${n} träffar för ”${q}”`),
    noHits: (q: string) => `Inga träffar för ”${q}”.`,
    didYouMean: 'Menade du',
    searchTips: 'Tips',
    searchTipList: [
      'Kontrollera stavningen, eller skriv början av ordet.',
      'Använd färre ord, eller ett annat ord för samma sak.',
      'Bläddra bland guidens delar nedan.',
    ],
    searchEmpty: 'Skriv ett eller flera ord, till exempel ”kalkyl”, ”moms” eller ”behovsanalys”.',
    changesTitle: 'Ändringar i guiden',
    changesDescription: 'Alla ändringar av processguidens sidor och mallar, de senaste först.',
    changesIntro:
      'Guidens innehåll versionshanteras tillsammans med Lupp. Här är varje ändring av sidor och mallar, de senaste först.',
    kindPage: 'Sida',
    kindTemplate: 'Mall',
    notFoundTitle: 'Sidan finns inte',
    notFoundText:
      'Det finns ingen sida i processguiden på den här adressen. Den kan ha flyttats, eller så är adressen felstavad.',
    notFoundHome: 'Gå till processguidens startsida',
    footerAbout:
      'Processguiden är en del av Lupp, en öppen plattform för uppdragsutbildning. Innehållet får användas fritt.',
    footerChanges: 'Ändringar i guiden',
    footerTemplates: 'Alla mallar',
    footerSignIn: 'Logga in i Lupp',
    required: 'obligatorisk',
    optional: 'frivillig',
    checklistHeader: ['Nr', 'Beslutspunkt', 'Obligatorisk', 'Klar (datum)', 'Av vem', 'Kommentar'],
    yes: 'Ja',
    no: 'Nej',
    tickBox: 'ruta att kryssa i',
    tickedBox: 'ikryssad ruta',
    blank: 'fält att fylla i',
    table: 'Tabell',
    fileLanguage: 'svenska',
    heiHomeTitle: (hei: string) => `Processguide för uppdragsutbildning vid ${hei}`,
    heiHomeIntro: (hei: string) =>
      `Det här är processguiden så som ${hei} har anpassat den: lärosätets egna sidor och anpassningar, och den gemensamma guiden för resten. Börja med översikten över processen, eller gå direkt till den del du behöver.`,
    ownPart: (hei: string) => `Sidor från ${hei}`,
    adaptedNote: (hei: string) => `${hei} har anpassat den här sidan efter sitt arbetssätt.`,
    adaptedTemplateNote: (hei: string) => `${hei} har anpassat den här mallen.`,
    ownPageNote: (hei: string) => `En egen sida från ${hei}. Den finns inte i den gemensamma guiden.`,
    sharedVersion: 'Läs den gemensamma versionen',
    sharedGuide: 'Den gemensamma processguiden',
    adaptedChange: (hei: string) => `Anpassad av ${hei}`,
    ownChange: (hei: string) => `Egen sida från ${hei}`,
  },
  en: {
    locale: 'en-GB',
    guideName: 'Process guide',
    siteName: 'Lupp',
    homeTitle: 'Process guide to contract education',
    homeDescription:
      'An open guide to how universities and university colleges work with contract education: the process from inquiry to close-out, customer dialogue, rules, methods and templates to download.',
    homeIntro:
      'The guide describes a quality-assured process for contract education, from the first inquiry to follow-up and close-out. It builds on a development model from research on how Swedish higher education institutions collaborate on contract education. Start with the overview of the process, or go straight to the part you need.',
    startHere: 'Start here',
    skipLink: 'Skip to content',
    languageSwitch: 'Svenska',
    languageSwitchLabel: 'Läs sidan på svenska',
    partsNav: 'Parts of the guide',
    breadcrumbs: 'You are here',
    parts: {
      organisation: 'Organisation and processes',
      dialogue: 'Customer dialogue and competence development',
      incentives: 'Incentives and collaboration skills',
      rules: 'Rules',
      methods: 'Methods and tools',
      glossary: 'Glossary',
    } satisfies Record<GuidePart, string>,
    contents: 'On this page',
    lastChanged: 'Last changed',
    pageChanges: (n: number) => `Changes to this page (${n})`,
    templateChanges: (n: number) => `Changes to this template (${n})`,
    allChanges: 'All changes to the guide',
    templatesHeading: 'Templates',
    templatesIntro:
      'The templates can be downloaded as Word documents to fill in on the computer, or as PDF to print.',
    templatesTitle: 'Templates to download',
    templatesDescription:
      'Templates for contract education to download as Word or PDF: calculation, syllabus, proposal, agreement, interview guide, evaluation and a checklist for every stage.',
    downloadDocx: 'Word document (DOCX, English)',
    downloadPdf: 'PDF (English)',
    download: 'Download',
    aboutTemplate: 'About the template',
    templateStage: 'Belongs to the stage',
    templateUsedOn: 'Used on',
    templatePreview: 'What the template contains',
    previous: 'Previous',
    next: 'Next',
    pagerLabel: 'Previous and next page',
    searchLabel: 'Search the guide',
    searchButton: 'Search',
    searchTitle: 'Search the guide',
    searchHits: (n: number, q: string) => (n === 1 ? `1 result for “${q}”` : `${n} results for “${q}”`),
    noHits: (q: string) => `No results for “${q}”.`,
    didYouMean: 'Did you mean',
    searchTips: 'Tips',
    searchTipList: [
      'Check the spelling, or type the beginning of the word.',
      'Use fewer words, or another word for the same thing.',
      'Browse the parts of the guide below.',
    ],
    searchEmpty: 'Type one or more words, for example “calculation”, “VAT” or “needs analysis”.',
    changesTitle: 'Changes to the guide',
    changesDescription: 'Every change to the process guide’s pages and templates, newest first.',
    changesIntro:
      'The guide’s content is versioned together with Lupp. Here is every change to its pages and templates, newest first.',
    kindPage: 'Page',
    kindTemplate: 'Template',
    notFoundTitle: 'Page not found',
    notFoundText:
      'There is no page of the process guide at this address. It may have moved, or the address may be misspelt.',
    notFoundHome: 'Go to the start page of the process guide',
    footerAbout:
      'The process guide is part of Lupp, an open platform for contract education. The content may be used freely.',
    footerChanges: 'Changes to the guide',
    footerTemplates: 'All templates',
    footerSignIn: 'Sign in to Lupp',
    required: 'required',
    optional: 'optional',
    checklistHeader: ['No.', 'Decision point', 'Required', 'Done (date)', 'By', 'Comment'],
    yes: 'Yes',
    no: 'No',
    tickBox: 'tick box',
    tickedBox: 'ticked box',
    blank: 'blank to fill in',
    table: 'Table',
    fileLanguage: 'English',
    heiHomeTitle: (hei: string) => `Process guide to contract education at ${hei}`,
    heiHomeIntro: (hei: string) =>
      `This is the process guide as ${hei} has adapted it: its own pages and adaptations, and the shared guide for the rest. Start with the overview of the process, or go straight to the part you need.`,
    ownPart: (hei: string) => `Pages from ${hei}`,
    adaptedNote: (hei: string) => `${hei} has adapted this page to the way it works.`,
    adaptedTemplateNote: (hei: string) => `${hei} has adapted this template.`,
    ownPageNote: (hei: string) => `A page from ${hei}. The shared guide does not have it.`,
    sharedVersion: 'Read the shared version',
    sharedGuide: 'The shared process guide',
    adaptedChange: (hei: string) => `Adapted by ${hei}`,
    ownChange: (hei: string) => `A page from ${hei}`,
  },
};

/** "2026-11-29" as people read it: the same in Swedish, "29 November 2026" in English. */
export function formatDate(isoDate: string, lang: GuideLanguage): string {
  if (lang === 'sv') return isoDate;
  return new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${isoDate}T00:00:00Z`),
  );
}
