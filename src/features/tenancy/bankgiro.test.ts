import { describe, expect, it } from 'vitest';
import { checkBankgiro, formatBankgiro } from './bankgiro.ts';

describe('bankgiro number', () => {
  it('accepts eight digits with or without the hyphen, and stores NNNN-NNNN', () => {
    expect(checkBankgiro('5050-1055')).toEqual({ ok: true, value: '5050-1055' }); // Skatteverket
    expect(checkBankgiro('50501055')).toEqual({ ok: true, value: '5050-1055' });
    expect(checkBankgiro(' 5050 1055 ')).toEqual({ ok: true, value: '5050-1055' });
    expect(checkBankgiro('5678-1230')).toEqual({ ok: true, value: '5678-1230' });
  });

  it('accepts seven digits with or without the hyphen, and stores NNN-NNNN', () => {
    expect(checkBankgiro('1234566')).toEqual({ ok: true, value: '123-4566' });
    expect(checkBankgiro('123-4566')).toEqual({ ok: true, value: '123-4566' });
  });

  it('rejects a wrong check digit', () => {
    expect(checkBankgiro('5050-1056')).toEqual({ ok: false, reason: 'checksum' });
    expect(checkBankgiro('50501054')).toEqual({ ok: false, reason: 'checksum' });
    expect(checkBankgiro('123-4567')).toEqual({ ok: false, reason: 'checksum' });
  });

  it('rejects wrong lengths, letters and hyphens in the wrong place', () => {
    for (const bad of [
      '',
      '123456',
      '123-456',
      '123456789',
      '12345-6789',
      '50-501055',
      '505010-55',
      'abcd-efgh',
      '5050--1055',
      '5050-1055x',
    ])
      expect(checkBankgiro(bad), bad).toEqual({ ok: false, reason: 'format' });
  });

  it('formats seven and eight digits', () => {
    expect(formatBankgiro('1234566')).toBe('123-4566');
    expect(formatBankgiro('50501055')).toBe('5050-1055');
  });
});
