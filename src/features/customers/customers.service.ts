import type { Db } from '../../db/client.ts';
import { notFound } from '../../server/http/problem.ts';
import { toCsv } from '../../shared/csv.ts';
import { stockholmDate } from '../../shared/stockholm-days.ts';
import { signedValuePerCase } from '../agreements/agreements.service.ts';
import { casesPerCustomer, casesWithCustomer } from '../cases/cases.service.ts';
import type { Outcome, Stage } from '../cases/stages.ts';
import { customerFollowUps } from '../evaluation/evaluation.service.ts';
import { reviewsWithCases } from '../review/review.service.ts';
import { type Actor, actingHei, organisationMembers, organisationsById } from '../tenancy/tenancy.service.ts';
import {
  CUSTOMER_READERS,
  type CustomerDetail,
  type CustomerSummary,
  type customerListQuery,
} from './customers.contract.ts';

/**
 * Every customer organisation the HEI has had a case with (or the one asked for), what it has done with each,
 * and the organisation as Lupp knows it; with the signed value per case the tallies were made from.
 */
async function register(db: Db, heiId: string, customerId?: string) {
  const [perCustomer, signed] = await Promise.all([
    casesPerCustomer(db, heiId, customerId),
    signedValuePerCase(db, heiId, customerId),
  ]);
  const value = new Map<string, number>();
  for (const s of signed) value.set(s.customerId, (value.get(s.customerId) ?? 0) + s.valueOre);
  const cards = await organisationsById(
    db,
    perCustomer.map((c) => c.customerId),
  );
  const customers = perCustomer.flatMap((c) => {
    const card = cards.get(c.customerId);
    if (!card) return [];
    const summary: CustomerSummary = {
      id: card.id,
      name: card.name,
      orgNumber: card.orgNumber,
      county: card.county,
      cases: c.cases,
      openCases: c.open,
      won: c.won,
      lost: c.lost,
      signedValueOre: value.get(c.customerId) ?? 0,
      lastCaseOpenedAt: c.lastOpenedAt,
    };
    return [{ summary, card }];
  });
  return { customers, signed };
}

const summariesOf = async (db: Db, heiId: string) =>
  (await register(db, heiId)).customers.map((c) => c.summary);

const digitsOf = (text: string) => text.replace(/[\s-]/g, '');

/** Name or organisationsnummer (typed with or without the hyphen) containing the search, in any case. */
function matches(customer: CustomerSummary, q: string) {
  const text = q.toLocaleLowerCase('sv');
  if (customer.name.toLocaleLowerCase('sv').includes(text)) return true;
  const digits = digitsOf(q);
  return /^\d+$/.test(digits) && digitsOf(customer.orgNumber).includes(digits);
}

const bySort: Record<
  (typeof customerListQuery._output)['sort'],
  (a: CustomerSummary, b: CustomerSummary) => number
> = {
  recent: (a, b) => b.lastCaseOpenedAt.localeCompare(a.lastCaseOpenedAt),
  name: (a, b) => a.name.localeCompare(b.name, 'sv'),
  value: (a, b) => b.signedValueOre - a.signedValueOre,
};

/**
 * The HEI's customer register: the organisations it has had cases with, searched and sorted, a page at a
 * time. An HEI has hundreds of customers, not millions, so they are tallied whole and paged here.
 */
export async function listCustomers(db: Db, actor: Actor, query: typeof customerListQuery._output) {
  const hei = await actingHei(db, actor, CUSTOMER_READERS);
  const all = await summariesOf(db, hei.id);
  const { q } = query;
  const found = (q ? all.filter((c) => matches(c, q)) : all).sort(
    (a, b) => bySort[query.sort](a, b) || a.name.localeCompare(b.name, 'sv'),
  );
  const start = (query.page - 1) * query.pageSize;
  return {
    items: found.slice(start, start + query.pageSize),
    total: found.length,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/**
 * One customer as the HEI knows it: the organisation, its contact people, and the HEI's cases with it and
 * what they were worth. Only a customer the HEI has had a case with (404 otherwise, so an HEI learns nothing
 * of another's customers).
 */
export async function getCustomer(db: Db, actor: Actor, customerId: string): Promise<CustomerDetail> {
  const hei = await actingHei(db, actor, CUSTOMER_READERS);
  const { customers, signed } = await register(db, hei.id, customerId);
  const [found] = customers;
  if (!found) throw notFound('The customer');
  const { summary, card } = found;
  const [cases, members] = await Promise.all([
    casesWithCustomer(db, hei.id, customerId),
    organisationMembers(db, customerId),
  ]);
  const lessons = await reviewsWithCases(db, cases);
  const ours = new Set(cases.map((c) => c.id));
  const followUps = (await customerFollowUps(db, customerId))
    .filter((f) => ours.has(f.caseId) && f.answeredAt)
    .map(({ answerBy: _, evaluationId: __, hei: ___, ...f }) => f);
  const value = new Map(signed.map((s) => [s.caseId, s.valueOre]));
  return {
    ...summary,
    streetAddress: card.streetAddress,
    postalCode: card.postalCode,
    city: card.city,
    contacts: members
      .filter((m) => m.roles.includes('customer_contact'))
      .map((m) => ({ name: m.name, email: m.email })),
    caseList: cases.map((c) => ({
      id: c.id,
      reference: c.reference,
      title: c.title,
      stage: c.stage as Stage,
      outcome: c.outcome as Outcome | null,
      openedAt: c.openedAt,
      signedValueOre: value.get(c.id) ?? 0,
    })),
    followUps,
    lessons,
  };
}

const csvHeadings = {
  sv: [
    'Kund',
    'Organisationsnummer',
    'Län',
    'Ärenden',
    'Pågående',
    'Vunna',
    'Förlorade',
    'Avtalat värde (kr)',
    'Senaste ärendet öppnat',
  ],
  en: [
    'Customer',
    'Organisation number',
    'County',
    'Cases',
    'Open',
    'Won',
    'Lost',
    'Signed value (SEK)',
    'Newest case opened',
  ],
};

/** The whole register as CSV (Swedish Excel's dialect), sorted by name; amounts in kronor. */
export async function customersCsv(db: Db, actor: Actor, language: 'sv' | 'en') {
  const hei = await actingHei(db, actor, CUSTOMER_READERS);
  const all = (await summariesOf(db, hei.id)).sort(bySort.name);
  return toCsv(
    [
      csvHeadings[language],
      ...all.map((c) => [
        c.name,
        c.orgNumber,
        c.county,
        c.cases,
        c.openCases,
        c.won,
        c.lost,
        c.signedValueOre / 100,
        stockholmDate(new Date(c.lastCaseOpenedAt)),
      ]),
    ],
    language === 'sv',
  );
}
