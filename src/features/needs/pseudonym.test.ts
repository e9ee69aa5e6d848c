import { describe, expect, it } from 'vitest';
import { pseudonymProblem } from './pseudonym.ts';

describe('pseudonyms', () => {
  it('accepts pseudonyms, also with short numbers', () => {
    for (const ok of ['Svetsare 3', 'P-17', 'Team B / 2024', 'Nr 1234567'])
      expect(pseudonymProblem(ok), ok).toBeNull();
  });

  it('refuses personnummer and samordningsnummer in any common form, also with a wrong check digit', () => {
    for (const bad of [
      '811218-9876',
      '8112189876',
      '198112189876',
      '19811218-9876',
      'Anna 811218-9875',
      '811278-9873',
      '850101+1234',
    ])
      expect(pseudonymProblem(bad), bad).toMatch(/personnummer/);
  });

  it('refuses e-mail addresses', () => {
    expect(pseudonymProblem('anna.svensson@stalverket.se')).toMatch(/e-mail/);
  });

  it('does not mistake an organisationsnummer for a personnummer', () => {
    expect(pseudonymProblem('556677-8899')).toBeNull();
  });
});
