import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convert } from 'xmlbuilder2';
import { organisation } from '../../src/features/tenancy/tenancy.table.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { commercialSetUp, exampleProposal } from '../support/commercial.ts';
import { createOrganisation, createUser } from '../support/factories.ts';
import { peppolViolations } from '../support/peppol-rules.ts';

// The billing plan of a signed agreement as Peppol BIS Billing 3.0 invoices, which Swedish public buyers require.
let t: TestApp;
let s: Awaited<ReturnType<typeof commercialSetUp>>;
let agreementId: string;
let caseReference: string;
const year = new Date().getUTCFullYear() + 1;

beforeAll(async () => {
  t = await createTestApp();
  s = await commercialSetUp(t);
  const { proposalId } = await exampleProposal(t, s, 'accepted');
  const created = await t.request(
    'POST',
    `/api/cases/${s.caseId}/agreements`,
    s.as(s.coord, { proposalId, participantsDeadline: `${year}-02-15` }),
  );
  expect(created.statusCode, created.body).toBe(201);
  agreementId = created.json().id;
  const split = await t.request(
    'PATCH',
    `/api/agreements/${agreementId}`,
    s.as(s.coord, {
      revision: 1,
      billingPlan: [
        { dueDate: `${year}-03-01`, amountOre: 4_515_679, description: 'Del 1 av 2, vid start' },
        { dueDate: `${year}-06-01`, amountOre: 4_515_678, description: 'Del 2 av 2, efter genomförandet' },
      ],
    }),
  );
  expect(split.statusCode, split.body).toBe(200);
  caseReference = (await t.request('GET', `/api/cases/${s.caseId}`, s.as(s.coord))).json().reference;
});
afterAll(() => t.close());

const invoice = (n: number, user = s.economist) =>
  t.request('GET', `/api/agreements/${agreementId}/invoices/${n}/peppol`, s.as(user));

describe('Peppol invoices from the billing plan', () => {
  it('are made only from an agreement both parties signed', async () => {
    const early = await invoice(1);
    expect(early.statusCode).toBe(409);
    expect(early.json().detail).toMatch(/both parties have signed/);
    await t.request('POST', `/api/agreements/${agreementId}/sign`, s.as(s.manager, { revision: 2 }));
    await t.request('POST', `/api/portal/agreements/${agreementId}/sign`, s.as(s.contact, { revision: 2 }));
  });

  it("say what is missing: the customer's invoice reference and the HEI's bankgiro", async () => {
    const missing = await invoice(1);
    expect(missing.statusCode).toBe(409);
    expect(missing.json()).toMatchObject({
      code: 'invoice_details_missing',
      errors: [
        { field: 'invoiceReference', message: "the customer's reference for its invoices is missing" },
        { field: 'hei.bankgiro', message: "the HEI's bankgiro is missing (the organisation page)" },
      ],
    });
  });

  it('take the reference from the customer in the portal (or from the coordinator), also after signing', async () => {
    const blank = await t.request(
      'PUT',
      `/api/portal/agreements/${agreementId}/invoice-reference`,
      s.as(s.contact, { invoiceReference: '  ' }),
    );
    expect(blank.statusCode).toBe(400);
    expect(blank.json().errors[0]).toMatchObject({ field: 'body.invoiceReference' });
    const byCustomer = await t.request(
      'PUT',
      `/api/portal/agreements/${agreementId}/invoice-reference`,
      s.as(s.contact, { invoiceReference: 'KST 4711' }),
    );
    expect(byCustomer.statusCode, byCustomer.body).toBe(200);
    expect(byCustomer.json()).toMatchObject({ invoiceReference: 'KST 4711', status: 'signed', revision: 2 });
    const byCoordinator = await t.request(
      'PUT',
      `/api/agreements/${agreementId}/invoice-reference`,
      s.as(s.coord, { invoiceReference: 'KST 4711 / Anna Berg' }),
    );
    expect(byCoordinator.json().invoiceReference).toBe('KST 4711 / Anna Berg');
    expect(
      (
        await t.request(
          'PUT',
          `/api/agreements/${agreementId}/invoice-reference`,
          s.as(s.outsider, { invoiceReference: 'x' }),
        )
      ).statusCode,
    ).toBe(404);
  });

  it('are UBL invoices that pass the Peppol BIS Billing 3.0, EN 16931 and Swedish rules', async () => {
    await t.db
      .update(organisation)
      .set({ bankgiro: '5402-9681', city: 'Norrvik' })
      .where(eq(organisation.id, s.hei));
    const first = await invoice(1);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.headers['content-type']).toMatch(/application\/xml/);
    expect(first.headers['content-disposition']).toBe(`attachment; filename="${caseReference}-1.xml"`);
    expect(peppolViolations(first.body)).toEqual([]);

    const inv = (convert(first.body, { format: 'object' }) as { Invoice: Record<string, unknown> }).Invoice;
    const hei = (await t.request('GET', `/api/organisations/${s.hei}`, s.as(s.coord))).json();
    const heiDigits = hei.orgNumber.replace('-', '');
    expect(inv).toMatchObject({
      'cbc:ID': `${caseReference}-1`,
      'cbc:IssueDate': `${year}-03-01`,
      'cbc:DueDate': `${year}-03-31`,
      'cbc:BuyerReference': 'KST 4711 / Anna Berg',
      'cac:ContractDocumentReference': { 'cbc:ID': caseReference },
      'cac:LegalMonetaryTotal': { 'cbc:PayableAmount': { '@currencyID': 'SEK', '#': '45156.79' } },
      'cac:PaymentMeans': {
        'cbc:PaymentMeansCode': { '#': '30' },
        'cac:PayeeFinancialAccount': {
          'cbc:ID': '54029681',
          'cac:FinancialInstitutionBranch': { 'cbc:ID': 'SE:BANKGIRO' },
        },
      },
      'cac:AccountingSupplierParty': {
        'cac:Party': {
          'cbc:EndpointID': { '@schemeID': '0007', '#': heiDigits },
          'cac:PostalAddress': {
            'cbc:CityName': 'Norrvik',
            'cac:Country': { 'cbc:IdentificationCode': 'SE' },
          },
          'cac:PartyTaxScheme': { 'cbc:CompanyID': `SE${heiDigits}01` },
        },
      },
    });
    // education is exempt from VAT: category E with the reason
    expect(first.body).toContain('<cbc:TaxExemptionReasonCode>VATEX-EU-132-1I</cbc:TaxExemptionReasonCode>');

    const second = await invoice(2);
    expect(peppolViolations(second.body)).toEqual([]);
    expect(second.body).toContain('<cbc:PayableAmount currencyID="SEK">45156.78</cbc:PayableAmount>');
    expect(second.body).toContain(`<cbc:ID>${caseReference}-2</cbc:ID>`);
    expect((await invoice(3)).statusCode).toBe(404);
  });

  it('are recorded in the audit log and not there for other HEIs or the customer', async () => {
    const admin = await createUser(t, [{ organisationId: s.hei, roles: ['admin'] }]);
    const audit = await t.request('GET', `/api/organisations/${s.hei}/audit`, s.as(admin));
    expect(audit.statusCode, audit.body).toBe(200);
    const actions = audit.json().items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['agreement.invoice_exported', 'agreement.invoice_reference_set']),
    );
    expect((await invoice(1, s.outsider)).statusCode).toBe(404);
    expect((await invoice(1, s.contact)).statusCode).toBe(403); // customers have the portal
    expect((await t.request('GET', `/api/agreements/${agreementId}/invoices/1/peppol`)).statusCode).toBe(401);
    const otherCustomer = await createOrganisation(t, { kind: 'customer' });
    const stranger = await createUser(t, [{ organisationId: otherCustomer.id, roles: ['customer_contact'] }]);
    const byStranger = await t.request(
      'PUT',
      `/api/portal/agreements/${agreementId}/invoice-reference`,
      s.as(stranger, { invoiceReference: 'not mine' }),
    );
    expect(byStranger.statusCode).toBe(404);
  });
});
