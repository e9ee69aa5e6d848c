import { describe, expect, it } from 'vitest';
import { genitive } from './genitive.ts';

describe('a name in the genitive', () => {
  it('in Swedish: s, nothing after s/x/z, a colon after an abbreviation or figure', () => {
    expect(genitive('Stålverket i Norrvik AB', 'sv')).toBe('Stålverket i Norrvik AB:s');
    expect(genitive('Region Mittland', 'sv')).toBe('Region Mittlands');
    expect(genitive('Norrviks kommun', 'sv')).toBe('Norrviks kommuns');
    expect(genitive('Bygg & Hus', 'sv')).toBe('Bygg & Hus');
    expect(genitive('Vård 24', 'sv')).toBe('Vård 24:s');
    expect(genitive('Scania CV AB ', 'sv')).toBe('Scania CV AB:s');
  });

  it("in English: 's, or ' after an s", () => {
    expect(genitive('Stålverket i Norrvik AB', 'en')).toBe("Stålverket i Norrvik AB's");
    expect(genitive('Siemens', 'en')).toBe("Siemens'");
  });
});
