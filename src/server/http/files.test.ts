import { describe, expect, it } from 'vitest';
import { contentDisposition, fileName } from './files.ts';

describe('file names of downloads', () => {
  it('join the parts with dashes and keep Swedish letters', () => {
    expect(fileName(['offert', 'Växjö kommun / Omsorg', 'v2'], 'pdf')).toBe(
      'offert-Växjö-kommun-Omsorg-v2.pdf',
    );
  });

  it('give every client a name: plain ASCII as it is, others with the exact name as filename*', () => {
    expect(contentDisposition({ name: 'faktureringsplan.csv' })).toBe(
      'attachment; filename="faktureringsplan.csv"',
    );
    expect(contentDisposition({ name: 'avtal-Växjö-rev1.pdf', inline: true })).toBe(
      `inline; filename="avtal-Vaxjo-rev1.pdf"; filename*=UTF-8''avtal-V%C3%A4xj%C3%B6-rev1.pdf`,
    );
    // quotes and backslashes cannot stand in the plain name; ' ( ) * ! are encoded in the exact one
    expect(contentDisposition({ name: 'Plan "A" (1)\\.pdf' })).toBe(
      `attachment; filename="Plan A (1).pdf"; filename*=UTF-8''Plan%20%22A%22%20%281%29%5C.pdf`,
    );
    expect(contentDisposition({ name: 'Mall – Kalkyl.docx', asciiName: 'mall-kalkyl.docx' })).toBe(
      `attachment; filename="mall-kalkyl.docx"; filename*=UTF-8''Mall%20%E2%80%93%20Kalkyl.docx`,
    );
  });
});
