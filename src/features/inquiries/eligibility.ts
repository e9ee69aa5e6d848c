/**
 * Eligibility under the contract-education ordinance (förordning 2002:760 om uppdragsutbildning vid
 * universitet och högskolor), as checks that explain themselves. Each flag names its rule and gives
 * the reason in Swedish and English; a coordinator may override a flag with a recorded justification.
 *
 * - Only legal persons buy contract education, never private individuals (a personnummer is refused
 *   already in the form). Estates (dödsbon, group 1) are flagged for a closer look.
 * - Public buyers (state, municipalities, regions) may buy for staff training, labour-market reasons or
 *   development aid; private buyers for staff training relevant to the participants' work for the buyer,
 *   or for labour-market reasons.
 * - The HEI may only give contract education in subjects where it has degree-awarding powers.
 */
export type Purpose = 'staff_training' | 'labour_market' | 'development_aid';
export type Sector = 'public' | 'private' | 'non_profit';

export type EligibilityRule =
  | 'legal_person'
  | 'purpose_fits_buyer'
  | 'staff_training_relevance'
  | 'degree_powers'
  | 'sector_matches_number';

export type EligibilityFlag = {
  rule: EligibilityRule;
  reason: { sv: string; en: string };
};

export type EligibilityInput = {
  orgNumber: string; // ten digits, already format- and Luhn-checked
  sector: Sector;
  purpose: Purpose;
  participantsWorkForBuyer: boolean;
  subjectArea: string | null;
  /** The HEI considered (proposed or owning); undefined while none is. */
  hei?: { name: string; degreeFields: readonly string[] };
};

/** Organisation-number group (first digit) 2 = state, municipalities, regions and other public bodies. */
export const isPublicBody = (orgNumber: string) => orgNumber.startsWith('2');

export function assessEligibility(input: EligibilityInput): EligibilityFlag[] {
  const flags: EligibilityFlag[] = [];
  const publicBuyer = isPublicBody(input.orgNumber);

  if (input.orgNumber.startsWith('1')) {
    flags.push({
      rule: 'legal_person',
      reason: {
        sv: 'Organisationsnumret tillhör ett dödsbo. Kontrollera att köparen är en juridisk person som kan beställa utbildning för sin personal.',
        en: 'The organisation number belongs to an estate. Check that the buyer is a legal person that can commission education for its staff.',
      },
    });
  }
  if (publicBuyer !== (input.sector === 'public')) {
    flags.push({
      rule: 'sector_matches_number',
      reason: publicBuyer
        ? {
            sv: 'Organisationsnumret tillhör en offentlig organisation (grupp 2) men förfrågan anger privat eller ideell sektor.',
            en: 'The organisation number belongs to a public body (group 2) but the inquiry says private or non-profit sector.',
          }
        : {
            sv: 'Förfrågan anger offentlig sektor men organisationsnumret är inte en myndighets, kommuns eller regions.',
            en: 'The inquiry says public sector but the organisation number is not that of an agency, municipality or region.',
          },
    });
  }
  if (!publicBuyer && input.purpose === 'development_aid') {
    flags.push({
      rule: 'purpose_fits_buyer',
      reason: {
        sv: 'Privata uppdragsgivare får köpa uppdragsutbildning som personalutbildning eller av arbetsmarknadsskäl, inte för biståndsändamål.',
        en: 'Private buyers may commission contract education as staff training or for labour-market reasons, not for development aid.',
      },
    });
  }
  if (!publicBuyer && input.purpose === 'staff_training' && !input.participantsWorkForBuyer) {
    flags.push({
      rule: 'staff_training_relevance',
      reason: {
        sv: 'Personalutbildning åt en privat uppdragsgivare ska vara relevant för deltagarnas arbete hos uppdragsgivaren, men deltagarna anges inte arbeta där.',
        en: "Staff training for a private buyer must be relevant to the participants' work for the buyer, but the participants are not said to work there.",
      },
    });
  }
  if (input.hei && input.subjectArea && !input.hei.degreeFields.includes(input.subjectArea)) {
    flags.push({
      rule: 'degree_powers',
      reason: {
        sv: `${input.hei.name} har inte examensrätt inom ämnesområdet (SUN ${input.subjectArea}); uppdragsutbildning får bara ges där lärosätet har examensrätt. Överväg att hänvisa förfrågan.`,
        en: `${input.hei.name} has no degree-awarding powers in the subject area (SUN ${input.subjectArea}); contract education may only be given where the HEI has them. Consider referring the inquiry.`,
      },
    });
  }
  return flags;
}
