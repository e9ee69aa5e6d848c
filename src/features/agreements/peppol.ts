import { create } from 'xmlbuilder2';

/**
 * Peppol BIS Billing 3.0 invoices (UBL 2.1, EN 16931), which Swedish public buyers require. Pure: the
 * service gathers the facts, this writes the XML in the element order of the UBL schema.
 *
 * Choices (see docs/decisions/0005): both parties are addressed by organisationsnummer (Peppol scheme 0007);
 * the seller's VAT number is SE + organisationsnummer + 01; payment is a credit transfer to the HEI's
 * bankgiro (code 30, SE:BANKGIRO, as the Swedish rules ask); one invoice line per billing-plan payment.
 */

export const customizationId = 'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0';
export const profileId = 'urn:fdc:peppol.eu:2017:poacc:billing:01:1.0';

const ns = {
  invoice: 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2',
  cac: 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2',
  cbc: 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2',
};

export type InvoiceParty = {
  name: string;
  /** Ten digits. */
  orgNumber: string;
  streetAddress: string | null;
  postalCode: string | null;
  city: string | null;
};

/** Education is normally exempt (category E); when VAT applies it is at a Swedish rate. */
export type InvoiceVat = { category: 'E' } | { category: 'S'; percent: 25 | 12 | 6 };

export type InvoiceInput = {
  id: string;
  issueDate: string;
  dueDate: string;
  /** The customer's reference (BT-10); public buyers route invoices by it. */
  buyerReference: string;
  /** The case reference, as the contract reference (BT-12). */
  contractReference: string;
  seller: InvoiceParty & { bankgiro: string };
  buyer: InvoiceParty;
  itemName: string;
  description: string;
  /** What the customer pays, VAT included, in öre. */
  grossOre: number;
  vat: InvoiceVat;
  paymentTerms: string;
  exemptionReason: string;
};

/**
 * A gross amount split into net and VAT the way EN 16931 recomputes it (VAT = net × rate, rounded to öre);
 * an öre lost to rounding is stated as the payable rounding amount (BT-114) so the invoice pays exactly
 * what the billing plan says.
 */
export function splitGross(grossOre: number, vat: InvoiceVat) {
  if (vat.category === 'E') return { netOre: grossOre, vatOre: 0, roundingOre: 0 };
  const netOre = Math.round((grossOre * 100) / (100 + vat.percent));
  const vatOre = Math.round((netOre * vat.percent) / 100);
  return { netOre, vatOre, roundingOre: grossOre - netOre - vatOre };
}

/** Öre as the decimal amount UBL wants ("1234.50"). */
export const amount = (ore: number) =>
  `${ore < 0 ? '-' : ''}${Math.trunc(Math.abs(ore) / 100)}.${String(Math.abs(ore) % 100).padStart(2, '0')}`;

export const sellerVatNumber = (orgNumber: string) => `SE${orgNumber}01`;

type Node = ReturnType<typeof create>;

export function peppolInvoiceXml(input: InvoiceInput): string {
  const { netOre, vatOre, roundingOre } = splitGross(input.grossOre, input.vat);
  const percent = input.vat.category === 'E' ? 0 : input.vat.percent;
  const money = (parent: Node, name: string, ore: number) =>
    parent.ele(ns.cbc, name, { currencyID: 'SEK' }).txt(amount(ore));

  const doc = create({ version: '1.0', encoding: 'UTF-8' });
  const root = doc.ele(ns.invoice, 'Invoice', { 'xmlns:cac': ns.cac, 'xmlns:cbc': ns.cbc });
  const cbc = (parent: Node, name: string, text: string, attrs?: Record<string, string>) =>
    parent.ele(ns.cbc, `cbc:${name}`, attrs).txt(text);
  const cac = (parent: Node, name: string) => parent.ele(ns.cac, `cac:${name}`);

  cbc(root, 'CustomizationID', customizationId);
  cbc(root, 'ProfileID', profileId);
  cbc(root, 'ID', input.id);
  cbc(root, 'IssueDate', input.issueDate);
  cbc(root, 'DueDate', input.dueDate);
  cbc(root, 'InvoiceTypeCode', '380');
  cbc(root, 'Note', input.description);
  cbc(root, 'DocumentCurrencyCode', 'SEK');
  cbc(root, 'BuyerReference', input.buyerReference);
  cbc(cac(root, 'ContractDocumentReference'), 'ID', input.contractReference);

  const party = (wrapper: string, p: InvoiceParty, seller: boolean) => {
    const node = cac(cac(root, wrapper), 'Party');
    cbc(node, 'EndpointID', p.orgNumber, { schemeID: '0007' });
    cbc(cac(node, 'PartyName'), 'Name', p.name);
    const address = cac(node, 'PostalAddress');
    if (p.streetAddress) cbc(address, 'StreetName', p.streetAddress);
    if (p.city) cbc(address, 'CityName', p.city);
    if (p.postalCode) cbc(address, 'PostalZone', p.postalCode);
    cbc(cac(address, 'Country'), 'IdentificationCode', 'SE');
    if (seller) {
      const tax = cac(node, 'PartyTaxScheme');
      cbc(tax, 'CompanyID', sellerVatNumber(p.orgNumber));
      cbc(cac(tax, 'TaxScheme'), 'ID', 'VAT');
    }
    const legal = cac(node, 'PartyLegalEntity');
    cbc(legal, 'RegistrationName', p.name);
    cbc(legal, 'CompanyID', p.orgNumber, { schemeID: '0007' });
  };
  party('AccountingSupplierParty', input.seller, true);
  party('AccountingCustomerParty', input.buyer, false);

  const means = cac(root, 'PaymentMeans');
  cbc(means, 'PaymentMeansCode', '30', { name: 'Credit transfer' });
  cbc(means, 'PaymentID', input.id);
  const account = cac(means, 'PayeeFinancialAccount');
  cbc(account, 'ID', input.seller.bankgiro.replace(/\D/g, ''));
  cbc(cac(account, 'FinancialInstitutionBranch'), 'ID', 'SE:BANKGIRO');
  cbc(cac(root, 'PaymentTerms'), 'Note', input.paymentTerms);

  const category = (parent: Node, name: string, withReason: boolean) => {
    const node = cac(parent, name);
    cbc(node, 'ID', input.vat.category);
    cbc(node, 'Percent', String(percent));
    if (withReason && input.vat.category === 'E') {
      // VATEX-EU-132-1I: education by bodies governed by public law (VAT directive art. 132(1)(i)).
      cbc(node, 'TaxExemptionReasonCode', 'VATEX-EU-132-1I');
      cbc(node, 'TaxExemptionReason', input.exemptionReason);
    }
    cbc(cac(node, 'TaxScheme'), 'ID', 'VAT');
  };
  const taxTotal = cac(root, 'TaxTotal');
  money(taxTotal, 'cbc:TaxAmount', vatOre);
  const subtotal = cac(taxTotal, 'TaxSubtotal');
  money(subtotal, 'cbc:TaxableAmount', netOre);
  money(subtotal, 'cbc:TaxAmount', vatOre);
  category(subtotal, 'TaxCategory', true);

  const totals = cac(root, 'LegalMonetaryTotal');
  money(totals, 'cbc:LineExtensionAmount', netOre);
  money(totals, 'cbc:TaxExclusiveAmount', netOre);
  money(totals, 'cbc:TaxInclusiveAmount', netOre + vatOre);
  if (roundingOre !== 0) money(totals, 'cbc:PayableRoundingAmount', roundingOre);
  money(totals, 'cbc:PayableAmount', input.grossOre);

  const line = cac(root, 'InvoiceLine');
  cbc(line, 'ID', '1');
  cbc(line, 'InvoicedQuantity', '1', { unitCode: 'C62' });
  money(line, 'cbc:LineExtensionAmount', netOre);
  const item = cac(line, 'Item');
  cbc(item, 'Description', input.description);
  cbc(item, 'Name', input.itemName.slice(0, 200));
  category(item, 'ClassifiedTaxCategory', false);
  money(cac(line, 'Price'), 'cbc:PriceAmount', netOre);

  return doc.end({ prettyPrint: true });
}
