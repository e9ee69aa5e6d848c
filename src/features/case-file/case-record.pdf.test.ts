import { describe, expect, it } from 'vitest';
import { pdfText } from '../../../test/support/pdf-text.ts';
import { renderPdf } from '../../shared/pdf.ts';
import type { CaseDetail } from '../cases/cases.contract.ts';
import { type CaseRecord, caseRecordPdf } from './case-record.pdf.ts';

// The record of a case's handling says in the document's language what each stage move and system entry did,
// whatever the stored title (written once, in the language of whoever acted).

const entry = (
  kind: CaseDetail['entries'][number]['kind'],
  occurredAt: string,
  body: Record<string, unknown>,
  title = 'stored title',
): CaseDetail['entries'][number] => ({
  id: crypto.randomUUID(),
  kind,
  occurredAt,
  author: 'Karin Koordinator',
  title,
  body,
  internal: true,
});

const record: CaseRecord = {
  hei: { name: 'Mittlands universitet', streetAddress: null, postalCode: null, city: null, logo: null },
  openedAt: '2026-02-01T09:00:00Z',
  questions: new Map(),
  printedAt: new Date('2026-12-05T10:00:00Z'),
  detail: {
    id: crypto.randomUUID(),
    reference: 'UF-2026-00042',
    title: 'Lean för skiftledare',
    customer: { id: crypto.randomUUID(), name: 'Stålverket i Norrvik AB' },
    hei: { id: crypto.randomUUID(), name: 'Mittlands universitet' },
    stage: 'closed',
    outcome: 'lost',
    outcomeReason: 'Kunden valde en annan leverantör',
    sector: 'private',
    subjectArea: null,
    owner: { id: 'u1', name: 'Karin Koordinator' },
    purchaseRoute: 'direct_award',
    tenderDeadline: null,
    procurementReference: 'KS 2026/77',
    registryNumber: null,
    frameworkAgreementId: null,
    overdueTasks: 0,
    stageEnteredAt: '2026-04-01T09:00:00Z',
    updatedAt: '2026-04-01T09:00:00Z',
    needText: 'Skiftledarna behöver leda förbättringsarbete.',
    inquiryId: null,
    checklist: [],
    missingForNextStage: [],
    tasks: [],
    // newest first, as the case gives them
    entries: [
      entry('stage', '2026-04-01T09:00:00Z', {
        from: 'costing',
        to: 'closed',
        outcome: 'lost',
        reason: 'Kunden valde en annan leverantör',
      }),
      entry('system', '2026-03-20T09:00:00Z', { event: 'design_restored', design: 'Distans' }),
      entry('system', '2026-03-15T09:00:00Z', {
        event: 'design_withdrawn',
        design: 'Distans',
        reason: 'Kunden ville ha campus',
      }),
      entry('system', '2026-03-10T09:00:00Z', {
        event: 'owner_changed',
        from: 'Lars',
        to: 'Karin',
        note: 'Ring Sara.',
      }),
      entry('stage', '2026-03-01T09:00:00Z', {
        from: 'dialogue',
        to: 'costing',
        overrideReason: 'Kunden har bråttom',
      }),
      entry('system', '2026-02-15T09:00:00Z', {
        event: 'details_changed',
        fields: ['purchaseRoute', 'title'],
      }),
      entry('system', '2026-02-01T09:00:00Z', { event: 'opened_from_inquiry', reference: 'UF-2026-00042' }),
    ],
  },
};

const read = async (language: 'sv' | 'en') => pdfText(await renderPdf(caseRecordPdf(record, language)));

describe("the record of a case's handling", () => {
  it('names every stage move and system entry in Swedish, oldest first, with the closing outcome and reason', async () => {
    const text = await read('sv');
    expect(text).toContain('Utfall\tFörlorat: Kunden valde en annan leverantör');
    expect(text).toContain('Hur kunden köper\tDirektupphandling');
    expect(text).toContain('Kundens referens\tKS 2026/77');
    const lines = [
      'Ärendet öppnades från förfrågan UF-2026-00042',
      'Uppgifterna ändrades: hur kunden köper, rubrik',
      'Flyttat från Dialog till Kalkyl och offert',
      'Förbi kontrollpunkterna: Kunden har bråttom',
      'Lämnades över från Lars till Karin',
      'Meddelande Ring Sara.',
      'Utformningen ”Distans” lades åt sidan',
      'Varför Kunden ville ha campus',
      'Utformningen ”Distans” togs tillbaka',
      'Avslutat som förlorat: Kunden valde en annan leverantör',
    ];
    const at = lines.map((line) => text.indexOf(line));
    expect(
      at.every((i) => i > -1),
      text,
    ).toBe(true);
    expect(at).toEqual([...at].sort((a, b) => a - b));
    expect(text).not.toContain('stored title');
  });

  it('does the same in English', async () => {
    const text = await read('en');
    expect(text).toContain('Case record: UF-2026-00042');
    expect(text).toContain('Details changed: how the customer buys, title');
    expect(text).toContain('Moved from Dialogue to Costing and proposal');
    expect(text).toContain('Past the checklist: Kunden har bråttom');
    expect(text).toContain('Closed as lost: Kunden valde en annan leverantör');
    expect(text).toContain('The design “Distans” was set aside');
    expect(text).toContain('Why Kunden ville ha campus');
    expect(text).toContain('2026-04-01 11:00 · Stage · Karin Koordinator');
  });
});
