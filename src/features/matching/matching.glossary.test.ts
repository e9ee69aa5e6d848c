import { describe, expect, it } from 'vitest';
import { glossaryCandidates } from './matching.glossary.ts';

/** The translations of the glossary's keys of several words found in `text`. */
const phrasesIn = (text: string) =>
  glossaryCandidates(text)
    .filter((g) => g.phrase)
    .map((g) => `${g.key} → ${g.translation}`)
    .sort();

describe('glossary keys of several words in a need', () => {
  it('finds a phrase with endings of up to four letters on its words, across any white space', () => {
    expect(phrasesIn('We see pressure ulcers every week')).toEqual(['pressure ulcer → trycksår']);
    expect(phrasesIn('Vår supply\n  chains är sköra.')).toContain('supply chain → leveranskedja');
    expect(phrasesIn('PRESSURE ULCER')).toEqual(['pressure ulcer → trycksår']);
  });

  it('does not find it inside other words, with a longer ending, or followed by a digit', () => {
    expect(phrasesIn('depressure ulcer')).toEqual([]);
    expect(phrasesIn('pressure ulcerations')).toEqual([]);
    expect(phrasesIn('pressurized ulcer')).toEqual([]);
    expect(phrasesIn('pressure ulcer2')).toEqual([]);
    expect(phrasesIn('pressure-ulcer')).toEqual([]);
  });

  it('finds a later occurrence when the first is not the phrase', () => {
    expect(phrasesIn('pressure is high; pressure ulcer, too')).toEqual(['pressure ulcer → trycksår']);
  });
});
