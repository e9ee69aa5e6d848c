import type { Db } from '../../db/client.ts';
import { addDays, stockholmDate } from '../../shared/stockholm-days.ts';
import {
  createAgreement,
  setInvoiceReferenceAsCustomer,
  signAsCustomer,
  signAsHei,
  updateAgreement,
} from '../agreements/agreements.service.ts';
import { issueCredentials } from '../credentials/credentials.service.ts';
import type { AttendanceStatus } from '../delivery/delivery.contract.ts';
import { createSession, recordAttendance, setAttendanceSharing } from '../delivery/delivery.service.ts';
import {
  approveCalculation,
  approveDesign,
  calculateDesign,
  createDesign,
  updateDesign,
} from '../design/design.service.ts';
import { answerEvaluation, createEvaluation, shareEvaluation } from '../evaluation/evaluation.service.ts';
import { addParticipant, customerParticipants } from '../participants/participants.service.ts';
import { acceptProposal, createProposal, sendProposal } from '../proposals/proposals.service.ts';
import { withCheckDigit } from '../tenancy/org-number.ts';
import type { Actor } from '../tenancy/tenancy.service.ts';

/**
 * The demo's course that has been given: "Demensvård i hemtjänsten" (Norrviks kommun, at Högskolan i Norrvik)
 * taken through every step a real one passes — a design approved by the manager, a full-cost calculation
 * approved by the economist, a proposal the municipality accepted, an agreement both signed, twelve
 * participants, four sessions five to eight weeks ago with attendance, an evaluation nine have answered (both
 * shared with the municipality), and micro-credentials for those who came to at least three sessions. So the
 * follow-up pages, key figures, the customer's portal and the credential pages show what they are for before
 * anyone gives a course.
 *
 * Everything goes through the use cases, which stamp the present: the agreement is signed on the day the demo
 * is seeded, though its sessions lie in the past — as when a course given before Lupp came is registered in it.
 */
export type DeliveredCourseActors = { coordinator: Actor; manager: Actor; economist: Actor; contact: Actor };

const participants: [firstName: string, lastName: string, birth: string][] = [
  ['Aisha', 'Yusuf', '780412'],
  ['Anneli', 'Backman', '690923'],
  ['Birgitta', 'Lindqvist', '640218'],
  ['Emir', 'Hadžić', '900701'],
  ['Hanna', 'Öberg', '950315'],
  ['Johanna', 'Karlsson', '820106'],
  ['Lina', 'Mäkinen', '870530'],
  ['Maj-Britt', 'Nordin', '610811'],
  ['Mohammed', 'Ali', '850227'],
  ['Sofia', 'Granberg', '920914'],
  ['Tove', 'Sundqvist', '890402'],
  ['Ulla', 'Persson', '660728'],
];

const sessions = [
  {
    topic: 'Demenssjukdomar och personcentrerad omvårdnad',
    place: 'Norrviks kommun, Storgatan 12 (samlingssalen)',
  },
  { topic: 'Bemötande och kommunikation', place: 'Distans (länk i kallelsen)' },
  {
    topic: 'Beteendemässiga symtom (BPSD) och bemötandeplaner',
    place: 'Norrviks kommun, Storgatan 12 (samlingssalen)',
  },
  { topic: 'Fallbeskrivningar och examination', place: 'Högskolan i Norrvik, sal C204' },
];

/** Who was away from which session (first name and the session's number, from 0): Hanna and Tove came to only two. */
const away = new Map<string, 'absent' | 'excused'>([
  ['Anneli:2', 'absent'],
  ['Hanna:1', 'absent'],
  ['Hanna:2', 'excused'],
  ['Maj-Britt:1', 'excused'],
  ['Mohammed:0', 'absent'],
  ['Tove:0', 'excused'],
  ['Tove:3', 'absent'],
]);

const outcomes = [
  'beskriva de vanligaste demenssjukdomarna och hur de påverkar vardagen',
  'bemöta personer med demenssjukdom utifrån ett personcentrerat förhållningssätt',
  'göra en bemötandeplan vid beteendemässiga och psykiska symtom',
];

export async function seedDemoDeliveredCourse(
  db: Db,
  actors: DeliveredCourseActors,
  caseId: string,
  customerId: string,
  { publicUrl, personalDataKey }: { publicUrl: string; personalDataKey: Buffer },
) {
  const { coordinator, manager, economist, contact } = actors;
  const today = stockholmDate(new Date());
  const design = await createDesign(db, coordinator, caseId, {
    title: 'Personcentrerad demensvård i hemtjänsten',
    fromCourseIds: [],
    language: 'sv',
    format: 'blended',
    participants: 12,
  });
  const teacher = 'Helena Strand';
  const ready = await updateDesign(db, coordinator, design.id, {
    revision: design.revision,
    level: 'first-cycle',
    awards: 'certificate',
    credits: null,
    sunField: '72',
    content:
      'Fyra träffar om personcentrerad demensvård för personal i hemtjänsten, varvade med uppgifter på arbetsplatsen.',
    examination:
      'En fallbeskrivning från den egna arbetsplatsen, med bemötandeplan, som redovisas vid sista träffen.',
    modules: [
      {
        key: 'm1',
        title: 'Personcentrerad demensvård',
        courseId: null,
        credits: null,
        content: 'Demenssjukdomar, bemötande, BPSD och bemötandeplaner.',
        outcomes: outcomes.map((text) => ({ text, needIds: [] })),
      },
    ],
    teachers: [
      { name: teacher, userId: null, category: 'lecturer', teachingHours: 16, developmentHours: 12 },
      {
        name: 'Adjunkt i omvårdnad',
        userId: null,
        category: 'adjunct',
        teachingHours: 8,
        developmentHours: 4,
      },
    ],
    costs: { trips: 2, otherDirect: [], deliveredByOthers: [] },
  });
  await approveDesign(db, manager, design.id, { revision: ready.revision });
  const calculation = await calculateDesign(db, coordinator, design.id);
  await approveCalculation(db, economist, design.id, calculation.id);

  const draft = await createProposal(db, coordinator, caseId, {
    designId: design.id,
    language: 'sv',
    validUntil: addDays(today, 60),
  });
  const proposal = await sendProposal(db, coordinator, draft.id, { revision: draft.revision }, publicUrl);
  await acceptProposal(db, contact, customerId, proposal.id, publicUrl);
  const agreement = await createAgreement(db, coordinator, caseId, {
    proposalId: proposal.id,
    participantsDeadline: today,
  });
  // one invoice, due two weeks after the last session; not yet recorded as invoiced, so the start page of
  // Norrvik's coordinators and economists lists it as past due
  const planned = await updateAgreement(db, coordinator, agreement.id, {
    revision: agreement.revision,
    billingPlan: [
      {
        dueDate: addDays(today, -21),
        amountOre: agreement.priceOre,
        description: 'Hela beloppet, efter genomförandet',
      },
    ],
  });
  await signAsHei(db, manager, agreement.id, { revision: planned.revision }, publicUrl);
  await signAsCustomer(db, contact, customerId, agreement.id, { revision: planned.revision }, publicUrl);
  await setInvoiceReferenceAsCustomer(db, contact, customerId, agreement.id, 'Ansvar 4410, Lena Nyström');

  for (const [i, [firstName, lastName, birth]] of participants.entries()) {
    const serial = String(200 + 17 * i).padStart(3, '0');
    await addParticipant(db, personalDataKey, contact, customerId, agreement.id, {
      firstName,
      lastName,
      // every third has no e-mail address with the HEI: the municipality passes the schedule on to them
      email: i % 3 === 2 ? null : `${ascii(firstName)}.${ascii(lastName)}@norrvik-kommun.example`,
      personnummer: `19${withCheckDigit(`${birth}${serial}`).replace(/^(\d{6})/, '$1-')}`,
      creditEligible: false,
    });
  }
  const { participants: people } = await customerParticipants(db, customerId, agreement.id);

  // Tuesdays, eight to five weeks back, 13:00–16:30
  const back = (weeks: number) => {
    const day = addDays(today, -7 * weeks);
    const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
    return addDays(day, 2 - (weekday === 0 ? 7 : weekday));
  };
  const attended = new Map<string, number>();
  for (const [s, session] of sessions.entries()) {
    const created = await createSession(
      db,
      coordinator,
      caseId,
      {
        designId: design.id,
        day: back(8 - s),
        startsAt: '13:00',
        endsAt: '16:30',
        occurrences: 1,
        teacher,
        ...session,
      },
      null,
    );
    const entries = people.map((p) => {
      const status: AttendanceStatus = away.get(`${p.firstName}:${s}`) ?? 'present';
      if (status === 'present') attended.set(p.id, (attended.get(p.id) ?? 0) + 1);
      return { participantId: p.id, status };
    });
    await recordAttendance(db, coordinator, created.id, { entries });
  }

  const { evaluation, links } = await createEvaluation(
    db,
    coordinator,
    caseId,
    { designId: design.id, invited: people.length, closesOn: addDays(today, 10), emailParticipants: false },
    publicUrl,
  );
  for (const [i, link] of links.slice(0, 9).entries()) {
    const good = i % 4 !== 3;
    await answerEvaluation(db, link.replace('/feedback/', ''), {
      reaction: {
        overall: good ? 5 : 4,
        relevance: 5,
        teaching: good ? 5 : 3,
        arrangements: i % 3 === 0 ? 3 : 4,
      },
      recommend: good,
      outcomes: outcomes.map((_, o) => ({ key: `o${o + 1}`, before: 2 + ((i + o) % 2), after: 4 + (i % 2) })),
      best: i === 0 ? 'Fallbeskrivningarna, och att få pröva bemötandeplanen med en brukare.' : undefined,
      improve: i === 3 ? 'Distansträffen var svår att följa från bilen mellan besöken.' : undefined,
    });
  }

  // the HEI shares the participants' figures and the attendance with the municipality
  await shareEvaluation(db, coordinator, evaluation.id, publicUrl);
  await setAttendanceSharing(db, coordinator, caseId, design.id, true);

  const completed = people.filter((p) => (attended.get(p.id) ?? 0) >= 3).map((p) => p.id);
  await issueCredentials(
    db,
    coordinator,
    caseId,
    { designId: design.id, participantIds: completed, workloadHours: 40, emailParticipants: false },
    publicUrl,
  );
}

/** An e-mail address's local part from a name: å, ä, ö, ć, ž … without their marks. */
const ascii = (name: string) =>
  name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();
