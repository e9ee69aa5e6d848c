import { describe, expect, it } from 'vitest';
import { titleFromNeed } from './case-title.ts';

describe("a case's title from the need", () => {
  it('is the first sentence', () => {
    expect(titleFromNeed('Vårdhygien i hemtjänsten. Vi har 40 anställda.')).toBe('Vårdhygien i hemtjänsten');
  });

  it('cuts a long sentence after a whole word, with an ellipsis', () => {
    const need = `Vi behöver ${'kompetensutveckling inom förebyggande underhåll, '.repeat(5)}för våra operatörer`;
    const title = titleFromNeed(need);
    expect(title.length).toBeLessThanOrEqual(120);
    expect(title).toMatch(/^Vi behöver kompetensutveckling .*underhåll…$/);
    expect(need.startsWith(title.slice(0, -1))).toBe(true);
  });

  it('cuts a word without spaces where it must', () => {
    expect(titleFromNeed('x'.repeat(300))).toBe(`${'x'.repeat(119)}…`);
  });
});
