import { describe, expect, it } from 'vitest';
import { withCheckDigit } from '../tenancy/org-number.ts';
import { assessEligibility, type EligibilityInput } from './eligibility.ts';

const company = withCheckDigit('556677889');
const municipality = withCheckDigit('212000123');
const base: EligibilityInput = {
  orgNumber: company,
  sector: 'private',
  purpose: 'staff_training',
  participantsWorkForBuyer: true,
  subjectArea: '52',
};
const rules = (input: Partial<EligibilityInput>) =>
  assessEligibility({ ...base, ...input }).map((f) => f.rule);

describe('eligibility under SFS 2002:760', () => {
  it('passes a company training its own staff in a field the HEI has degree powers in', () => {
    expect(rules({ hei: { name: 'Högskolan', degreeFields: ['52', '54'] } })).toEqual([]);
  });

  it('flags development aid bought by a private buyer, and allows it for a public one', () => {
    expect(rules({ purpose: 'development_aid' })).toEqual(['purpose_fits_buyer']);
    expect(rules({ orgNumber: municipality, sector: 'public', purpose: 'development_aid' })).toEqual([]);
  });

  it('flags private staff training when the participants do not work for the buyer', () => {
    expect(rules({ participantsWorkForBuyer: false })).toEqual(['staff_training_relevance']);
    expect(rules({ participantsWorkForBuyer: false, purpose: 'labour_market' })).toEqual([]);
  });

  it("flags a subject outside the HEI's degree-awarding powers, naming the HEI", () => {
    const [flag] = assessEligibility({
      ...base,
      hei: { name: 'Mittlands universitet', degreeFields: ['72'] },
    });
    expect(flag?.rule).toBe('degree_powers');
    expect(flag?.reason.sv).toContain('Mittlands universitet');
    expect(flag?.reason.en).toContain('degree-awarding powers');
  });

  it('flags a sector that contradicts the organisation number, and estates', () => {
    expect(rules({ orgNumber: municipality, sector: 'private' })).toEqual(['sector_matches_number']);
    expect(rules({ sector: 'public' })).toEqual(['sector_matches_number']);
    expect(rules({ orgNumber: withCheckDigit('196512345') })).toContain('legal_person');
  });
});
