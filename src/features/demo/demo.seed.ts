import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Config } from '../../server/config.ts';
import { addDays, stockholmDate } from '../../shared/stockholm-days.ts';
import { authUser } from '../auth/auth.table.ts';
import { type Auth, createPasswordAccount } from '../auth/auth.ts';
import { addEntry, addTask, closeCase, createCase, moveCase, tickChecklist } from '../cases/cases.service.ts';
import { type PurchaseRoute, type Stage, stageIndex } from '../cases/stages.ts';
import { decideTag, importCatalog, listCourses } from '../catalog/catalog.service.ts';
import { insertApprovedCostConfig } from '../costing/costing.service.ts';
import { createFramework } from '../frameworks/frameworks.service.ts';
import { insertIncentiveModel } from '../incentives/incentives.service.ts';
import type { SubmitInquiry } from '../inquiries/inquiries.contract.ts';
import { nextReference, submitInquiry } from '../inquiries/inquiries.service.ts';
import { addNeed, addRole, authorizeAnalysis, createAnalysis, heiActor } from '../needs/needs.service.ts';
import { saveCaseReview } from '../review/review.service.ts';
import { seedDemoTaxonomy } from '../taxonomy/demo-taxonomy.ts';
import { searchConcepts } from '../taxonomy/taxonomy.service.ts';
import { withCheckDigit } from '../tenancy/org-number.ts';
import type { Role } from '../tenancy/tenancy.contract.ts';
import { type Actor, listMemberships } from '../tenancy/tenancy.service.ts';
import { consortium, membership, organisation } from '../tenancy/tenancy.table.ts';
import { demoCatalogues } from './demo-catalog.ts';
import { demoCostConfig } from './demo-costs.ts';
import { seedDemoDeliveredCourse } from './demo-delivered.ts';
import { demoIncentiveModel } from './demo-incentives.ts';
import { seedDemoContributions, seedDemoPooledAnalyses } from './demo-regional.ts';
import { seedDemoStaff } from './demo-staff.ts';

/** Known only in demo mode; the README lists the users. Never seeded in production. */
export const DEMO_PASSWORD = 'lupp-demo-2026';

type DemoOrg = {
  key: string;
  kind: 'hei' | 'customer';
  name: string;
  orgNumberPrefix: string;
  county: string;
  degreeFields?: string[];
};

// Fictional organisations; organisationsnummer have valid check digits but belong to nobody we know of.
const orgs: DemoOrg[] = [
  {
    key: 'mittland',
    kind: 'hei',
    name: 'Mittlands universitet',
    orgNumberPrefix: '202199001',
    county: 'Västernorrland',
    // A university: degree-awarding powers across most fields.
    degreeFields: ['14', '21', '22', '31', '32', '34', '38', '42', '44', '46', '48', '52', '58', '72', '76'],
  },
  {
    key: 'norrvik',
    kind: 'hei',
    name: 'Högskolan i Norrvik',
    orgNumberPrefix: '202199002',
    county: 'Norrbotten',
    // A university college: powers in fewer fields, strong in engineering and health.
    degreeFields: ['14', '34', '48', '52', '54', '72', '76'],
  },
  {
    key: 'kommun',
    kind: 'customer',
    name: 'Norrviks kommun',
    orgNumberPrefix: '212099001',
    county: 'Norrbotten',
  },
  {
    key: 'stalverket',
    kind: 'customer',
    name: 'Stålverket i Norrvik AB',
    orgNumberPrefix: '559999001',
    county: 'Norrbotten',
  },
];

export const demoUsers: { email: string; name: string; memberships: { in: string; roles: Role[] }[] }[] = [
  {
    email: 'astrid.admin@mittland.example',
    name: 'Astrid Lind',
    memberships: [{ in: 'mittland', roles: ['admin'] }],
  },
  {
    email: 'karin.koordinator@mittland.example',
    name: 'Karin Berg',
    memberships: [
      { in: 'mittland', roles: ['coordinator'] },
      { in: 'norrvik', roles: ['coordinator'] },
    ],
  },
  {
    email: 'lars.larare@mittland.example',
    name: 'Lars Ek',
    memberships: [{ in: 'mittland', roles: ['teacher'] }],
  },
  {
    email: 'eva.ekonom@mittland.example',
    name: 'Eva Holm',
    memberships: [{ in: 'mittland', roles: ['economist'] }],
  },
  {
    email: 'maria.chef@mittland.example',
    name: 'Maria Sund',
    memberships: [{ in: 'mittland', roles: ['manager'] }],
  },
  {
    email: 'oskar.admin@norrvik.example',
    name: 'Oskar Norén',
    memberships: [{ in: 'norrvik', roles: ['admin'] }],
  },
  {
    email: 'nils.chef@norrvik.example',
    name: 'Nils Åberg',
    memberships: [{ in: 'norrvik', roles: ['manager'] }],
  },
  {
    email: 'frida.ekonom@norrvik.example',
    name: 'Frida Lund',
    memberships: [{ in: 'norrvik', roles: ['economist'] }],
  },
  {
    email: 'sara.kund@stalverket.example',
    name: 'Sara Ståhl',
    memberships: [{ in: 'stalverket', roles: ['customer_contact'] }],
  },
  {
    email: 'lena.kund@norrvik-kommun.example',
    name: 'Lena Nyström',
    memberships: [{ in: 'kommun', roles: ['customer_contact'] }],
  },
  {
    email: 'johan.analytiker@alliansen.example',
    name: 'Johan Ås',
    memberships: [{ in: 'consortium', roles: ['analyst'] }],
  },
];

export async function databaseIsEmpty(db: Db): Promise<boolean> {
  const { rows } = await db.execute<{ empty: boolean }>(
    sql`select not exists (select 1 from ${organisation}) and not exists (select 1 from ${consortium}) as empty`,
  );
  return rows[0]?.empty === true;
}

/** Fills an empty database with a demo consortium, HEIs, customers and one user per role. */
export async function seedDemo(
  db: Db,
  auth: Auth,
  { publicUrl, personalDataKey }: Pick<Config, 'publicUrl' | 'personalDataKey'>,
): Promise<boolean> {
  if (!(await databaseIsEmpty(db))) return false;
  const [alliance] = await db
    .insert(consortium)
    .values({ slug: 'kunskapsalliansen', name: 'Kunskapsalliansen Mitt' })
    .returning({ id: consortium.id });
  if (!alliance) throw new Error('consortium was not created');
  const ids = new Map<string, { organisationId?: string; consortiumId?: string }>([
    ['consortium', { consortiumId: alliance.id }],
  ]);
  for (const o of orgs) {
    const [row] = await db
      .insert(organisation)
      .values({
        kind: o.kind,
        name: o.name,
        orgNumber: withCheckDigit(o.orgNumberPrefix),
        consortiumId: o.kind === 'hei' ? alliance.id : null,
        county: o.county,
        degreeFields: o.degreeFields ?? [],
      })
      .returning({ id: organisation.id });
    ids.set(o.key, { organisationId: row?.id });
  }
  for (const u of demoUsers) {
    const { id: userId } = await createPasswordAccount(auth, {
      email: u.email,
      name: u.name,
      password: DEMO_PASSWORD,
    });
    for (const m of u.memberships)
      await db.insert(membership).values({ userId, roles: m.roles, ...ids.get(m.in) });
  }
  await seedDemoTaxonomy(db);
  await seedDemoCatalogues(db, orgs, ids);
  await seedDemoTag(db, ids.get('mittland')?.organisationId ?? '');
  await seedDemoStaff(db, ids);
  await seedDemoInquiries(db, ids, publicUrl);
  for (const key of ['mittland', 'norrvik']) {
    const heiId = ids.get(key)?.organisationId;
    if (heiId)
      await insertApprovedCostConfig(db, {
        heiId,
        effectiveFrom: '2026-01-01',
        config: demoCostConfig,
        note: 'Budget 2026',
        approvedBy: null,
      });
    // the incentive model each demo HEI shows on its cases ("Vad deltagandet ger")
    if (heiId) await insertIncentiveModel(db, { heiId, ...demoIncentiveModel });
  }
  await seedDemoCases(db, ids.get('norrvik')?.organisationId ?? '', { publicUrl, personalDataKey });
  await seedDemoContributions(
    db,
    ['mittland', 'norrvik'].flatMap((key) => ids.get(key)?.organisationId ?? []),
  );
  return true;
}

/** A demo user acting at one of their organisations (the seed works through the use cases as they would). */
async function demoActor(db: Db, email: string, organisationId: string): Promise<Actor | null> {
  const [user] = await db.select().from(authUser).where(eq(authUser.email, email));
  if (!user) return null;
  const memberships = await listMemberships(db, user.id);
  const active = memberships.find((m) => m.tenant.id === organisationId);
  if (!active) return null;
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    locale: 'sv',
    notificationEmail: 'each',
    sessionId: 'demo-seed',
    activeMembershipId: active.id,
    memberships,
  };
}

/** A checkpoint's comment on the demo's cases worked before Lupp, where Lupp has no evidence of their own. */
const OUTSIDE_LUPP = 'Handlingen är diarieförd utanför Lupp.';

/** The demo's case whose course has been given (demo-delivered.ts). */
const DELIVERED_CASE = 'Demensvård i hemtjänsten';

/**
 * Cases in every stage at Högskolan i Norrvik, worked by Karin through the same use cases a
 * coordinator uses (so every gate was passed the proper way). Mittlands universitet starts with none,
 * so its pipeline shows what claiming an inquiry does.
 */
async function seedDemoCases(
  db: Db,
  heiId: string,
  { publicUrl, personalDataKey }: Pick<Config, 'publicUrl' | 'personalDataKey'>,
) {
  const actor = await demoActor(db, 'karin.koordinator@mittland.example', heiId);
  if (!actor) return;
  const demoCases: {
    title: string;
    customer: string;
    prefix: string;
    sector: 'public' | 'private';
    need: string;
    stage: Stage;
    outcome?: 'won' | 'lost';
    /** How a public customer buys (the regional NIS2 course is out to tender, due in twelve days). */
    purchase?: { purchaseRoute: PurchaseRoute; tenderDeadline?: string; procurementReference?: string };
    /** A call-off under the HEI's framework agreement with the municipality (recorded before the first). */
    callOff?: true;
  }[] = [
    {
      title: 'Vätgas och elektrifierade processer',
      customer: 'Stålverket i Norrvik AB',
      prefix: '559999001',
      sector: 'private',
      need: 'Underhållstekniker behöver grunder i vätgasteknik och säkerhet kring elektrifierade processer.',
      stage: 'inquiry',
    },
    {
      title: 'Digitalt ledarskap för enhetschefer',
      customer: 'Norrviks kommun',
      prefix: '212099001',
      sector: 'public',
      need: 'Enhetschefer i äldreomsorgen behöver leda verksamhet med välfärdsteknik och distansarbete.',
      stage: 'qualification',
      purchase: { purchaseRoute: 'direct_award' },
    },
    {
      title: 'Lean i underhållsarbetet',
      customer: 'Norrlandsgruvan AB',
      prefix: '559999003',
      sector: 'private',
      need: 'Skiftlag ska minska stillestånd med lean-metoder och förebyggande underhåll.',
      stage: 'dialogue',
    },
    {
      title: 'Svetsteknik för höga temperaturer',
      customer: 'Stålverket i Norrvik AB',
      prefix: '559999001',
      sector: 'private',
      need: 'Svetsare och konstruktörer behöver fördjupning i materialval och svetsning av värmebeständiga stål.',
      stage: 'design',
    },
    {
      title: 'Informationssäkerhet och NIS2',
      customer: 'Region Mittland',
      prefix: '232199001',
      sector: 'public',
      need: 'IT-tekniker och chefer ska kunna göra riskbedömningar enligt NIS2.',
      stage: 'costing',
      purchase: {
        purchaseRoute: 'advertised',
        tenderDeadline: addDays(stockholmDate(new Date()), 12),
        procurementReference: 'RM 2026/1187',
      },
    },
    {
      title: 'Handledarutbildning för vårdens APL',
      customer: 'Norrviks kommun',
      prefix: '212099001',
      sector: 'public',
      need: 'Undersköterskor som handleder elever behöver pedagogisk grund.',
      stage: 'agreement',
      purchase: { purchaseRoute: 'framework_call_off', procurementReference: 'KS 2024/512' },
      callOff: true,
    },
    {
      title: 'Projektledning i byggprojekt',
      customer: 'Byggbolaget Nord AB',
      prefix: '559999004',
      sector: 'private',
      need: 'Platschefer behöver metodik för projektledning och riskhantering.',
      stage: 'delivery',
    },
    {
      title: DELIVERED_CASE,
      customer: 'Norrviks kommun',
      prefix: '212099001',
      sector: 'public',
      need: 'Personal i hemtjänsten ska fördjupa sig i personcentrerad demensvård.',
      stage: 'evaluation',
      purchase: { purchaseRoute: 'framework_call_off', procurementReference: 'KS 2024/512' },
      callOff: true,
    },
    {
      title: 'Automation och PLC-programmering',
      customer: 'Norrlandsgruvan AB',
      prefix: '559999003',
      sector: 'private',
      need: 'Elektriker ska kunna programmera och felsöka PLC-styrda system.',
      stage: 'closed',
      outcome: 'won',
    },
    {
      title: 'Engelska för tekniker',
      customer: 'Byggbolaget Nord AB',
      prefix: '559999004',
      sector: 'private',
      need: 'Tekniker behöver teknisk engelska för internationella leverantörer.',
      stage: 'closed',
      outcome: 'lost',
    },
  ];
  const caseIds = new Map<string, string>();
  let framework: string | undefined;
  for (const c of demoCases) {
    if (c.callOff && !framework) framework = await seedDemoFramework(db, actor, c.customer);
    const created = await createCase(
      db,
      actor,
      {
        title: c.title,
        customerName: c.customer,
        customerOrgNumber: withCheckDigit(c.prefix),
        sector: c.sector,
        needText: c.need,
        subjectArea: null,
        ...c.purchase,
        frameworkAgreementId: c.callOff ? framework : null,
      },
      nextReference,
    );
    await addEntry(
      db,
      actor,
      created.id,
      {
        kind: 'meeting',
        // the course given five to eight weeks back was talked over well before it
        occurredAt: new Date(Date.now() - (c.title === DELIVERED_CASE ? 100 : 20) * 86_400_000).toISOString(),
        title: 'Första behovsdialogen',
        participants: `Karin Berg, kontaktperson hos ${c.customer}`,
        answers: {
          why: 'Färre fel och bättre arbetsmiljö',
          what: c.need,
          how: 'Halvdistans med träffar på arbetsplatsen',
        },
        nextSteps: 'Lärosätet återkommer med ett upplägg.',
        internal: false,
      },
      publicUrl,
    );
    caseIds.set(c.title, created.id);
    const target = c.outcome === 'won' ? 'closed' : c.stage;
    // The delivered course's case is worked in Lupp (demo-delivered.ts): what Lupp records ticks its
    // checkpoints. The other cases were worked before Lupp: their papers are in the HEI's registry.
    const inLupp = c.title === DELIVERED_CASE;
    for (const item of created.checklist) {
      if (stageIndex(item.stage) >= stageIndex(target) || (inLupp && item.evidence)) continue;
      await tickChecklist(db, actor, created.id, item.id, true, item.evidence ? OUTSIDE_LUPP : undefined);
    }
    if (c.stage === 'closed') {
      const reason =
        c.outcome === 'won'
          ? 'Genomförd och fakturerad; kunden vill fortsätta.'
          : 'Kunden valde en språkskola.';
      await closeCase(db, actor, created.id, c.outcome ?? 'lost', reason);
      // what was learned: shown again on the HEI's next case with the same customer
      if (c.outcome === 'won')
        await saveCaseReview(db, actor, created.id, {
          wentWell:
            'Behovsdialogen på plats i gruvan, med elektrikerna och deras arbetsledare, gav övningar på deras egna styrsystem. Deltagarna uppskattade att felsökningen gjordes på riktiga larm.',
          toImprove:
            'Kalkylen underskattade förberedelsetiden för labbet med en dag. Boka labbet och skiftschemat innan offerten skickas: två tillfällen fick flyttas.',
          followOn:
            'Kunden vill gå vidare med förebyggande underhåll och lean. En fördjupningskurs i felsökning kan bli en kurs i katalogen.',
        });
    } else if (c.stage !== 'inquiry' && !inLupp) {
      await moveCase(db, actor, created.id, c.stage);
    }
    if (c.stage === 'costing') {
      await addTask(db, actor, created.id, {
        title: 'Skicka offert till regionen',
        assigneeUserId: actor.userId,
        dueOn: new Date(Date.now() - 86_400_000).toISOString().slice(0, 10),
      });
    }
  }
  const lean = caseIds.get('Lean i underhållsarbetet');
  if (lean) await seedDemoAnalysis(db, actor, lean);
  await seedDemoPooledAnalyses(db, actor, caseIds);
  const dementiaCare = caseIds.get(DELIVERED_CASE);
  const [municipality] = await db
    .select({ id: organisation.id })
    .from(organisation)
    .where(eq(organisation.name, 'Norrviks kommun'));
  const manager = await demoActor(db, 'nils.chef@norrvik.example', heiId);
  const economist = await demoActor(db, 'frida.ekonom@norrvik.example', heiId);
  const contact = municipality && (await demoActor(db, 'lena.kund@norrvik-kommun.example', municipality.id));
  if (dementiaCare && municipality && manager && economist && contact) {
    await seedDemoDeliveredCourse(
      db,
      { coordinator: actor, manager, economist, contact },
      dementiaCare,
      municipality.id,
      { publicUrl, personalDataKey },
    );
    // its design, proposal, agreement, participants and attendance have ticked their checkpoints
    await moveCase(db, actor, dementiaCare, 'evaluation');
  }
}

/**
 * Norrvik's framework agreement with the municipality for courses in health and social care, won in the
 * municipality's procurement: two of the demo's cases are call-offs under it (one given, with its agreement
 * signed), so the agreement shows its ceiling used. The customer is known from an earlier case.
 */
async function seedDemoFramework(db: Db, actor: Actor, customerName: string) {
  const [customer] = await db
    .select({ id: organisation.id })
    .from(organisation)
    .where(eq(organisation.name, customerName));
  if (!customer) return undefined;
  const year = Number(stockholmDate(new Date()).slice(0, 4));
  const created = await createFramework(db, actor, {
    customerId: customer.id,
    title: 'Ramavtal vård- och omsorgsutbildning',
    reference: 'KS 2024/512',
    validFrom: `${year - 1}-03-01`,
    validTo: `${year + 2}-02-28`,
    ceilingOre: 300_000_000,
  });
  return created.id;
}

/**
 * One needs analysis made in the dialogue with Norrlandsgruvan (on the demo taxonomy), so the heatmap,
 * priorities and exports have something to show before anyone builds their own.
 */
async function seedDemoAnalysis(db: Db, actor: Actor, caseId: string) {
  const concept = async (label: string, type: string) =>
    (await searchConcepts(db, { q: label, types: [type], limit: 1 }))[0]?.id ?? null;
  const created = await createAnalysis(db, actor, {
    caseId,
    title: 'Kompetensbehov i underhållet 2027',
    strategy:
      'Gruvan ska halvera oplanerade stopp till 2028. Fler uppgifter automatiseras och flera erfarna tekniker går i pension inom fem år.',
    drivers: ['new_technology', 'retirements'],
  });
  const access = await authorizeAnalysis(db, heiActor(actor), created.id, 'write');
  const withRole = await addRole(db, access, {
    title: 'Underhållstekniker',
    occupationConceptId: await concept('Underhållstekniker', 'occupation'),
    headcountNow: 24,
    headcountHorizon: 20,
  });
  const technicians = withRole.roles[0]?.id ?? null;
  const need = {
    freeText: null,
    driver: null,
    evidence: null,
    confidence: 'medium' as const,
    goalIndividual: null,
    goalOrganisation: null,
    indicators: null,
  };
  await addNeed(db, access, {
    ...need,
    roleId: technicians,
    conceptId: await concept('Förebyggande underhåll', 'skill'),
    requiredLevel: 4,
    currentLevel: 2,
    importance: 3,
    people: 24,
    horizon: 'now',
    driver: 'new_technology',
    evidence: 'Stopptidsstatistik 2025: 40 % av stoppen hade kunnat förebyggas.',
    goalOrganisation: 'Halverade oplanerade stopp till 2028.',
    indicators: 'Oplanerad stopptid per månad.',
  });
  await addNeed(db, access, {
    ...need,
    roleId: technicians,
    conceptId: await concept('Lean produktion', 'skill'),
    requiredLevel: 3,
    currentLevel: 1,
    importance: 2,
    people: 24,
    horizon: '1y',
  });
  await addNeed(db, access, {
    ...need,
    roleId: technicians,
    conceptId: await concept('PLC-programmering', 'skill'),
    requiredLevel: 3,
    currentLevel: 1,
    importance: 2,
    people: 10,
    horizon: '3y',
    driver: 'retirements',
  });
  await addNeed(db, access, {
    ...need,
    roleId: null,
    conceptId: await concept('Förändringsledning', 'skill'),
    requiredLevel: 3,
    currentLevel: 2,
    importance: 2,
    people: 6,
    horizon: '1y',
    driver: 'new_technology',
  });
}

/** The HEIs' catalogues, imported the way a coordinator's file is (so they are indexed for matching). */
async function seedDemoCatalogues(
  db: Db,
  orgs: readonly { key: string; name: string }[],
  ids: Map<string, { organisationId?: string }>,
) {
  for (const o of orgs) {
    const courses = demoCatalogues[o.name];
    const heiId = ids.get(o.key)?.organisationId;
    if (!courses || !heiId) continue;
    await importCatalog(db, {
      heiId,
      actor: null,
      fileName: 'demo-catalog.json',
      format: 'json',
      content: Buffer.from(JSON.stringify({ courses })),
      mapping: null,
      keepValidRows: false,
    });
  }
}

/**
 * Karin has confirmed one concept on a course of Mittlands universitet (the others are suggestions
 * waiting for a person), so a need on that concept finds the course by it too.
 */
async function seedDemoTag(db: Db, heiId: string) {
  const actor = await demoActor(db, 'karin.koordinator@mittland.example', heiId);
  if (!actor) return;
  const [plc] = (
    await listCourses(db, actor, {
      hei: heiId,
      q: 'PLC-programmering för underhållstekniker',
      limit: 1,
      offset: 0,
    })
  ).courses;
  const [concept] = await searchConcepts(db, { q: 'PLC-programmering', types: ['skill'], limit: 1 });
  if (plc && concept) await decideTag(db, { heiId, actor }, plc.id, concept.id, 'confirmed');
}

/** Inquiries as employers would write them, through the same front door the public uses. */
async function seedDemoInquiries(db: Db, ids: Map<string, { organisationId?: string }>, publicUrl: string) {
  const base = {
    contactPhone: undefined,
    desiredStart: undefined,
    preferredHeiId: null,
    consent: true as const,
    locale: 'sv' as const,
    website: undefined,
  };
  const inquiries: SubmitInquiry[] = [
    {
      ...base,
      organisationName: 'Stålverket i Norrvik AB',
      orgNumber: withCheckDigit('559999001'),
      sector: 'private',
      municipality: 'Norrvik',
      county: 'Norrbotten',
      contactName: 'Sara Ståhl',
      contactEmail: 'sara.kund@stalverket.example',
      needText:
        'Vi ställer om till fossilfri stålproduktion och våra underhållstekniker behöver kunna vätgasteknik, elektrifierade processer och säkerhet kring dem. Vi vill också att arbetsledarna kan leda förändringen.',
      subjectArea: '52',
      purpose: 'staff_training',
      participantsWorkForBuyer: true,
      participants: 24,
      desiredStart: 'Våren 2027',
      format: 'blended',
      language: 'sv',
      budgetRange: '500k_2m',
    },
    {
      ...base,
      organisationName: 'Norrviks kommun',
      orgNumber: withCheckDigit('212099001'),
      sector: 'public',
      municipality: 'Norrvik',
      county: 'Norrbotten',
      contactName: 'Per Lindqvist',
      contactEmail: 'per.lindqvist@norrvik.example',
      needText:
        'Undersköterskor i hemtjänsten behöver fördjupning i demensvård och digitala hjälpmedel (välfärdsteknik). Vi behöver också stöd för att enhetscheferna ska kunna följa upp effekten.',
      subjectArea: '72',
      purpose: 'staff_training',
      participantsWorkForBuyer: true,
      participants: 40,
      format: 'workplace',
      language: 'sv',
      budgetRange: '100k_500k',
      preferredHeiId: ids.get('norrvik')?.organisationId ?? null,
    },
    {
      ...base,
      organisationName: 'Nordisk Gruvteknik AB',
      orgNumber: withCheckDigit('559999002'),
      sector: 'private',
      municipality: 'Kiruna',
      county: 'Norrbotten',
      contactName: 'Lena Berg',
      contactEmail: 'lena.berg@gruvteknik.example',
      needText:
        'Vi vill utbilda ingenjörer i ett samarbetsland i hållbar gruvdrift som en del av ett biståndsprojekt. Kursen bör ges på engelska.',
      subjectArea: '54',
      purpose: 'development_aid',
      participantsWorkForBuyer: false,
      participants: 15,
      format: 'online',
      language: 'en',
      budgetRange: 'unknown',
      locale: 'en',
    },
    {
      ...base,
      organisationName: 'Region Mittland',
      orgNumber: withCheckDigit('232199001'),
      sector: 'public',
      municipality: 'Härnösand',
      county: 'Västernorrland',
      contactName: 'Omar Haddad',
      contactEmail: 'omar.haddad@regionmittland.example',
      needText:
        'Regionens IT-avdelning behöver kompetens i informationssäkerhet och NIS2-kraven, både för tekniker och för chefer som ansvarar för riskbedömningar.',
      subjectArea: '48',
      purpose: 'staff_training',
      participantsWorkForBuyer: true,
      participants: 30,
      format: 'online',
      language: 'sv',
      budgetRange: '100k_500k',
    },
  ];
  let sender = 0;
  for (const input of inquiries) {
    sender += 1;
    await submitInquiry(
      db,
      { slug: 'kunskapsalliansen', publicUrl, senderIp: `demo-${sender}`, secret: 'demo' },
      input,
    );
  }
}
