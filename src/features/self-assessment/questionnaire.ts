/**
 * The collaboration-skills self-assessment, defined in code. Each version has its own id and stays here
 * once people have answered it, so old answers are always read with the statements they answered; a
 * changed questionnaire is a new version (`collab-2027-1`, …) and `currentQuestionnaire` points to it.
 * Areas keep their keys across versions, so a person's development is compared area by area.
 *
 * The areas follow the collaboration skills of the development model behind Lupp: customer dialogue,
 * needs analysis, designing for working life, pedagogy for professionals, project and commercial
 * understanding, and collaboration within and across HEIs. Each statement is answered 1–5.
 */

export type Bilingual = { sv: string; en: string };

/** A page of the public process guide (`/guide/<id>` in Swedish, `/en/guide/<id>` in English). */
export type GuideLink = { id: string; title: Bilingual };

export type Area = {
  key: string;
  title: Bilingual;
  statements: { id: string; text: Bilingual }[];
  /** What to do when the area is not yet a strength, and where the guide says more. */
  suggestion: { text: Bilingual; guides: GuideLink[] };
};

export type Questionnaire = {
  id: string;
  title: Bilingual;
  intro: Bilingual;
  areas: Area[];
};

export const scale = {
  min: 1,
  max: 5,
  labels: [
    { value: 1, label: { sv: 'Stämmer inte alls', en: 'Not at all true' } },
    { value: 2, label: { sv: 'Stämmer dåligt', en: 'Hardly true' } },
    { value: 3, label: { sv: 'Stämmer delvis', en: 'Partly true' } },
    { value: 4, label: { sv: 'Stämmer ganska bra', en: 'Largely true' } },
    { value: 5, label: { sv: 'Stämmer helt', en: 'Entirely true' } },
  ],
} as const;

const guide = {
  customerDialogue: {
    id: 'customer-dialogue',
    title: { sv: 'Kunddialog: varför, vad och hur', en: 'Customer dialogue: why, what and how' },
  },
  needsAnalysis: {
    id: 'needs-analysis',
    title: { sv: 'Behovsanalys: metoder och nivåer', en: 'Needs analysis: methods and levels' },
  },
  formats: {
    id: 'competence-development-formats',
    title: { sv: 'Former för kompetensutveckling', en: 'Forms of competence development' },
  },
  learningOutcomes: {
    id: 'learning-outcomes',
    title: { sv: 'Att skriva lärandemål', en: 'Writing learning outcomes' },
  },
  participants: {
    id: 'participants-not-students',
    title: { sv: 'Deltagare är inte studenter', en: 'Participants are not students' },
  },
  fullCost: { id: 'full-cost', title: { sv: 'Full kostnadstäckning', en: 'Full cost recovery' } },
  agreement: { id: 'stage-agreement', title: { sv: 'Steg 6: Avtal', en: 'Stage 6: Agreement' } },
  collaborationSkills: {
    id: 'collaboration-skills',
    title: { sv: 'Samverkanskompetens', en: 'Collaboration skills' },
  },
  organisationModels: {
    id: 'organisation-models',
    title: {
      sv: 'Så kan lärosäten organisera uppdragsutbildning',
      en: 'Ways HEIs organise contract education',
    },
  },
  incentives: {
    id: 'incentives',
    title: {
      sv: 'Incitament: varför lärare och institutioner deltar',
      en: 'Incentives: why teachers and departments take part',
    },
  },
} satisfies Record<string, GuideLink>;

export const collab2026: Questionnaire = {
  id: 'collab-2026-1',
  title: { sv: 'Samverkanskompetens', en: 'Collaboration skills' },
  intro: {
    sv: 'Hur väl stämmer påståendena in på dig i dag? Svara 1 (stämmer inte alls) till 5 (stämmer helt). Ingen annan än du ser dina svar.',
    en: 'How true are the statements of you today? Answer 1 (not at all true) to 5 (entirely true). Nobody but you sees your answers.',
  },
  areas: [
    {
      key: 'customer-dialogue',
      title: { sv: 'Kunddialog', en: 'Customer dialogue' },
      statements: [
        {
          id: 'cd1',
          text: {
            sv: 'Jag kan leda ett första samtal med en arbetsgivare så att vi förstår vilket problem de vill lösa, inte bara vilken kurs de frågar efter.',
            en: 'I can lead a first conversation with an employer so that we understand the problem they want to solve, not only the course they ask for.',
          },
        },
        {
          id: 'cd2',
          text: {
            sv: 'Jag sätter mig in i kundens verksamhet och språk och kan förklara lärosätets villkor utan jargong.',
            en: "I get to know the customer's business and language, and can explain the HEI's conditions without jargon.",
          },
        },
        {
          id: 'cd3',
          text: {
            sv: 'Jag håller kunden informerad och hör av mig inom utlovad tid genom hela ärendet.',
            en: 'I keep the customer informed and get back to them within the promised time throughout the case.',
          },
        },
      ],
      suggestion: {
        text: {
          sv: 'Läs guidens frågor för kunddialogen och använd dem i ditt nästa kundsamtal. Be gärna en erfaren kollega att vara med och ge dig återkoppling efteråt.',
          en: "Read the guide's questions for the customer dialogue and use them in your next conversation with a customer. Ask an experienced colleague to join and give you feedback afterwards.",
        },
        guides: [guide.customerDialogue],
      },
    },
    {
      key: 'needs-analysis',
      title: { sv: 'Behovsanalys', en: 'Needs analysis' },
      statements: [
        {
          id: 'na1',
          text: {
            sv: 'Jag kan kartlägga kompetensbehov på organisations-, roll- och individnivå.',
            en: 'I can map competence needs at organisation, role and individual level.',
          },
        },
        {
          id: 'na2',
          text: {
            sv: 'Jag skiljer mellan behov i dag och framtida behov och kan prioritera dem tillsammans med kunden.',
            en: "I tell today's needs from future ones and can prioritise them together with the customer.",
          },
        },
      ],
      suggestion: {
        text: {
          sv: 'Gör nästa behovsanalys i Lupp tillsammans med kunden, med roller, nivåer och tidshorisonter, och låt kunden komplettera den via en självservicelänk.',
          en: 'Do your next needs analysis in Lupp together with the customer, with roles, levels and horizons, and let the customer complete it through a self-service link.',
        },
        guides: [guide.needsAnalysis],
      },
    },
    {
      key: 'working-life-design',
      title: { sv: 'Utformning för arbetslivet', en: 'Designing for working life' },
      statements: [
        {
          id: 'wl1',
          text: {
            sv: 'Jag formulerar lärandemål som utgår från kundens behov och som går att examinera.',
            en: "I write learning outcomes that start from the customer's needs and can be examined.",
          },
        },
        {
          id: 'wl2',
          text: {
            sv: 'Jag väljer format – kurs, modul, arbetsintegrerat lärande eller mikromerit – efter deltagarnas arbetssituation.',
            en: "I choose the format – course, module, work-integrated learning or micro-credential – to fit the participants' work situation.",
          },
        },
        {
          id: 'wl3',
          text: {
            sv: 'Jag kan bygga en utbildning av befintliga kurser och anpassa den till en viss verksamhet.',
            en: 'I can build a programme from existing courses and adapt it to a particular organisation.',
          },
        },
      ],
      suggestion: {
        text: {
          sv: 'Skriv om lärandemålen i en utformning så att varje mål hänger ihop med ett behov i behovsanalysen, och jämför formerna för kompetensutveckling innan ni bestämmer upplägg.',
          en: 'Rewrite the learning outcomes of a design so that each is linked to a need of the needs analysis, and compare the forms of competence development before you decide on the set-up.',
        },
        guides: [guide.learningOutcomes, guide.formats],
      },
    },
    {
      key: 'professional-pedagogy',
      title: { sv: 'Pedagogik för yrkesverksamma', en: 'Pedagogy for professionals' },
      statements: [
        {
          id: 'pp1',
          text: {
            sv: 'Jag tar tillvara deltagarnas yrkeserfarenhet i undervisningen.',
            en: "I draw on the participants' professional experience in my teaching.",
          },
        },
        {
          id: 'pp2',
          text: {
            sv: 'Jag kopplar undervisning och examination till deltagarnas egna arbetsuppgifter.',
            en: "I link teaching and examination to the participants' own work tasks.",
          },
        },
        {
          id: 'pp3',
          text: {
            sv: 'Jag vet vad som skiljer deltagare i uppdragsutbildning från studenter, till exempel i fråga om regler och personuppgifter.',
            en: 'I know how participants in contract education differ from students, for example as to rules and personal data.',
          },
        },
      ],
      suggestion: {
        text: {
          sv: 'Planera in ett moment där deltagarna tar med ett problem från sin egen arbetsplats, och läs vad som gäller för deltagare som inte är studenter.',
          en: 'Plan a part where the participants bring a problem from their own workplace, and read what applies to participants who are not students.',
        },
        guides: [guide.participants, guide.formats],
      },
    },
    {
      key: 'project-commercial',
      title: { sv: 'Projekt och affär', en: 'Project and commercial understanding' },
      statements: [
        {
          id: 'pc1',
          text: {
            sv: 'Jag förstår hur full kostnadstäckning räknas fram och vad som ingår i en kalkyl.',
            en: 'I understand how full cost recovery is worked out and what a calculation includes.',
          },
        },
        {
          id: 'pc2',
          text: {
            sv: 'Jag kan planera ett uppdrag med tider, resurser och ansvar och hålla det som lovats i offert och avtal.',
            en: 'I can plan an assignment with times, resources and responsibilities, and keep what the proposal and agreement promise.',
          },
        },
      ],
      suggestion: {
        text: {
          sv: 'Gå igenom räkneexemplet för full kostnadstäckning och be en ekonom visa hur ert kostnadsunderlag används; läs sedan vad ett avtal om uppdragsutbildning ska innehålla.',
          en: "Go through the worked example of full cost recovery and ask an economist to show how your HEI's cost configuration is used; then read what an agreement on contract education should contain.",
        },
        guides: [guide.fullCost, guide.agreement],
      },
    },
    {
      key: 'collaboration',
      title: {
        sv: 'Samverkan inom och mellan lärosäten',
        en: 'Collaboration within and across HEIs',
      },
      statements: [
        {
          id: 'co1',
          text: {
            sv: 'Jag vet vem jag vänder mig till på lärosätet i frågor om avtal, ekonomi och juridik i ett uppdrag.',
            en: 'I know whom to turn to at my HEI about agreements, finance and legal matters in an assignment.',
          },
        },
        {
          id: 'co2',
          text: {
            sv: 'Jag samarbetar med kollegor vid andra institutioner eller lärosäten när ett behov kräver det.',
            en: 'I work with colleagues at other departments or HEIs when a need calls for it.',
          },
        },
      ],
      suggestion: {
        text: {
          sv: 'Ta reda på hur ert lärosäte organiserar uppdragsutbildning och vilka incitament som finns, och bjud in en kollega från en annan institution eller ett annat lärosäte till nästa uppdrag.',
          en: 'Find out how your HEI organises contract education and what incentives there are, and invite a colleague from another department or HEI to your next assignment.',
        },
        guides: [guide.collaborationSkills, guide.organisationModels, guide.incentives],
      },
    },
  ],
};

/** Every version of the questionnaire that may have answers, by id. */
export const questionnaires: Record<string, Questionnaire> = { [collab2026.id]: collab2026 };

/** The version people answer now. */
export const currentQuestionnaire = collab2026;

/** When every area is already a strength: how to keep and share it. */
export const keepGoing = {
  text: {
    sv: 'Alla områden är styrkor. Dela dina erfarenheter med kollegor som är nya i uppdragsutbildning, till exempel genom att vara med i deras kundsamtal.',
    en: 'Every area is a strength. Share your experience with colleagues who are new to contract education, for example by joining their customer conversations.',
  },
  guides: [guide.collaborationSkills],
};

export type Level = 'develop' | 'growing' | 'strong';

/** Below 3: to develop; 3 up to 4: growing; 4 and above: a strength. */
export const levelOf = (mean: number): Level => (mean < 3 ? 'develop' : mean < 4 ? 'growing' : 'strong');

/** The mean of an area's answers, to one decimal (half up); null when none of its statements was answered. */
export function areaMean(area: Area, answers: Record<string, number>): number | null {
  const values = area.statements.map((s) => answers[s.id]).filter((v): v is number => v !== undefined);
  if (!values.length) return null;
  const sum = values.reduce((a, b) => a + b, 0);
  return Math.floor((sum * 20 + values.length) / (2 * values.length)) / 10;
}
