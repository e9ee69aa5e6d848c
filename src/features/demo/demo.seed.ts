import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { type Auth, createPasswordAccount } from '../auth/auth.ts';
import type { SubmitInquiry } from '../inquiries/inquiries.contract.ts';
import { submitInquiry } from '../inquiries/inquiries.service.ts';
import { withCheckDigit } from '../tenancy/org-number.ts';
import type { Role } from '../tenancy/tenancy.contract.ts';
import { consortium, membership, organisation } from '../tenancy/tenancy.table.ts';

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
    email: 'sara.kund@stalverket.example',
    name: 'Sara Ståhl',
    memberships: [{ in: 'stalverket', roles: ['customer_contact'] }],
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
export async function seedDemo(db: Db, auth: Auth, publicUrl = 'http://localhost:3000'): Promise<boolean> {
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
  await seedDemoInquiries(db, ids, publicUrl);
  return true;
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
