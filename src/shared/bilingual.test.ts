import { describe, expect, it } from 'vitest';
import { pickBilingual } from './bilingual.ts';

describe('pickBilingual', () => {
  it('takes the Swedish or the English half of a text written in both', () => {
    const title = 'Ny offert att besvara: Svetsteknik / A new proposal to answer: Svetsteknik';
    expect(pickBilingual(title, 'sv')).toBe('Ny offert att besvara: Svetsteknik');
    expect(pickBilingual(title, 'en')).toBe('A new proposal to answer: Svetsteknik');
  });

  it('keeps a name that holds " / " itself whole in both halves', () => {
    const course = 'Svetsning / Welding (UF-2026-00001)';
    const title = `Du undervisar: ${course} / You teach: ${course}`;
    expect(pickBilingual(title, 'sv')).toBe(`Du undervisar: ${course}`);
    expect(pickBilingual(title, 'en')).toBe(`You teach: ${course}`);
  });

  it('leaves a text in one language as it is', () => {
    expect(pickBilingual('Svetsteknik för höga temperaturer', 'en')).toBe(
      'Svetsteknik för höga temperaturer',
    );
  });
});
