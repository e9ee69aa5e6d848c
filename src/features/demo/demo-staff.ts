import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { authUser } from '../auth/auth.table.ts';
import type { StaffProfileInput } from '../staff/staff.contract.ts';
import { seedStaffProfile } from '../staff/staff.service.ts';
import { searchConcepts } from '../taxonomy/taxonomy.service.ts';

/**
 * Staff profiles of the demo users who could teach contract education, on the demo taxonomy, so "Hitta
 * lärare" finds someone and "Min profil" shows a filled-in profile. Lars Ek is the teacher of Mittlands
 * universitet; Maria Sund and Karin Berg teach a little besides their other roles.
 */
const profiles: {
  email: string;
  hei: string;
  profile: Omit<StaffProfileInput, 'expertise'>;
  skills: string[];
}[] = [
  {
    email: 'lars.larare@mittland.example',
    hei: 'mittland',
    profile: {
      department: 'Institutionen för elektroteknik',
      languages: ['sv', 'en'],
      availability: 'available',
      hoursPerYear: 120,
      interest: 'high',
      bio: 'Lektor i automationsteknik. Har undervisat drift- och underhållspersonal i PLC-programmering och elsäkerhet, på plats i industrin och på distans.',
    },
    skills: ['PLC-programmering', 'Elsäkerhet', 'Förebyggande underhåll'],
  },
  {
    email: 'maria.chef@mittland.example',
    hei: 'mittland',
    profile: {
      department: 'Institutionen för ekonomi och ledarskap',
      languages: ['sv'],
      availability: 'limited',
      hoursPerYear: 40,
      interest: 'some',
      bio: 'Studierektor för uppdragsutbildning; forskar om ledarskap i offentlig sektor.',
    },
    skills: ['Ledarskap', 'Förändringsledning'],
  },
  {
    email: 'karin.koordinator@mittland.example',
    hei: 'norrvik',
    profile: {
      department: 'Enheten för samverkan',
      languages: ['sv', 'en'],
      availability: 'limited',
      hoursPerYear: 20,
      interest: 'some',
      bio: 'Samordnare för uppdragsutbildning med bakgrund som projektledare i byggbranschen.',
    },
    skills: ['Projektledning', 'Riskbedömning'],
  },
];

export async function seedDemoStaff(db: Db, ids: Map<string, { organisationId?: string }>) {
  for (const p of profiles) {
    const heiId = ids.get(p.hei)?.organisationId;
    const [user] = await db.select({ id: authUser.id }).from(authUser).where(eq(authUser.email, p.email));
    if (!heiId || !user) continue;
    const expertise: string[] = [];
    for (const label of p.skills) {
      const [concept] = await searchConcepts(db, { q: label, types: ['skill'], source: 'demo', limit: 1 });
      if (concept) expertise.push(concept.id);
    }
    await seedStaffProfile(db, heiId, user.id, { ...p.profile, expertise });
  }
}
