import { describe, expect, it } from 'vitest';
import { checkOrgNumber, luhnValid, withCheckDigit } from './org-number.ts';

describe('organisationsnummer', () => {
  it('accepts real numbers with or without hyphen, and the 16-prefixed twelve-digit form', () => {
    expect(checkOrgNumber('202100-2932')).toEqual({
      ok: true,
      value: '2021002932',
      formatted: '202100-2932',
    }); // Uppsala universitet
    expect(checkOrgNumber('5560125790')).toMatchObject({ ok: true, formatted: '556012-5790' }); // Volvo AB
    expect(checkOrgNumber('16 556012-5790')).toMatchObject({ ok: true, value: '5560125790' });
  });

  it('rejects a wrong check digit', () => {
    expect(checkOrgNumber('202100-2933')).toEqual({ ok: false, reason: 'checksum' });
  });

  it('rejects wrong formats', () => {
    for (const bad of ['', '12345', '202100-29321', 'abcdef-ghij', '202100_2932']) {
      expect(checkOrgNumber(bad)).toEqual({ ok: false, reason: 'format' });
    }
  });

  it('recognises a personnummer where an organisationsnummer should be', () => {
    expect(checkOrgNumber('811218-9876')).toEqual({ ok: false, reason: 'personal_identity_number' });
    expect(checkOrgNumber('19811218-9876')).toEqual({ ok: false, reason: 'personal_identity_number' });
  });

  it('computes check digits that validate', () => {
    expect(withCheckDigit('202100293')).toBe('2021002932');
    expect(luhnValid(withCheckDigit('556677889'))).toBe(true);
  });
});
