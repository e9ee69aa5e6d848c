import { describe, expect, it } from 'vitest';
import { formatsAskedFor } from './matching.formats.ts';

describe('the course format a need asks for', () => {
  it('reads Swedish and English employer phrases, as written', () => {
    expect(formatsAskedFor('Förebyggande underhåll, gärna på distans')).toEqual([
      { format: 'distance', phrase: 'på distans' },
    ]);
    expect(formatsAskedFor('Lean för våra lagledare – helst hos oss på arbetsplatsen.')).toEqual([
      { format: 'workplace', phrase: 'hos oss' },
    ]);
    expect(formatsAskedFor('Our engineers need Python, preferably Online')).toEqual([
      { format: 'distance', phrase: 'Online' },
    ]);
    expect(formatsAskedFor('Training on-site for our operators')).toEqual([
      { format: 'workplace', phrase: 'on-site' },
    ]);
    expect(formatsAskedFor('Svetsning, en vecka på campus')).toEqual([
      { format: 'campus', phrase: 'på campus' },
    ]);
  });

  it('reads "partly at a distance" as blended, not as distance', () => {
    expect(formatsAskedFor('Ledarskap delvis  på distans')).toEqual([
      { format: 'blended', phrase: 'delvis på distans' },
    ]);
    expect(formatsAskedFor('A course partly online')).toEqual([
      { format: 'blended', phrase: 'partly online' },
    ]);
  });

  it('lists several formats in the order of the text, each once', () => {
    expect(formatsAskedFor('På arbetsplatsen eller på distans; på distans går bra')).toEqual([
      { format: 'workplace', phrase: 'På arbetsplatsen' },
      { format: 'distance', phrase: 'på distans' },
    ]);
  });

  it('asks for nothing when a phrase is negated, part of a word, or absent', () => {
    expect(formatsAskedFor('Kursen ska inte gå på distans')).toEqual([]);
    expect(formatsAskedFor('We do not want it online')).toEqual([]);
    expect(formatsAskedFor('Onlinebutiker och e-handel')).toEqual([]);
    expect(formatsAskedFor('Distansarbete: leda medarbetare som jobbar hemifrån')).toEqual([]);
    expect(formatsAskedFor('Svetsmetoder och svetsdefekter')).toEqual([]);
  });
});
