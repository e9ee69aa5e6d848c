/**
 * The case pipeline of the development model, and the default decision points (checklist items) of
 * each stage. Each HEI adapts its own checklist (HEIs organise contract education very differently:
 * a central unit, the departments, a holding company); these are the defaults it starts from.
 */
export const openStages = [
  'inquiry',
  'qualification',
  'dialogue',
  'design',
  'costing',
  'agreement',
  'delivery',
  'evaluation',
] as const;
export const stages = [...openStages, 'closed'] as const;
export type Stage = (typeof stages)[number];
export type OpenStage = (typeof openStages)[number];

export const outcomes = ['won', 'lost', 'declined', 'referred'] as const;
export type Outcome = (typeof outcomes)[number];

/**
 * How the customer buys (the guide's "Public procurement"): no procurement (a private customer, or a purchase
 * outside the Public Procurement Act), a direct award, an advertised procurement, a call-off under a framework
 * agreement, or an arrangement between two state agencies (one legal person: no contract under civil law).
 */
export const purchaseRoutes = [
  'none',
  'direct_award',
  'advertised',
  'framework_call_off',
  'state_arrangement',
] as const;
export type PurchaseRoute = (typeof purchaseRoutes)[number];
/** The routes where the HEI submits a tender by a last day. */
export const tenderingRoutes: readonly PurchaseRoute[] = ['advertised', 'framework_call_off'];

/** The stages' and outcomes' names in documents and files the server writes (the web has its own, in i18n). */
export const stageNames: Record<'sv' | 'en', Record<Stage, string>> = {
  sv: {
    inquiry: 'Förfrågan',
    qualification: 'Kvalificering',
    dialogue: 'Dialog',
    design: 'Utformning',
    costing: 'Kalkyl och offert',
    agreement: 'Avtal',
    delivery: 'Genomförande',
    evaluation: 'Uppföljning',
    closed: 'Avslutat',
  },
  en: {
    inquiry: 'Inquiry',
    qualification: 'Qualification',
    dialogue: 'Dialogue',
    design: 'Design',
    costing: 'Costing and proposal',
    agreement: 'Agreement',
    delivery: 'Delivery',
    evaluation: 'Evaluation',
    closed: 'Closed',
  },
};

export const outcomeNames: Record<'sv' | 'en', Record<Outcome, string>> = {
  sv: { won: 'Vunnet', lost: 'Förlorat', declined: 'Avböjt', referred: 'Hänvisat' },
  en: { won: 'Won', lost: 'Lost', declined: 'Declined', referred: 'Referred' },
};

export const stageIndex = (stage: Stage) => stages.indexOf(stage);

/**
 * What Lupp itself records that shows a decision point is passed. An item naming one is ticked by it on the
 * case, by the person whose act it was (a manual tick, for what was done outside Lupp, still counts).
 */
export const evidenceKinds = [
  'design_approved',
  'calculation_approved',
  'proposal_sent',
  'agreement_signed',
  'participants_designated',
  'attendance_recorded',
  'evaluation_done',
  'invoiced',
] as const;
export type Evidence = (typeof evidenceKinds)[number];

export type DefaultItem = {
  stage: OpenStage;
  sv: string;
  en: string;
  required: boolean;
  evidence?: Evidence;
};

export const defaultChecklist: DefaultItem[] = [
  { stage: 'inquiry', sv: 'Kontakt tagen med kunden', en: 'Customer contacted', required: true },
  {
    stage: 'inquiry',
    sv: 'Ansvarig samordnare utsedd',
    en: 'Responsible coordinator appointed',
    required: true,
  },
  {
    stage: 'qualification',
    sv: 'Behörighet enligt förordningen (2002:760) prövad',
    en: 'Eligibility under the ordinance (2002:760) checked',
    required: true,
  },
  {
    stage: 'qualification',
    sv: 'Examensrätt i ämnet bekräftad',
    en: 'Degree-awarding powers in the subject confirmed',
    required: true,
  },
  {
    stage: 'qualification',
    sv: 'Lärarkapacitet undersökt',
    en: 'Teaching capacity looked into',
    required: false,
  },
  {
    stage: 'dialogue',
    sv: 'Varför: vad utbildningen ska leda till för individ och organisation',
    en: 'Why: what the education should lead to for the individual and the organisation',
    required: true,
  },
  {
    stage: 'dialogue',
    sv: 'Vad: innehåll, målgrupp och förkunskaper',
    en: 'What: content, target group and prior knowledge',
    required: true,
  },
  {
    stage: 'dialogue',
    sv: 'Hur: form, tid, plats och språk',
    en: 'How: format, time, place and language',
    required: true,
  },
  {
    stage: 'dialogue',
    sv: 'Kompetensbehovsanalys genomförd',
    en: 'Competence-needs analysis done',
    required: false,
  },
  {
    stage: 'design',
    sv: 'Lärandemål formulerade',
    en: 'Learning outcomes written',
    required: true,
    evidence: 'design_approved',
  },
  {
    stage: 'design',
    sv: 'Lärare och examinator utsedda',
    en: 'Teachers and examiner appointed',
    required: true,
  },
  {
    stage: 'design',
    sv: 'Examination och högskolepoäng beslutade',
    en: 'Examination and credits decided',
    required: false,
  },
  {
    stage: 'costing',
    sv: 'Fullkostnadskalkyl upprättad och godkänd',
    en: 'Full-cost calculation made and approved',
    required: true,
    evidence: 'calculation_approved',
  },
  { stage: 'costing', sv: 'Offert skickad', en: 'Proposal sent', required: true, evidence: 'proposal_sent' },
  {
    stage: 'agreement',
    sv: 'Avtal undertecknat av båda parter',
    en: 'Agreement signed by both parties',
    required: true,
    evidence: 'agreement_signed',
  },
  {
    stage: 'agreement',
    sv: 'Deltagare anmälda',
    en: 'Participants registered',
    required: false,
    evidence: 'participants_designated',
  },
  {
    stage: 'delivery',
    sv: 'Utbildningen har startat',
    en: 'The education has started',
    required: true,
    evidence: 'attendance_recorded',
  },
  {
    stage: 'delivery',
    sv: 'Avstämning med kunden under kursens gång',
    en: 'Check-in with the customer during the course',
    required: false,
  },
  {
    stage: 'evaluation',
    sv: 'Utvärdering genomförd (Kirkpatrick nivå 1–2)',
    en: 'Evaluation done (Kirkpatrick levels 1–2)',
    required: true,
    evidence: 'evaluation_done',
  },
  {
    stage: 'evaluation',
    sv: 'Uppföljningsmöte med kunden hållet',
    en: 'Follow-up meeting with the customer held',
    required: true,
  },
  { stage: 'evaluation', sv: 'Fakturerat', en: 'Invoiced', required: true, evidence: 'invoiced' },
];

/** The development model's dialogue guides: why, what, how — and the follow-up on Kirkpatrick's four levels. */
export const defaultDialogueTemplates = [
  {
    name: 'Behovsdialog (utvecklingsmodellen)',
    questions: [
      {
        key: 'why',
        sv: 'Varför? Vad ska utbildningen leda till – för individen och för organisationen?',
        en: 'Why? What should the education lead to – for the individual and for the organisation?',
      },
      {
        key: 'what',
        sv: 'Vad? Vilken kompetens behövs, för vilka, och vilka förkunskaper finns?',
        en: 'What? Which competence is needed, for whom, and what do they already know?',
      },
      {
        key: 'how',
        sv: 'Hur? Form, tid, plats och språk – och hur lärandet ska tas tillvara i arbetet.',
        en: 'How? Format, time, place and language – and how the learning will be put to use at work.',
      },
    ],
  },
  {
    name: 'Uppföljning (Kirkpatricks fyra nivåer)',
    questions: [
      {
        key: 'reaction',
        sv: 'Reaktion: hur upplevde deltagarna utbildningen?',
        en: 'Reaction: how did the participants experience the education?',
      },
      {
        key: 'learning',
        sv: 'Lärande: vad har deltagarna lärt sig?',
        en: 'Learning: what have the participants learnt?',
      },
      {
        key: 'behaviour',
        sv: 'Beteende: används det som lärts i arbetet?',
        en: 'Behaviour: is what was learnt used at work?',
      },
      {
        key: 'results',
        sv: 'Resultat: vilka effekter syns i organisationen?',
        en: 'Results: what effects show in the organisation?',
      },
    ],
  },
];
