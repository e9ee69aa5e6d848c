import { convert } from 'xmlbuilder2';
import { luhnValid } from '../../src/features/tenancy/org-number.ts';

/**
 * The Peppol BIS Billing 3.0 rules an invoice from Lupp can break, checked in TypeScript (the official
 * Schematron needs an XSLT 2 processor the test machine does not have). Each failure names the rule as the
 * official validator would (BR-…, PEPPOL-EN16931-…, SE-R-…), so a failing test reads like its report.
 */

type El = Record<string, unknown>;

const one = (node: unknown, path: string): unknown => {
  let at: unknown = node;
  for (const key of path.split('/')) {
    if (at === undefined || at === null) return undefined;
    if (Array.isArray(at)) at = at[0];
    at = (at as El)[key];
  }
  return Array.isArray(at) ? at[0] : at;
};
const many = (node: unknown, key: string): unknown[] => {
  const v = (node as El | undefined)?.[key];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
};
const text = (node: unknown, path: string): string | undefined => {
  const v = one(node, path);
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'object') return (v as El)['#'] as string | undefined;
  return String(v);
};
const attr = (node: unknown, path: string, name: string) =>
  (one(node, path) as El | undefined)?.[`@${name}`] as string | undefined;
const cents = (s: string | undefined) => (s === undefined ? Number.NaN : Math.round(Number(s) * 100));

/** The UBL 2.1 order of the invoice's top-level elements (those Lupp may write). */
const topLevelOrder = [
  'cbc:CustomizationID',
  'cbc:ProfileID',
  'cbc:ID',
  'cbc:IssueDate',
  'cbc:DueDate',
  'cbc:InvoiceTypeCode',
  'cbc:Note',
  'cbc:TaxPointDate',
  'cbc:DocumentCurrencyCode',
  'cbc:TaxCurrencyCode',
  'cbc:AccountingCost',
  'cbc:BuyerReference',
  'cac:InvoicePeriod',
  'cac:OrderReference',
  'cac:BillingReference',
  'cac:ContractDocumentReference',
  'cac:AdditionalDocumentReference',
  'cac:ProjectReference',
  'cac:AccountingSupplierParty',
  'cac:AccountingCustomerParty',
  'cac:PayeeParty',
  'cac:Delivery',
  'cac:PaymentMeans',
  'cac:PaymentTerms',
  'cac:AllowanceCharge',
  'cac:TaxTotal',
  'cac:LegalMonetaryTotal',
  'cac:InvoiceLine',
];

export function peppolViolations(xml: string): string[] {
  const failures: string[] = [];
  const fail = (rule: string, ok: boolean, message: string) => {
    if (!ok) failures.push(`${rule}: ${message}`);
  };
  const doc = convert(xml, { format: 'object' }) as El;
  const inv = doc.Invoice as El | undefined;
  if (!inv) return ['UBL: the root element is not Invoice'];
  fail(
    'UBL',
    inv['@xmlns'] === 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2',
    'the Invoice namespace is wrong',
  );

  const keys = Object.keys(inv).filter((k) => !k.startsWith('@'));
  const positions = keys.map((k) => topLevelOrder.indexOf(k));
  fail(
    'UBL',
    !positions.includes(-1),
    `unknown top-level elements: ${keys.filter((_, i) => positions[i] === -1)}`,
  );
  fail(
    'UBL',
    positions.every((p, i) => i === 0 || p >= (positions[i - 1] ?? 0)),
    `top-level elements out of schema order: ${keys.join(', ')}`,
  );

  fail(
    'PEPPOL-EN16931-R004',
    text(inv, 'cbc:CustomizationID') ===
      'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0',
    'specification identifier',
  );
  fail(
    'PEPPOL-EN16931-R007',
    text(inv, 'cbc:ProfileID') === 'urn:fdc:peppol.eu:2017:poacc:billing:01:1.0',
    'profile',
  );
  fail(
    'PEPPOL-EN16931-R003',
    !!text(inv, 'cbc:BuyerReference') || !!text(inv, 'cac:OrderReference/cbc:ID'),
    'a buyer reference or purchase order reference must be provided',
  );
  fail('BR-02', !!text(inv, 'cbc:ID'), 'invoice number');
  fail('BR-03', /^\d{4}-\d{2}-\d{2}$/.test(text(inv, 'cbc:IssueDate') ?? ''), 'issue date');
  fail(
    'BR-04',
    ['380', '381', '383', '384', '386'].includes(text(inv, 'cbc:InvoiceTypeCode') ?? ''),
    'type code',
  );
  const currency = text(inv, 'cbc:DocumentCurrencyCode');
  fail('BR-05', currency === 'SEK', 'currency');

  const seller = one(inv, 'cac:AccountingSupplierParty/cac:Party');
  const buyer = one(inv, 'cac:AccountingCustomerParty/cac:Party');
  fail('BR-06', !!text(seller, 'cac:PartyLegalEntity/cbc:RegistrationName'), 'seller name');
  fail('BR-07', !!text(buyer, 'cac:PartyLegalEntity/cbc:RegistrationName'), 'buyer name');
  fail(
    'BR-08/BR-09',
    !!text(seller, 'cac:PostalAddress/cac:Country/cbc:IdentificationCode'),
    'seller country',
  );
  fail('BR-10/BR-11', !!text(buyer, 'cac:PostalAddress/cac:Country/cbc:IdentificationCode'), 'buyer country');
  fail(
    'PEPPOL-EN16931-R020',
    !!text(seller, 'cbc:EndpointID') && !!attr(seller, 'cbc:EndpointID', 'schemeID'),
    'seller electronic address',
  );
  fail(
    'PEPPOL-EN16931-R010',
    !!text(buyer, 'cbc:EndpointID') && !!attr(buyer, 'cbc:EndpointID', 'schemeID'),
    'buyer electronic address',
  );

  const vatNumber = many(seller, 'cac:PartyTaxScheme')
    .filter((s) => text(s, 'cac:TaxScheme/cbc:ID') === 'VAT')
    .map((s) => text(s, 'cbc:CompanyID'))[0];
  if (vatNumber?.startsWith('SE')) {
    fail('SE-R-001', vatNumber.length === 14, 'a Swedish VAT number has 14 characters');
    fail('SE-R-002', /^\d{12}$/.test(vatNumber.slice(2)), 'its trailing 12 characters are digits');
  }
  const orgNumber = text(seller, 'cac:PartyLegalEntity/cbc:CompanyID');
  if (orgNumber !== undefined) {
    fail('SE-R-003', /^\d+$/.test(orgNumber), 'the organisation number is numeric');
    fail('SE-R-004', orgNumber.length === 10, 'the organisation number has 10 characters');
    fail('SE-R-013', luhnValid(orgNumber), 'the organisation number passes the Luhn check');
  }

  // Totals (BR-12…BR-15, BR-CO-10…BR-CO-16).
  const totals = one(inv, 'cac:LegalMonetaryTotal');
  const lineExtension = cents(text(totals, 'cbc:LineExtensionAmount'));
  const taxExclusive = cents(text(totals, 'cbc:TaxExclusiveAmount'));
  const taxInclusive = cents(text(totals, 'cbc:TaxInclusiveAmount'));
  const payable = cents(text(totals, 'cbc:PayableAmount'));
  const rounding = cents(text(totals, 'cbc:PayableRoundingAmount') ?? '0');
  fail(
    'BR-12…BR-15',
    ![lineExtension, taxExclusive, taxInclusive, payable].some(Number.isNaN),
    'document totals',
  );
  const lines = many(inv, 'cac:InvoiceLine');
  fail('BR-16', lines.length > 0, 'at least one invoice line');
  const lineSum = lines.reduce<number>((s, l) => s + cents(text(l, 'cbc:LineExtensionAmount')), 0);
  fail('BR-CO-10', lineSum === lineExtension, `lines sum to ${lineSum}, total says ${lineExtension}`);
  fail('BR-CO-13', taxExclusive === lineExtension, 'no allowances or charges: tax exclusive = line total');
  const taxTotal = one(inv, 'cac:TaxTotal');
  const tax = cents(text(taxTotal, 'cbc:TaxAmount'));
  fail('BR-CO-15', taxInclusive === taxExclusive + tax, 'tax inclusive = tax exclusive + VAT');
  fail('BR-CO-16', payable === taxInclusive + rounding, 'payable = tax inclusive + rounding');
  for (const l of lines) {
    const qty = Number(text(l, 'cbc:InvoicedQuantity'));
    fail(
      'PEPPOL-EN16931-R120',
      cents(text(l, 'cbc:LineExtensionAmount')) ===
        Math.round(qty * cents(text(l, 'cac:Price/cbc:PriceAmount'))),
      'line net = quantity × price',
    );
    fail('BR-23', !!attr(l, 'cbc:InvoicedQuantity', 'unitCode'), 'unit of measure');
    fail('BR-25', !!text(l, 'cac:Item/cbc:Name'), 'item name');
    fail('BR-CO-04', !!text(l, 'cac:Item/cac:ClassifiedTaxCategory/cbc:ID'), 'line VAT category');
  }
  for (const node of [inv, ...lines, ...many(inv, 'cac:TaxTotal'), totals]) {
    for (const [key, value] of Object.entries(node as El)) {
      const currencyId = (value as El | undefined)?.['@currencyID'];
      if (currencyId !== undefined)
        fail('PEPPOL-EN16931-R051', currencyId === currency, `${key} in ${currencyId}`);
    }
  }

  // VAT breakdown (BR-CO-17, BR-E-…, BR-S-…, SE-R-006).
  let subtotalTax = 0;
  for (const sub of many(taxTotal, 'cac:TaxSubtotal')) {
    const category = text(sub, 'cac:TaxCategory/cbc:ID');
    const percent = Number(text(sub, 'cac:TaxCategory/cbc:Percent'));
    const taxable = cents(text(sub, 'cbc:TaxableAmount'));
    const subTax = cents(text(sub, 'cbc:TaxAmount'));
    subtotalTax += subTax;
    const linesInCategory = lines
      .filter((l) => text(l, 'cac:Item/cac:ClassifiedTaxCategory/cbc:ID') === category)
      .reduce<number>((s, l) => s + cents(text(l, 'cbc:LineExtensionAmount')), 0);
    fail(`BR-${category}-08`, taxable === linesInCategory, 'taxable amount = the lines of the category');
    fail('BR-CO-17', subTax === Math.round((taxable * percent) / 100), 'VAT = taxable × rate');
    if (category === 'E') {
      fail('BR-E-02', !!vatNumber, 'an exempt invoice carries the seller VAT identifier');
      fail('BR-E-06', percent === 0, 'exempt rate is 0');
      fail('BR-E-09', subTax === 0, 'exempt VAT is 0');
      fail(
        'BR-E-10',
        !!text(sub, 'cac:TaxCategory/cbc:TaxExemptionReason') ||
          !!text(sub, 'cac:TaxCategory/cbc:TaxExemptionReasonCode'),
        'exemption reason',
      );
    }
    if (category === 'S') {
      fail('BR-S-02', !!vatNumber, 'seller VAT identifier');
      fail('SE-R-006', [25, 12, 6].includes(percent), 'Swedish standard rates are 25, 12 or 6');
    }
  }
  fail('BR-CO-14', subtotalTax === tax, 'VAT total = sum of the breakdown');

  // Payment (BR-61, SE-R-008/009).
  const means = one(inv, 'cac:PaymentMeans');
  if (means) {
    const account = text(means, 'cac:PayeeFinancialAccount/cbc:ID');
    if (['30', '58'].includes(text(means, 'cbc:PaymentMeansCode') ?? ''))
      fail('BR-61', !!account, 'a credit transfer names the account');
    if (text(means, 'cac:PayeeFinancialAccount/cac:FinancialInstitutionBranch/cbc:ID') === 'SE:BANKGIRO') {
      fail('SE-R-008', /^\d+$/.test(account ?? ''), 'bankgiro is numeric');
      fail('SE-R-009', [7, 8].includes(account?.length ?? 0), 'bankgiro has 7 or 8 digits');
    }
  }
  return failures;
}
