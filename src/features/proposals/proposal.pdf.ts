import type { Content } from 'pdfmake/interfaces';
import type { LuppDocument } from '../../shared/pdf.ts';
import type { OrganisationParty } from '../tenancy/tenancy.service.ts';
import type { ProposalView } from './proposals.contract.ts';

/**
 * A proposal as an A4 PDF in its language, with the HEI's name (and its logo and postal address when it
 * has them): what is offered, the price (full cost, per participant, VAT), validity and terms. Pure: the
 * view in, a pdfmake definition out.
 */
const text = {
  sv: {
    proposal: 'Offert',
    to: 'Till',
    from: 'Från',
    version: 'Version',
    validUntil: 'Giltig till',
    price: 'Pris',
    participants: 'Antal deltagare',
    perParticipant: 'Pris per deltagare (avrundat uppåt till hela kronor)',
    total: 'Totalt pris',
    vat: 'Varav moms',
    noVat: 'Utbildningen är undantagen från moms.',
    terms: 'Villkor',
  },
  en: {
    proposal: 'Proposal',
    to: 'To',
    from: 'From',
    version: 'Version',
    validUntil: 'Valid until',
    price: 'Price',
    participants: 'Participants',
    perParticipant: 'Price per participant (rounded up to whole kronor)',
    total: 'Total price',
    vat: 'Of which VAT',
    noVat: 'The education is exempt from VAT.',
    terms: 'Terms',
  },
} as const;

/** Kronor with two decimals, as written in the proposal's language ("90 313,57 kr", "SEK 90,313.57"). */
export function kronor(ore: number, language: 'sv' | 'en') {
  const amount = new Intl.NumberFormat(language === 'sv' ? 'sv-SE' : 'en-GB', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  }).format(ore / 100);
  return language === 'sv' ? `${amount} kr` : `SEK ${amount}`;
}

/** The numbers a proposal or an agreement is known by: Lupp's case, the HEI's registry, the customer's own. */
export type CaseReferences = {
  reference: string;
  registryNumber: string | null;
  procurementReference: string | null;
};

const referenceWords = {
  sv: { reference: 'Vårt ärende', registryNumber: 'Vårt diarienummer', procurementReference: 'Er referens' },
  en: {
    reference: 'Our case',
    registryNumber: 'Our registration number',
    procurementReference: 'Your reference',
  },
} as const;

/** The rows of the references that are known, for the table under a PDF's title. */
export function referenceRows(refs: CaseReferences | null | undefined, language: 'sv' | 'en'): string[][] {
  if (!refs) return [];
  const w = referenceWords[language];
  return (['reference', 'registryNumber', 'procurementReference'] as const).flatMap((key) =>
    refs[key] ? [[w[key], refs[key]]] : [],
  );
}

/** What the PDFs print about the HEI besides its name: its logo and postal address (organisationParty). */
export type Letterhead = Pick<OrganisationParty, 'streetAddress' | 'postalCode' | 'city' | 'logo'>;

/**
 * The top of a proposal or an agreement: the HEI's logo (a PNG or JPEG data URL, fitted to 140 × 50 pt),
 * its name, and its postal address. Without logo and address, just the name.
 */
export function letterhead(name: string, hei?: Letterhead | null): Content[] {
  const address = [hei?.streetAddress, [hei?.postalCode, hei?.city].filter(Boolean).join(' ')].filter(
    (line): line is string => !!line,
  );
  return [
    ...(hei?.logo ? [{ image: hei.logo, fit: [140, 50], margin: [0, 0, 0, 8] } satisfies Content] : []),
    { text: name, bold: true, fontSize: 12 },
    ...(address.length ? [{ text: address.join('\n'), fontSize: 9 } satisfies Content] : []),
  ];
}

export function proposalPdf(
  p: ProposalView,
  hei?: Letterhead | null,
  refs?: CaseReferences | null,
): LuppDocument {
  const t = text[p.language];
  const paragraphs = (s: string): Content[] =>
    s
      .split(/\n{2,}/)
      .filter(Boolean)
      .map((para) => ({ text: para, margin: [0, 0, 0, 6] }));
  return {
    pageSize: 'A4',
    pageMargins: [56, 56, 56, 56],
    language: p.language,
    info: { title: `${t.proposal} – ${p.title}`, author: p.hei.name },
    defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.25 },
    content: [
      ...letterhead(p.hei.name, hei),
      { text: `${t.proposal}: ${p.title}`, fontSize: 18, bold: true, margin: [0, 12, 0, 8] },
      {
        table: {
          widths: [110, '*'],
          body: [
            [t.to, p.customer.name],
            [t.from, p.hei.name],
            [t.version, String(p.version)],
            [t.validUntil, p.validUntil],
            ...referenceRows(refs, p.language),
          ],
        },
        layout: 'noBorders',
        margin: [0, 0, 0, 12],
      },
      ...paragraphs(p.intro),
      { text: t.price, fontSize: 13, bold: true, margin: [0, 10, 0, 6] },
      {
        table: {
          widths: ['*', 'auto'],
          body: [
            [t.participants, { text: String(p.participants), alignment: 'right' }],
            [t.perParticipant, { text: kronor(p.pricePerParticipantOre, p.language), alignment: 'right' }],
            [
              { text: t.total, bold: true },
              { text: kronor(p.priceOre, p.language), alignment: 'right', bold: true },
            ],
            p.vatOre
              ? [t.vat, { text: kronor(p.vatOre, p.language), alignment: 'right' }]
              : [{ text: t.noVat, colSpan: 2 }, ''],
          ],
        },
        layout: 'lightHorizontalLines',
        margin: [0, 0, 0, 12],
      },
      { text: t.terms, fontSize: 13, bold: true, margin: [0, 10, 0, 6] },
      ...paragraphs(p.terms),
    ],
  };
}
