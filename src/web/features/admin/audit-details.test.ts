import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../i18n/en.ts';
import { sv } from '../../i18n/sv.ts';
import { formatFor } from '../../ui/format.ts';
import { auditDetails } from './audit-details.ts';

// The audit log's details column: names and values as an administrator reads them, not the stored codes.

const i18n = i18next.createInstance();
beforeAll(() =>
  i18n.init({
    lng: 'sv',
    resources: { sv: { translation: sv }, en: { translation: en } },
    interpolation: { escapeValue: false },
  }),
);
const details = (data: Record<string, unknown>, language: 'sv' | 'en' = 'sv') => {
  const t = i18n.getFixedT(language);
  return auditDetails(data, t, formatFor({ language }));
};

describe("an audit event's details", () => {
  it('names each detail in the interface language and writes its value as the rest of Lupp does', () => {
    expect(
      details({
        caseId: '5f0c6a57-9d7e-4a43-8a3e-1d0c2a7b9e10',
        before: 'costing',
        after: 'agreement',
        overrideReason: 'Kunden har redan signerat på papper.',
      }),
    ).toBe(
      'Ärende: 5f0c6a57 · Före: Kalkyl och offert · Efter: Avtal · Motivering: Kunden har redan signerat på papper.',
    );
    expect(details({ version: 2, priceOre: 9031357, departmentShareBp: 4150, internal: false })).toBe(
      'Version: 2 · Pris: 90\u00a0313,57\u00a0kr · Institutionens andel: 41,5\u00a0% · Internt: Nej',
    );
    expect(details({ from: ['teacher'], to: ['teacher', 'coordinator'], outcome: 'won' }, 'en')).toBe(
      'From: Teacher · To: Teacher, Coordinator · Outcome: Won',
    );
    expect(details({ effectiveFrom: '2026-01-01', sentTo: null, language: 'en' }, 'en')).toBe(
      'Effective from: 1 Jan 2026 · Sent to: – · Language: English',
    );
  });

  it('shows what another version of Lupp wrote as it is stored', () => {
    expect(details({ somethingNew: 'x', found: { accounts: 1 } })).toBe(
      'somethingNew: x · Hittat: {"accounts":1}',
    );
  });
});
