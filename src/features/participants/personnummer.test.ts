import { describe, expect, it } from 'vitest';
import { checkPersonnummer, maskPersonnummer } from './personnummer.ts';

const TODAY = '2026-11-29';

describe('personnummer', () => {
  it.each([
    ['19850312-1231', '19850312-1231'],
    ['850312-1231', '19850312-1231'],
    ['198503121231', '19850312-1231'],
    ['8503121231', '19850312-1231'],
    ['19850372-1238', '19850372-1238'], // samordningsnummer (day 12 + 60)
  ])('accepts %s as %s', (input, normalised) => {
    const check = checkPersonnummer(input, TODAY);
    expect(check).toMatchObject({ ok: true, normalised });
  });

  it('knows the date of birth, also of a samordningsnummer', () => {
    expect(checkPersonnummer('850312-1231', TODAY)).toMatchObject({
      birthDate: '1985-03-12',
      coordinationNumber: false,
    });
    expect(checkPersonnummer('19850372-1238', TODAY)).toMatchObject({
      birthDate: '1985-03-12',
      coordinationNumber: true,
    });
  });

  it.each([
    ['12345', 'format'],
    ['19850312-12345', 'format'],
    ['19851312-1239', 'date'], // month 13
    ['19850230-1230', 'date'], // 30 February
    ['19850312-1235', 'checksum'],
    ['20150312-1236', 'age'], // eleven years old
    ['19200312-1239', 'age'], // 106 years old
  ])('refuses %s (%s)', (input, reason) => {
    expect(checkPersonnummer(input, TODAY)).toEqual({ ok: false, reason });
  });

  it('takes the century from the separator: + is a hundred years or older', () => {
    expect(checkPersonnummer('261012-1234', TODAY)).toEqual({ ok: false, reason: 'age' }); // 2026: a baby
    expect(checkPersonnummer('261012+1234', TODAY)).toMatchObject({ ok: true, normalised: '19261012-1234' }); // 1926: 100 years old
    expect(checkPersonnummer('400101-1230', TODAY)).toMatchObject({ ok: true, normalised: '19400101-1230' });
  });

  it('masks all but the date of birth', () => {
    expect(maskPersonnummer('19850312-1231')).toBe('19850312-****');
  });
});
