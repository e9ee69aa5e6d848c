import type { Content, TableCell } from 'pdfmake/interfaces';
import type { LuppDocument } from '../../shared/pdf.ts';
import type { Analysis } from './needs.contract.ts';
import { horizonLabels } from './priority.ts';

/**
 * The summary of a competence-needs analysis as an A4 PDF, to hand to the customer: the organisation
 * level, roles, top priorities per horizon, every need by priority, and goals with indicators.
 * `analysisPdf` is a pure function from the analysis to a pdfmake document definition; `renderPdf`
 * turns a definition into bytes with pdfmake's bundled Roboto (which has å, ä and ö) and nothing else:
 * no URL is fetched and no file but the four font files is read.
 */

export type PdfLanguage = 'sv' | 'en';

/** A role × competence gap matrix (the heatmap), when the caller has one; drawn as a table. */
export type PdfHeatmap = {
  roles: { id: string; title: string }[];
  competences: { key: string; label: { sv: string | null; en: string | null } }[];
  cells: { roleId: string | null; key: string; gap: number }[];
};

const text = {
  sv: {
    summary: 'Sammanfattning av kompetensbehovsanalys',
    customer: 'Kund',
    version: 'Version',
    date: 'Datum',
    organisation: 'Organisationsnivå',
    strategy: 'Strategi och mål',
    drivers: 'Drivkrafter',
    none: '—',
    roles: 'Roller',
    role: 'Roll',
    headcountNow: 'Antal i dag',
    headcountHorizon: 'Antal vid horisonten',
    change: 'Förändring',
    noRoles: 'Inga roller är beskrivna.',
    top: 'Högst prioriterat',
    topNone: 'Inga behov med gap.',
    needs: 'Alla kompetensbehov, efter prioritet',
    noNeeds: 'Inga kompetensbehov är registrerade.',
    competence: 'Kompetens',
    required: 'Krävd nivå',
    current: 'Nuvarande nivå',
    gap: 'Gap',
    importance: 'Vikt',
    people: 'Personer',
    horizon: 'Horisont',
    priority: 'Prioritet',
    formula:
      'Prioritet = vikt × gap × (1 + log10(personer)) × horisontvikt; gap = krävd − nuvarande nivå (minst 0). Nivåerna går från 0 (ingen kunskap) till 5 (expert).',
    goals: 'Mål och indikatorer',
    noGoals: 'Inga mål eller indikatorer är angivna.',
    goalIndividual: 'Mål för individen',
    goalOrganisation: 'Mål för organisationen',
    indicators: 'Indikatorer',
    heatmap: 'Gap per roll och kompetens',
    wholeOrganisation: 'Hela organisationen',
    page: (n: number, of: number) => `Sida ${n} av ${of}`,
    horizons: horizonLabels.sv as Record<string, string>,
    driverNames: {
      new_technology: 'Ny teknik',
      regulation: 'Nya regler och krav',
      reorganisation: 'Omorganisation',
      retirements: 'Pensionsavgångar',
      growth: 'Tillväxt',
      other: 'Annat',
    } as Record<string, string>,
  },
  en: {
    summary: 'Competence-needs analysis: summary',
    customer: 'Customer',
    version: 'Version',
    date: 'Date',
    organisation: 'Organisation level',
    strategy: 'Strategy and goals',
    drivers: 'Drivers',
    none: '—',
    roles: 'Roles',
    role: 'Role',
    headcountNow: 'Headcount now',
    headcountHorizon: 'At the horizon',
    change: 'Change',
    noRoles: 'No roles are described.',
    top: 'Top priorities',
    topNone: 'No needs with a gap.',
    needs: 'All competence needs, by priority',
    noNeeds: 'No competence needs are recorded.',
    competence: 'Competence',
    required: 'Required level',
    current: 'Current level',
    gap: 'Gap',
    importance: 'Importance',
    people: 'People',
    horizon: 'Horizon',
    priority: 'Priority',
    formula:
      'Priority = importance × gap × (1 + log10(people)) × horizon weight; gap = required − current level (at least 0). Levels go from 0 (no knowledge) to 5 (expert).',
    goals: 'Goals and indicators',
    noGoals: 'No goals or indicators are given.',
    goalIndividual: 'Individual goal',
    goalOrganisation: 'Organisational goal',
    indicators: 'Indicators',
    heatmap: 'Gap by role and competence',
    wholeOrganisation: 'Whole organisation',
    page: (n: number, of: number) => `Page ${n} of ${of}`,
    horizons: horizonLabels.en as Record<string, string>,
    driverNames: {
      new_technology: 'New technology',
      regulation: 'Regulation',
      reorganisation: 'Reorganisation',
      retirements: 'Retirements',
      growth: 'Growth',
      other: 'Other',
    } as Record<string, string>,
  },
};

const horizonOrder = ['now', '1y', '3y', '5y'];

/** The need's name in the language asked for, else in the other one, else its free text. */
export function needLabel(need: Analysis['needs'][number], language: PdfLanguage): string {
  if (!need.concept) return need.freeText ?? '';
  const { sv, en } = need.concept.label;
  return (language === 'sv' ? (sv ?? en) : (en ?? sv)) ?? need.freeText ?? '';
}

const header = (label: string): TableCell => ({ text: label, style: 'tableHeader' });

/** The document definition of an analysis summary. Pure: the same analysis gives the same document. */
export function analysisPdf(
  analysis: Analysis,
  language: PdfLanguage,
  options: { heatmap?: PdfHeatmap | null } = {},
): LuppDocument {
  const l = text[language];
  const locale = language === 'sv' ? 'sv-SE' : 'en-GB';
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const signed = new Intl.NumberFormat(locale, { signDisplay: 'exceptZero' });
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'Europe/Stockholm' }).format(
    new Date(analysis.createdAt),
  );
  const needs = [...analysis.needs].sort((a, b) => b.computed.priority - a.computed.priority);
  const byId = new Map(needs.map((n) => [n.id, n]));
  const roleTitle = (id: string | null) => analysis.roles.find((r) => r.id === id)?.title;

  const content: Content[] = [
    { text: l.summary, style: 'kicker' },
    { text: analysis.title, style: 'title' },
    {
      table: {
        widths: ['auto', '*'],
        body: [
          [{ text: l.customer, bold: true }, analysis.customer.name],
          [{ text: l.version, bold: true }, String(analysis.version)],
          [{ text: l.date, bold: true }, date],
        ],
      },
      layout: 'noBorders',
      margin: [0, 0, 0, 12],
    },

    { text: l.organisation, style: 'h2', headlineLevel: 1 },
    { text: l.strategy, style: 'h3' },
    { text: analysis.strategy.trim() || l.none, margin: [0, 0, 0, 6] },
    { text: l.drivers, style: 'h3' },
    analysis.drivers.length ? { ul: analysis.drivers.map((d) => l.driverNames[d] ?? d) } : { text: l.none },

    { text: l.roles, style: 'h2', headlineLevel: 1 },
    analysis.roles.length
      ? {
          table: {
            headerRows: 1,
            widths: ['*', 'auto', 'auto', 'auto'],
            body: [
              [header(l.role), header(l.headcountNow), header(l.headcountHorizon), header(l.change)],
              ...analysis.roles.map((r): TableCell[] => [
                r.title,
                { text: String(r.headcountNow), alignment: 'right' },
                { text: String(r.headcountHorizon), alignment: 'right' },
                { text: signed.format(r.headcountHorizon - r.headcountNow), alignment: 'right' },
              ]),
            ],
          },
          layout: 'lightHorizontalLines',
        }
      : { text: l.noRoles, italics: true },

    { text: l.top, style: 'h2', headlineLevel: 1 },
    ...horizonOrder.flatMap((h): Content[] => {
      const top = (analysis.topByHorizon[h] ?? []).map((id) => byId.get(id)).filter((n) => !!n);
      return [
        { text: l.horizons[h] ?? h, style: 'h3' },
        top.length
          ? {
              ol: top.map((n) => ({
                text: [
                  needLabel(n, language),
                  roleTitle(n.roleId) ? { text: ` (${roleTitle(n.roleId)})`, color: '#444444' } : '',
                  {
                    text: ` – ${l.priority.toLowerCase()} ${number.format(n.computed.priority)}`,
                    color: '#444444',
                  },
                ],
              })),
            }
          : { text: l.topNone, italics: true, color: '#444444' },
      ];
    }),

    { text: l.needs, style: 'h2', headlineLevel: 1 },
    needs.length
      ? {
          table: {
            headerRows: 1,
            dontBreakRows: true,
            widths: ['*', 'auto', 'auto', 'auto', 'auto', 'auto', 'auto', 'auto'],
            body: [
              [
                header(l.competence),
                header(l.required),
                header(l.current),
                header(l.gap),
                header(l.importance),
                header(l.people),
                header(l.horizon),
                header(l.priority),
              ],
              ...needs.map((n): TableCell[] => [
                {
                  text: [
                    needLabel(n, language),
                    roleTitle(n.roleId)
                      ? { text: `\n${roleTitle(n.roleId)}`, fontSize: 8, color: '#444444' }
                      : '',
                  ],
                },
                { text: String(n.requiredLevel), alignment: 'right' },
                { text: String(n.currentLevel), alignment: 'right' },
                { text: String(n.computed.gap), alignment: 'right' },
                { text: String(n.importance), alignment: 'right' },
                { text: String(n.people), alignment: 'right' },
                l.horizons[n.horizon] ?? n.horizon,
                { text: number.format(n.computed.priority), alignment: 'right', bold: true },
              ]),
            ],
          },
          layout: 'lightHorizontalLines',
          fontSize: 9,
        }
      : { text: l.noNeeds, italics: true },
    { text: l.formula, style: 'note' },

    ...heatmapSection(options.heatmap ?? null, language),

    { text: l.goals, style: 'h2', headlineLevel: 1 },
    goalsSection(needs, language),
  ];

  return {
    pageSize: 'A4',
    pageMargins: [48, 56, 48, 56],
    language: locale,
    info: {
      title: `${analysis.title} – ${analysis.customer.name}`,
      subject: l.summary,
      author: 'Lupp',
      creator: 'Lupp',
      producer: 'Lupp',
    },
    content,
    // A section heading never ends a page: it moves to the next one with its content.
    pageBreakBefore: (node, nodes) =>
      node.headlineLevel === 1 && nodes.getFollowingNodesOnPage().length === 0,
    footer: (page, pages) => ({
      columns: [
        { text: `${analysis.customer.name} · ${analysis.title} · ${l.version} ${analysis.version}` },
        { text: l.page(page, pages), alignment: 'right', width: 'auto' },
      ],
      margin: [48, 16, 48, 0],
      fontSize: 8,
      color: '#444444',
    }),
    defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.2, color: '#1a1a1a' },
    styles: {
      kicker: { fontSize: 9, color: '#444444', margin: [0, 0, 0, 2] },
      title: { fontSize: 20, bold: true, margin: [0, 0, 0, 10] },
      h2: { fontSize: 14, bold: true, margin: [0, 16, 0, 6] },
      h3: { fontSize: 11, bold: true, margin: [0, 6, 0, 3] },
      tableHeader: { bold: true, fontSize: 9, fillColor: '#eeeeee' },
      note: { fontSize: 8, color: '#444444', margin: [0, 6, 0, 0] },
    },
  };
}

function goalsSection(needs: Analysis['needs'], language: PdfLanguage): Content {
  const l = text[language];
  const withGoals = needs.filter((n) => n.goalIndividual || n.goalOrganisation || n.indicators);
  if (!withGoals.length) return { text: l.noGoals, italics: true };
  return {
    table: {
      headerRows: 1,
      dontBreakRows: true,
      widths: ['22%', '26%', '26%', '26%'],
      body: [
        [header(l.competence), header(l.goalIndividual), header(l.goalOrganisation), header(l.indicators)],
        ...withGoals.map((n): TableCell[] => [
          needLabel(n, language),
          n.goalIndividual ?? l.none,
          n.goalOrganisation ?? l.none,
          n.indicators ?? l.none,
        ]),
      ],
    },
    layout: 'lightHorizontalLines',
    fontSize: 9,
  };
}

function heatmapSection(heatmap: PdfHeatmap | null, language: PdfLanguage): Content[] {
  if (!heatmap?.competences.length) return [];
  const l = text[language];
  const rows: { id: string | null; title: string }[] = [
    { id: null, title: l.wholeOrganisation },
    ...heatmap.roles,
  ];
  const gapOf = (roleId: string | null, key: string) =>
    heatmap.cells.find((c) => c.roleId === roleId && c.key === key)?.gap;
  const shade = (gap: number | undefined) =>
    gap === undefined
      ? undefined
      : gap >= 3
        ? '#f4b6b6'
        : gap >= 2
          ? '#f8d6b0'
          : gap >= 1
            ? '#fbeec2'
            : '#e3f1dc';
  const competences = heatmap.competences.slice(0, 12);
  return [
    { text: l.heatmap, style: 'h2', headlineLevel: 1 },
    {
      table: {
        headerRows: 1,
        widths: ['*', ...competences.map(() => 'auto' as const)],
        body: [
          [
            header(l.role),
            ...competences.map((c) =>
              header((language === 'sv' ? (c.label.sv ?? c.label.en) : (c.label.en ?? c.label.sv)) ?? c.key),
            ),
          ],
          ...rows.map((r): TableCell[] => [
            r.title,
            ...competences.map((c): TableCell => {
              const gap = gapOf(r.id, c.key);
              return {
                text: gap === undefined ? '' : String(gap),
                alignment: 'center',
                fillColor: shade(gap),
              };
            }),
          ]),
        ],
      },
      fontSize: 8,
    },
  ];
}

export { renderPdf } from '../../shared/pdf.ts';
