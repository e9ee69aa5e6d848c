import type { Content } from 'pdfmake/interfaces';
import type { LuppDocument } from '../../shared/pdf.ts';
import {
  type CaseReferences,
  kronor,
  type Letterhead,
  letterhead,
  referenceRows,
} from '../proposals/proposal.pdf.ts';
import type { AgreementView } from './agreements.contract.ts';

/**
 * An agreement as an A4 PDF in its language: the parties, the clauses, the price, the billing plan, the
 * participants' deadline, both signatures (who and when, or not signed) and the addenda with theirs; at
 * the top the HEI's name, with its logo and postal address when it has them. Pure: the view in, a
 * pdfmake definition out.
 */
const text = {
  sv: {
    agreement: 'Avtal om uppdragsutbildning',
    parties: 'Parter',
    hei: 'Lärosäte',
    customer: 'Uppdragsgivare',
    revision: 'Revision',
    status: 'Status',
    statuses: { draft: 'Utkast', signing: 'Väntar på signatur', signed: 'Signerat av båda parter' },
    clauses: 'Villkor',
    price: 'Pris',
    total: 'Totalt pris',
    deadline: 'Deltagare kan bytas till och med',
    billingPlan: 'Faktureringsplan',
    dueDate: 'Förfallodag',
    amount: 'Belopp',
    description: 'Beskrivning',
    sum: 'Summa',
    signatures: 'Underskrifter',
    forHei: 'För lärosätet',
    forCustomer: 'För uppdragsgivaren',
    signedBy: (name: string, at: string) => `Signerat av ${name} ${at}`,
    notSigned: 'ej signerat',
    addenda: 'Tillägg',
    addendum: (n: number) => `Tillägg ${n}`,
    added: 'Tillagt',
  },
  en: {
    agreement: 'Contract education agreement',
    parties: 'Parties',
    hei: 'Higher education institution',
    customer: 'Customer',
    revision: 'Revision',
    status: 'Status',
    statuses: { draft: 'Draft', signing: 'Awaiting signature', signed: 'Signed by both parties' },
    clauses: 'Terms',
    price: 'Price',
    total: 'Total price',
    deadline: 'Participants may be changed until',
    billingPlan: 'Billing plan',
    dueDate: 'Due date',
    amount: 'Amount',
    description: 'Description',
    sum: 'Total',
    signatures: 'Signatures',
    forHei: 'For the institution',
    forCustomer: 'For the customer',
    signedBy: (name: string, at: string) => `Signed by ${name} on ${at}`,
    notSigned: 'not signed',
    addenda: 'Addenda',
    addendum: (n: number) => `Addendum ${n}`,
    added: 'Added',
  },
} as const;

type Signature = AgreementView['heiSignature'];

/** A moment as people in Sweden read it: "2027-02-01 14:05" (sv) or "1 Feb 2027, 14:05" (en). */
export function signedAt(iso: string, language: 'sv' | 'en') {
  return new Intl.DateTimeFormat(language === 'sv' ? 'sv-SE' : 'en-GB', {
    dateStyle: language === 'sv' ? 'short' : 'medium',
    timeStyle: 'short',
    timeZone: 'Europe/Stockholm',
  }).format(new Date(iso));
}

export function agreementPdf(
  a: AgreementView,
  hei?: Letterhead | null,
  refs?: CaseReferences | null,
): LuppDocument {
  const t = text[a.language];
  const heading = (s: string): Content => ({ text: s, fontSize: 13, bold: true, margin: [0, 10, 0, 6] });
  const paragraphs = (s: string): Content[] =>
    s
      .split(/\n{2,}/)
      .filter(Boolean)
      .map((para) => ({ text: para, margin: [0, 0, 0, 6] }));
  const signature = (s: Signature) => (s ? t.signedBy(s.by.name, signedAt(s.at, a.language)) : t.notSigned);
  const signatures = (hei: Signature, customer: Signature): Content => ({
    table: {
      widths: [110, '*'],
      body: [
        [t.forHei, signature(hei)],
        [t.forCustomer, signature(customer)],
      ],
    },
    layout: 'lightHorizontalLines',
    margin: [0, 0, 0, 8],
  });
  const sum = a.billingPlan.reduce((s, i) => s + i.amountOre, 0);
  return {
    pageSize: 'A4',
    pageMargins: [56, 56, 56, 56],
    language: a.language,
    info: { title: `${t.agreement} – ${a.title}`, author: a.hei.name },
    defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.25 },
    content: [
      ...letterhead(a.hei.name, hei),
      { text: t.agreement, fontSize: 11, margin: [0, 12, 0, 0] },
      { text: a.title, fontSize: 18, bold: true, margin: [0, 2, 0, 8] },
      heading(t.parties),
      {
        table: {
          widths: [130, '*'],
          body: [
            [t.hei, a.hei.name],
            [t.customer, a.customer.name],
            [t.revision, String(a.revision)],
            [t.status, t.statuses[a.status]],
            ...referenceRows(refs, a.language),
          ],
        },
        layout: 'noBorders',
        margin: [0, 0, 0, 8],
      },
      heading(t.clauses),
      ...paragraphs(a.clauses),
      heading(t.price),
      {
        table: {
          widths: ['*', 'auto'],
          body: [
            [
              { text: t.total, bold: true },
              { text: kronor(a.priceOre, a.language), alignment: 'right', bold: true },
            ],
            [t.deadline, { text: a.participantsDeadline, alignment: 'right' }],
          ],
        },
        layout: 'lightHorizontalLines',
        margin: [0, 0, 0, 8],
      },
      heading(t.billingPlan),
      {
        table: {
          headerRows: 1,
          widths: ['auto', 'auto', '*'],
          body: [
            [
              { text: t.dueDate, bold: true },
              { text: t.amount, bold: true, alignment: 'right' },
              { text: t.description, bold: true },
            ],
            ...a.billingPlan.map((i) => [
              i.dueDate,
              { text: kronor(i.amountOre, a.language), alignment: 'right' as const },
              i.description,
            ]),
            [
              { text: t.sum, bold: true },
              { text: kronor(sum, a.language), alignment: 'right' as const, bold: true },
              '',
            ],
          ],
        },
        layout: 'lightHorizontalLines',
        margin: [0, 0, 0, 8],
      },
      heading(t.signatures),
      signatures(a.heiSignature, a.customerSignature),
      ...(a.addenda.length
        ? [
            heading(t.addenda),
            ...a.addenda.flatMap((x): Content[] => [
              { text: `${t.addendum(x.number)} (${t.added} ${x.createdAt.slice(0, 10)})`, bold: true },
              ...paragraphs(x.text),
              signatures(x.heiSignature, x.customerSignature),
            ]),
          ]
        : []),
    ],
  };
}
