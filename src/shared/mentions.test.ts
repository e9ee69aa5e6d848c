import { describe, expect, it } from 'vitest';
import { excerptAround, jsonText, mentionPatterns, mentions } from './mentions.ts';

describe('finding a person in free text', () => {
  it('matches a name whatever the white space and case between its words, and nothing else', () => {
    expect(mentions('Möte med ANNA\n  andersson i dag', ['Anna Andersson'])).toBe(true);
    expect(mentions('Anna Karlsson och Per Andersson', ['Anna Andersson'])).toBe(false);
    // characters of regular expressions are the characters themselves
    expect(mentions('Anna Andersson', ['Anna Anders.on'])).toBe(false);
    expect(mentions('mail: a.b+c@x.example', ['a.b+c@x.example'])).toBe(true);
    expect(mentionPatterns(['C++ (grund)'])).toEqual(['C\\+\\+\\s+\\(grund\\)']);
  });

  it('cuts an excerpt around the first hit on word boundaries, marking what was left out', () => {
    const text = `${'början '.repeat(30)}där Anna Andersson nämns ${'slutet '.repeat(40)}`;
    const excerpt = excerptAround(text, ['Anna Andersson'], 20);
    expect(excerpt).toMatch(/^…\S/);
    expect(excerpt).toContain('där Anna Andersson nämns');
    expect(excerpt).toMatch(/\S…$/);
    expect(excerpt.length).toBeLessThan(80);
    expect(excerptAround('Kort: Anna Andersson.', ['anna andersson'])).toBe('Kort: Anna Andersson.');
  });

  it('reads the string values of a JSON body, nested', () => {
    expect(jsonText({ notes: 'Ett', answers: { why: 'Två', n: 3 }, list: ['Tre'] })).toBe('Ett — Två — Tre');
  });
});
