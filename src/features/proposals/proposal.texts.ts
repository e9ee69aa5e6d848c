/**
 * Lupp's default proposal texts, for an HEI that has not written its own. They state what makes contract
 * education different (förordning 2002:760): the customer pays the full cost and designates the
 * participants, who are not students of the HEI.
 */
export const defaultProposalTexts = {
  sv: {
    intro:
      'Tack för dialogen om era kompetensbehov. Här är vårt förslag till uppdragsutbildning, utformat utifrån behovsanalysen och de mål vi har kommit överens om.',
    terms: [
      'Uppdragsutbildning ges enligt förordningen (2002:760) om uppdragsutbildning vid universitet och högskolor. Priset täcker utbildningens fulla kostnad.',
      'Uppdragsgivaren utser deltagarna. Deltagarna är inte studenter vid lärosätet, men reglerna om disciplinära åtgärder vid fusk och plagiat gäller vid examination.',
      'Högskolepoäng eller intyg ges enligt utbildningsplanen för den som fullgör kraven.',
      'Avbokning senare än 30 dagar före start debiteras med 50 procent av priset, senare än 10 dagar före start med hela priset.',
      'Betalning mot faktura 30 dagar netto enligt betalningsplanen i avtalet. Utbildning är undantagen från mervärdesskatt om inget annat anges.',
      'Lärosätet behandlar deltagarnas personuppgifter enligt dataskyddsförordningen, bara för att genomföra och dokumentera utbildningen.',
    ].join('\n\n'),
  },
  en: {
    intro:
      'Thank you for the dialogue about your competence needs. Here is our proposal for contract education, designed from the needs analysis and the goals we agreed on.',
    terms: [
      "Contract education is given under the Swedish ordinance (2002:760) on contract education at universities and university colleges. The price covers the education's full cost.",
      'The customer designates the participants. Participants are not students of the university, but the rules on disciplinary measures for cheating and plagiarism apply to examinations.',
      'Credits or a certificate are awarded according to the syllabus to those who meet the requirements.',
      'Cancellation later than 30 days before the start is charged at 50 per cent of the price, later than 10 days before the start at the full price.',
      'Payment against invoice, 30 days net, as in the payment plan of the agreement. Education is exempt from VAT unless stated otherwise.',
      "The university processes the participants' personal data under the GDPR, only to deliver and document the education.",
    ].join('\n\n'),
  },
} as const;
