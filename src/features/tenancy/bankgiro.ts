import { luhnValid } from './org-number.ts';

/**
 * Swedish bankgiro number: seven or eight digits, written NNN-NNNN or NNNN-NNNN, the last a Luhn
 * (modulus 10) check digit. Accepted with or without the hyphen (and spaces), stored formatted.
 */
export type BankgiroCheck = { ok: true; value: string } | { ok: false; reason: 'format' | 'checksum' };

export function checkBankgiro(input: string): BankgiroCheck {
  const compact = input.trim().replace(/\s+/g, '');
  const match = /^(\d{3,4})-?(\d{4})$/.exec(compact);
  if (!match) return { ok: false, reason: 'format' };
  const digits = `${match[1]}${match[2]}`;
  if (!luhnValid(digits)) return { ok: false, reason: 'checksum' };
  return { ok: true, value: formatBankgiro(digits) };
}

/** "56781234" → "5678-1234", "1234566" → "123-4566". */
export const formatBankgiro = (digits: string) => `${digits.slice(0, -4)}-${digits.slice(-4)}`;

export const bankgiroMessages: Record<Exclude<BankgiroCheck, { ok: true }>['reason'], string> = {
  format: 'must be seven or eight digits, written NNN-NNNN or NNNN-NNNN',
  checksum: 'has a wrong check digit (the last digit does not match)',
};
