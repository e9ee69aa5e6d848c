import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, demoUsers, seedDemo } from '../../src/features/demo/demo.seed.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { signIn } from '../support/factories.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  expect(await seedDemo(t.db, t.auth, t.config)).toBe(true);
});
afterAll(() => t.close());

describe('demo data', () => {
  it('is seeded only into an empty database', async () => {
    expect(await seedDemo(t.db, t.auth, t.config)).toBe(false);
  });

  it('lets every demo user in with the demo password, with the roles the README lists', async () => {
    for (const user of demoUsers) {
      const cookie = await signIn(t, user.email, DEMO_PASSWORD);
      const me = (await t.request('GET', '/api/me', { cookie })).json();
      expect(me.memberships.flatMap((m: { roles: string[] }) => m.roles).sort()).toEqual(
        user.memberships.flatMap((m) => m.roles).sort(),
      );
    }
  });

  it('fills the consortium inbox with realistic inquiries, one of them flagged', async () => {
    const cookie = await signIn(t, 'karin.koordinator@mittland.example', DEMO_PASSWORD);
    const inbox = (await t.request('GET', '/api/inquiries?view=inbox', { cookie })).json().items;
    expect(inbox.map((i: { organisationName: string }) => i.organisationName).sort()).toEqual([
      'Nordisk Gruvteknik AB',
      'Norrviks kommun',
      'Region Mittland',
      'Stålverket i Norrvik AB',
    ]);
    expect(
      inbox.find((i: { organisationName: string }) => i.organisationName === 'Nordisk Gruvteknik AB')
        .openFlags,
    ).toBeGreaterThan(0);
  });
});

describe('demo cases', () => {
  it('fill every stage of Högskolan i Norrvik, and Mittlands universitet starts empty', async () => {
    const cookie = await signIn(t, 'karin.koordinator@mittland.example', DEMO_PASSWORD);
    const me = (await t.request('GET', '/api/me', { cookie })).json();
    const norrvik = me.memberships.find(
      (m: { tenant: { name: string } }) => m.tenant.name === 'Högskolan i Norrvik',
    );
    const mittland = me.memberships.find(
      (m: { tenant: { name: string } }) => m.tenant.name === 'Mittlands universitet',
    );
    await t.request('PUT', '/api/me/active-membership', { cookie, body: { membershipId: mittland.id } });
    expect((await t.request('GET', '/api/cases', { cookie })).json().total).toBe(0);
    await t.request('PUT', '/api/me/active-membership', { cookie, body: { membershipId: norrvik.id } });
    const board = (await t.request('GET', '/api/cases/board', { cookie })).json();
    expect(board.every((column: { total: number }) => column.total >= 1)).toBe(true);
    const closed = (await t.request('GET', '/api/cases?stage=closed', { cookie })).json();
    expect(closed.items.map((c: { outcome: string }) => c.outcome).sort()).toEqual(['lost', 'won']);
    expect((await t.request('GET', '/api/cases?overdue=true', { cookie })).json().total).toBe(1);

    // A full needs analysis on the demo taxonomy, with a role, needs at several horizons and a heatmap,
    // and four short ones for the pooled analysis.
    const { items: analyses } = (await t.request('GET', '/api/analyses', { cookie })).json();
    expect(analyses).toHaveLength(5);
    const analysis = analyses.find(
      (a: { customer: { name: string } }) => a.customer.name === 'Norrlandsgruvan AB',
    );
    expect(analysis).toMatchObject({ needs: 4 });
    const full = (await t.request('GET', `/api/analyses/${analysis.id}`, { cookie })).json();
    expect(full.needs.every((n: { concept: unknown }) => n.concept !== null)).toBe(true);
    expect(full.roles[0].occupationConceptId).not.toBeNull();
    const heatmap = (await t.request('GET', `/api/analyses/${analysis.id}/heatmap`, { cookie })).json();
    expect(heatmap.cells.length).toBe(4);
  });

  it('give one course all the way, from design to credentials, so the later stages show their work', async () => {
    const cookie = await signIn(t, 'karin.koordinator@mittland.example', DEMO_PASSWORD);
    const me = (await t.request('GET', '/api/me', { cookie })).json();
    const norrvik = me.memberships.find(
      (m: { tenant: { name: string } }) => m.tenant.name === 'Högskolan i Norrvik',
    );
    await t.request('PUT', '/api/me/active-membership', { cookie, body: { membershipId: norrvik.id } });
    const [dementiaCare] = (
      await t.request('GET', `/api/cases?q=${encodeURIComponent('Demensvård')}`, { cookie })
    ).json().items;
    expect(dementiaCare).toMatchObject({ stage: 'evaluation', customer: { name: 'Norrviks kommun' } });

    // four sessions in the past, each with all twelve participants' attendance
    const delivery = (await t.request('GET', `/api/cases/${dementiaCare.id}/delivery`, { cookie })).json();
    const [course] = delivery.designs;
    const today = new Date().toISOString().slice(0, 10);
    expect(course.sessions).toHaveLength(4);
    // its first needs dialogue was held before the course, not after it
    const { entries } = (await t.request('GET', `/api/cases/${dementiaCare.id}`, { cookie })).json();
    const dialogue = entries.find((e: { title: string }) => e.title === 'Första behovsdialogen');
    expect(dialogue.occurredAt.slice(0, 10) < course.sessions[0].day).toBe(true);
    for (const session of course.sessions) {
      expect(session.day < today).toBe(true);
      expect(session.attendance).toHaveLength(12);
      expect(session.teacher).toBe('Helena Strand');
    }
    const completed = course.participants.filter((p: { present: number }) => p.present >= 3);
    expect(completed).toHaveLength(10); // two came to two sessions of four

    // nine of twelve answered the evaluation: enough for its results
    const {
      evaluations: [evaluation],
    } = (await t.request('GET', `/api/cases/${dementiaCare.id}/evaluations`, { cookie })).json();
    expect(evaluation).toMatchObject({ invited: 12, answered: 9, open: true });
    const results = (await t.request('GET', `/api/evaluations/${evaluation.id}/results`, { cookie })).json();
    expect(results.shown).toBe(true);
    // each outcome's gain is the difference of the two figures shown beside it (each rounded to a decimal)
    expect(results.outcomes.length).toBeGreaterThan(0);
    for (const o of results.outcomes as { before: number; after: number; gain: number }[])
      expect(o.gain).toBe(Math.round((o.after - o.before) * 10) / 10);

    // micro-credentials for those who came to at least three sessions
    const { credentials } = (
      await t.request('GET', `/api/cases/${dementiaCare.id}/credentials`, { cookie })
    ).json();
    expect(credentials.map((c: { learnerName: string }) => c.learnerName).sort()).toEqual(
      completed.map((p: { name: string }) => p.name).sort(),
    );

    // the municipality's contact follows it in the portal
    const lena = await signIn(t, 'lena.kund@norrvik-kommun.example', DEMO_PASSWORD);
    const portal = (
      await t.request('GET', `/api/portal/delivery?caseId=${dementiaCare.id}`, { cookie: lena })
    ).json();
    expect(JSON.stringify(portal)).toContain('Personcentrerad demensvård i hemtjänsten');
  });

  it("gives the consortium's analyst pooled competences named by three or more organisations", async () => {
    const cookie = await signIn(t, 'johan.analytiker@alliansen.example', DEMO_PASSWORD);
    const pooled = (await t.request('GET', '/api/regional-analysis', { cookie })).json();
    expect(pooled.contributors).toHaveLength(2);
    expect(
      pooled.competences.map((c: { concept: { label: { sv: string } }; organisations: number }) => [
        c.concept.label.sv,
        c.organisations,
      ]),
    ).toEqual([
      ['Förändringsledning', 5],
      ['Digital kompetens', 3],
      ['Arbetsmiljöarbete', 3],
    ]);
    expect(pooled.occupations[0]).toMatchObject({
      concept: { label: { sv: 'Underhållstekniker' } },
      organisations: 3,
    });
    expect(pooled.inquiries.total).toBeGreaterThan(0);
  });
});

describe('demo taxonomy', () => {
  it('lets concept pickers work before any import, in Swedish and English', async () => {
    const cookie = await signIn(t, 'lars.larare@mittland.example', DEMO_PASSWORD);
    const sv = (await t.request('GET', '/api/taxonomy/concepts?q=svets', { cookie })).json();
    expect(sv.map((c: { label: { sv: string } }) => c.label.sv)).toContain('Svetsteknik');
    const en = (await t.request('GET', '/api/taxonomy/concepts?q=dementia', { cookie })).json();
    expect(en[0]).toMatchObject({ source: 'demo', label: { sv: 'Demensvård', en: 'Dementia care' } });
  });
});

describe('concept suggestions for free text', () => {
  it('explain which words matched, and leave weak matches for a person to confirm', async () => {
    const cookie = await signIn(t, 'lars.larare@mittland.example', DEMO_PASSWORD);
    const response = await t.request('POST', '/api/taxonomy/suggestions', {
      cookie,
      body: { text: 'Våra tekniker behöver kunna svetsteknik och förebyggande underhåll av maskinerna.' },
    });
    expect(response.statusCode).toBe(200);
    const suggestions = response.json();
    const welding = suggestions.find(
      (s: { concept: { label: { sv: string } } }) => s.concept.label.sv === 'Svetsteknik',
    );
    expect(welding).toMatchObject({ matchedWords: ['svetsteknik'], confidence: 1, needsConfirmation: false });
    const maintenance = suggestions.find(
      (s: { concept: { label: { sv: string } } }) => s.concept.label.sv === 'Förebyggande underhåll',
    );
    expect(maintenance.matchedWords.sort()).toEqual(['förebyggande', 'underhåll']);
    expect(
      suggestions.every(
        (s: { confidence: number; needsConfirmation: boolean }) =>
          s.needsConfirmation === s.confidence < 0.75,
      ),
    ).toBe(true);
  });
});

describe('demo matching', () => {
  it("bands an English course, one of the consortium's few, on the English courses' scale", async () => {
    // The demo's consortium has four English courses and eight Swedish: an English course's words are
    // scored among the four, so the on-topic English course scored 8 to the Swedish one's 19 and was
    // called "low" beside its "high".
    const cookie = await signIn(t, 'karin.koordinator@mittland.example', DEMO_PASSWORD);
    const match = (
      await t.request('POST', '/api/matching/search', {
        cookie,
        body: {
          text: 'Our maintenance technicians need to learn PLC programming and troubleshooting of automation',
        },
      })
    ).json();
    expect(match.noGoodMatch).toBe(false);
    const byCode = (code: string) =>
      match.suggestions.find((s: { course: { code: string } }) => s.course.code === code);
    expect(byCode('AUT210').confidence).toBe('high');
    expect(byCode('AUT150')).toMatchObject({ confidence: 'high', why: { courseLanguage: 'en' } });
    // an English course that shares a word or two is still weak on that scale
    expect(byCode('MNT110')).toMatchObject({ confidence: 'low', why: { courseLanguage: 'en' } });
  });

  it('finds a good match for a need that is its concept alone, in the language of the course', async () => {
    // "Svetsteknik" (with its English label "Welding technology" as a bridge) and the course "Svetsteknik
    // för arbetsledare": the need counts its concept once, not once per language, so the Swedish course that
    // has the Swedish label in its title is a match, not "no good match"
    const cookie = await signIn(t, 'karin.koordinator@mittland.example', DEMO_PASSWORD);
    const memberships = (await t.request('GET', '/api/me', { cookie })).json().memberships;
    const norrvik = memberships.find(
      (m: { tenant: { name: string } }) => m.tenant.name === 'Högskolan i Norrvik',
    );
    await t.request('PUT', '/api/me/active-membership', { cookie, body: { membershipId: norrvik.id } });
    const analyses = (await t.request('GET', '/api/analyses?pageSize=100', { cookie })).json().items;
    const steel = analyses.find(
      (a: { title: string }) => a.title === 'Kompetens för fossilfri stålproduktion',
    );
    const { needs } = (await t.request('GET', `/api/analyses/${steel.id}/matches`, { cookie })).json();
    const welding = needs.find((n: { need: { label: string } }) => n.need.label === 'Svetsteknik');
    expect(welding.suggestions[0].course.code).toBe('SVT101');
    expect(welding.noGoodMatch).toBe(false);
  });
});
