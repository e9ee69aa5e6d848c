import { describe, expect, it } from 'vitest';
import { convert } from 'xmlbuilder2';
import { peppolViolations } from '../../../test/support/peppol-rules.ts';
import { amount, type InvoiceInput, peppolInvoiceXml, splitGross } from './peppol.ts';

const base: InvoiceInput = {
  id: 'U-2026-0007-1',
  issueDate: '2026-12-01',
  dueDate: '2026-12-31',
  buyerReference: 'ABC123',
  contractReference: 'U-2026-0007',
  seller: {
    name: 'Norrviks universitet',
    orgNumber: '2021004607',
    streetAddress: 'Universitetsvägen 1',
    postalCode: '901 87',
    city: 'Norrvik',
    bankgiro: '5402-9681',
  },
  buyer: {
    name: 'Norrvik Energi AB',
    orgNumber: '5560125790',
    streetAddress: null,
    postalCode: null,
    city: null,
  },
  itemName: 'Svetsteknik för höga temperaturer',
  description: 'Uppdragsutbildning: Svetsteknik för höga temperaturer',
  grossOre: 18_450_000,
  vat: { category: 'E' },
  paymentTerms: '30 dagar netto',
  exemptionReason: 'Utbildning, undantagen från mervärdesskatt',
};

const totals = (xml: string) => {
  const inv = (convert(xml, { format: 'object' }) as Record<string, Record<string, Record<string, unknown>>>)
    .Invoice;
  const t = inv?.['cac:LegalMonetaryTotal'] as Record<string, { '#': string }>;
  const rounding = t['cbc:PayableRoundingAmount']?.['#'] ?? '0.00';
  return [t['cbc:TaxExclusiveAmount']?.['#'], rounding, t['cbc:PayableAmount']?.['#']];
};

describe('Peppol BIS Billing 3.0 invoices', () => {
  it.each([
    // gross (öre), VAT,                        net,       VAT,     rounding — worked by hand
    [18_450_000, { category: 'E' } as const, 18_450_000, 0, 0],
    [12_500_000, { category: 'S', percent: 25 } as const, 10_000_000, 2_500_000, 0],
    [10_001, { category: 'S', percent: 25 } as const, 8001, 2000, 0],
    [10_003, { category: 'S', percent: 25 } as const, 8002, 2001, 0],
    [10_000, { category: 'S', percent: 6 } as const, 9434, 566, 0],
    [7, { category: 'S', percent: 12 } as const, 6, 1, 0],
    [11, { category: 'S', percent: 25 } as const, 9, 2, 0],
    [13, { category: 'S', percent: 25 } as const, 10, 3, 0],
    [3, { category: 'S', percent: 25 } as const, 2, 1, 0],
    [1, { category: 'S', percent: 25 } as const, 1, 0, 0],
  ])('splits %i öre with %o into net %i, VAT %i, rounding %i', (gross, vat, net, tax, rounding) => {
    expect(splitGross(gross, vat)).toEqual({ netOre: net, vatOre: tax, roundingOre: rounding });
  });

  it('states an öre lost to rounding as the payable rounding amount', () => {
    // 15 öre at 25 %: net 12, VAT 3 = 15; 14 öre: net 11, VAT 3 (2.75 → 3) = 14; 17 öre: net 14, VAT 4 (3.5→4) = 18 → −1.
    expect(splitGross(17, { category: 'S', percent: 25 })).toEqual({
      netOre: 14,
      vatOre: 4,
      roundingOre: -1,
    });
    const xml = peppolInvoiceXml({ ...base, grossOre: 17, vat: { category: 'S', percent: 25 } });
    expect(totals(xml)).toEqual(['0.14', '-0.01', '0.17']);
    expect(peppolViolations(xml)).toEqual([]);
  });

  it('writes amounts as decimal kronor', () => {
    expect([amount(0), amount(5), amount(123_456), amount(-150)]).toEqual([
      '0.00',
      '0.05',
      '1234.56',
      '-1.50',
    ]);
  });

  it('writes an exempt education invoice that passes the Peppol, EN 16931 and Swedish rules', () => {
    const xml = peppolInvoiceXml(base);
    expect(peppolViolations(xml)).toEqual([]);
    expect(xml).toContain('<cbc:EndpointID schemeID="0007">2021004607</cbc:EndpointID>');
    expect(xml).toContain('<cbc:CompanyID>SE202100460701</cbc:CompanyID>');
    expect(xml).toContain('<cbc:TaxExemptionReasonCode>VATEX-EU-132-1I</cbc:TaxExemptionReasonCode>');
    expect(xml).toContain('<cbc:ID>SE:BANKGIRO</cbc:ID>');
    expect(xml).toContain('<cbc:ID>54029681</cbc:ID>');
    expect(totals(xml)).toEqual(['184500.00', '0.00', '184500.00']);
  });

  it('writes a taxed invoice that passes the rules', () => {
    const xml = peppolInvoiceXml({ ...base, grossOre: 12_500_000, vat: { category: 'S', percent: 25 } });
    expect(peppolViolations(xml)).toEqual([]);
    expect(xml).toContain('<cbc:TaxAmount currencyID="SEK">25000.00</cbc:TaxAmount>');
    expect(xml).not.toContain('TaxExemptionReason');
  });

  it('escapes text the customer or coordinator wrote', () => {
    const xml = peppolInvoiceXml({ ...base, buyerReference: 'R&D <4711>' });
    expect(xml).toContain('<cbc:BuyerReference>R&amp;D &lt;4711&gt;</cbc:BuyerReference>');
    expect(peppolViolations(xml)).toEqual([]);
  });

  it('the rule check finds what an invoice breaks (so a passing check means something)', () => {
    const xml = peppolInvoiceXml(base);
    const broken = xml
      .replace(/<cbc:BuyerReference>.*<\/cbc:BuyerReference>/, '')
      .replace(
        '<cbc:PayableAmount currencyID="SEK">184500.00',
        '<cbc:PayableAmount currencyID="SEK">184500.01',
      )
      .replace('SE202100460701', 'SE2021004607')
      .replace('<cbc:ID>54029681</cbc:ID>', '<cbc:ID>540</cbc:ID>')
      .replace(/<cbc:TaxExemptionReasonCode>.*<\/cbc:TaxExemptionReasonCode>/, '')
      .replace(/<cbc:TaxExemptionReason>.*<\/cbc:TaxExemptionReason>/, '');
    const rules = peppolViolations(broken).map((f) => f.split(':')[0]);
    expect(rules).toEqual(
      expect.arrayContaining(['PEPPOL-EN16931-R003', 'BR-CO-16', 'SE-R-001', 'SE-R-009', 'BR-E-10']),
    );
    const reordered = xml.replace(
      /(<cbc:DueDate>.*<\/cbc:DueDate>)\s*(<cbc:InvoiceTypeCode>380<\/cbc:InvoiceTypeCode>)/,
      '$2$1',
    );
    expect(peppolViolations(reordered).join()).toContain('out of schema order');
  });
});
