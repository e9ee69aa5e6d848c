import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { AppError, invalid, notFound } from '../../server/http/problem.ts';
import { renderPdf } from '../../shared/pdf.ts';
import { addDays, stockholmDate } from '../../shared/stockholm-days.ts';
import { agreementsOfDesigns } from '../agreements/agreements.service.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { caseSummariesOf, dialoguesLedBy } from '../cases/cases.service.ts';
import { scheduledHoursByTeacher } from '../delivery/delivery.service.ts';
import { designsTaughtBy, getDesign, teacherCommitments } from '../design/design.service.ts';
import { evaluationFiguresOfDesigns } from '../evaluation/evaluation.service.ts';
import { needConceptsOfCase } from '../needs/needs.service.ts';
import { type ConceptView, conceptRelations, conceptsByIds } from '../taxonomy/taxonomy.service.ts';
import type { Role } from '../tenancy/tenancy.contract.ts';
import {
  type Actor,
  getOrganisation,
  organisationMembers,
  requireOrganisationRole,
} from '../tenancy/tenancy.service.ts';
import type {
  Availability,
  ConceptRef,
  Interest,
  MeritRecord,
  StaffProfileInput,
  StaffProfileView,
  StaffSearchResult,
  staffSearchBody,
} from './staff.contract.ts';
import { meritDocx } from './staff.docx.ts';
import { meritPdf } from './staff.pdf.ts';
import { staffExpertise, staffProfile } from './staff.table.ts';
import { meritFileName } from './staff.text.ts';

/** Who reads the HEI's staff profiles and looks for teachers (besides each person reading their own). */
const READ_OTHERS: Role[] = ['admin', 'coordinator', 'manager'];
/** Who changes another person's profile (each person changes their own). */
const EDIT_OTHERS: Role[] = ['admin'];
/** Who reads and exports another person's merit record (each person their own). */
const MERITS_OTHERS: Role[] = ['admin', 'manager'];

type Member = Awaited<ReturnType<typeof organisationMembers>>[number];
type Writer = Pick<Db, 'insert' | 'delete' | 'select'>;

/**
 * The gate: a member of the HEI (else 404, like every organisation-scoped use case) who is the person
 * themself or holds one of `others` (else 403). Customer organisations have no staff profiles.
 */
function allow(actor: Actor, heiId: string, userId: string | null, others: readonly Role[]) {
  const m = requireOrganisationRole(actor, heiId, userId === actor.userId ? [] : others);
  if (m.tenant.kind !== 'hei') throw notFound('The HEI');
  return m;
}

const hasRole = (actor: Actor, heiId: string, roles: readonly Role[]) =>
  actor.memberships.some(
    (m) => m.scope === 'organisation' && m.tenant.id === heiId && m.roles.some((r) => roles.includes(r)),
  );

/** A current member of the HEI; anyone else is "not found". */
async function memberOf(db: Db, heiId: string, userId: string): Promise<Member> {
  const member = (await organisationMembers(db, heiId)).find((m) => m.userId === userId);
  if (!member) throw notFound('The staff member');
  return member;
}

const ref = (c: ConceptView): ConceptRef => ({ id: c.id, type: c.type, label: c.label });

/** The profiles of `members` at the HEI, as the actor sees them (defaults for those without one). */
async function profilesOf(
  db: Db,
  actor: Actor,
  heiId: string,
  members: Member[],
): Promise<StaffProfileView[]> {
  if (!members.length) return [];
  const rows = await db
    .select()
    .from(staffProfile)
    .where(
      and(
        eq(staffProfile.heiId, heiId),
        inArray(
          staffProfile.userId,
          members.map((m) => m.userId),
        ),
      ),
    );
  const expertise = rows.length
    ? await db
        .select()
        .from(staffExpertise)
        .where(
          inArray(
            staffExpertise.profileId,
            rows.map((r) => r.id),
          ),
        )
    : [];
  const concepts = new Map(
    (
      await conceptsByIds(
        db,
        expertise.map((e) => e.conceptId),
      )
    ).map((c) => [c.id, ref(c)]),
  );
  const byUser = new Map(rows.map((r) => [r.userId, r]));
  const today = stockholmDate(new Date());
  const [committed, scheduled] = await Promise.all([
    teacherCommitments(db, heiId, today),
    scheduledHoursByTeacher(db, heiId, today, addDays(today, 365)),
  ]);
  const editsOthers = hasRole(actor, heiId, EDIT_OTHERS);
  const readsMerits = hasRole(actor, heiId, MERITS_OTHERS);
  return members.map((m): StaffProfileView => {
    const row = byUser.get(m.userId);
    const self = m.userId === actor.userId;
    const mine = row
      ? expertise
          .filter((e) => e.profileId === row.id)
          .flatMap((e) => {
            const c = concepts.get(e.conceptId);
            return c ? [c] : [];
          })
          .sort((a, b) =>
            (a.label.sv ?? a.label.en ?? '').localeCompare(b.label.sv ?? b.label.en ?? '', 'sv'),
          )
      : [];
    return {
      userId: m.userId,
      heiId,
      name: m.name,
      email: m.email,
      roles: m.roles,
      exists: !!row,
      department: row?.department ?? null,
      languages: row?.languages ?? [],
      availability: row?.availability ?? 'limited',
      hoursPerYear: row?.hoursPerYear ?? null,
      interest: row?.interest ?? 'some',
      bio: row?.bio ?? '',
      expertise: mine,
      updatedAt: row?.updatedAt.toISOString() ?? null,
      commitments: commitmentsOf(committed.get(m.userId) ?? [], scheduled.get(m.userId) ?? 0),
      canEdit: self || editsOthers,
      canSeeMerits: self || readsMerits,
    };
  });
}

type Commitments = StaffProfileView['commitments'];

const commitmentsOf = (courses: Commitments['courses'], scheduledHours: number): Commitments => ({
  plannedHours: courses.reduce((sum, c) => sum + c.teachingHours + c.developmentHours, 0),
  scheduledHours,
  courses,
});

/**
 * The hours a year the person said they can give, less what they have taken on: who has room for one more course.
 * Someone who gave no figure ranks after everyone who did.
 */
const roomLeft = (p: StaffProfileView) =>
  p.hoursPerYear === null ? Number.NEGATIVE_INFINITY : p.hoursPerYear - p.commitments.plannedHours;

// ------------------------------------------------------------------ profiles

/** Every member of the HEI with their profile (or the defaults), by name. */
export async function listStaff(db: Db, actor: Actor, heiId: string) {
  allow(actor, heiId, null, READ_OTHERS);
  return { staff: await profilesOf(db, actor, heiId, await organisationMembers(db, heiId)) };
}

export async function getStaffProfile(db: Db, actor: Actor, heiId: string, userId: string) {
  allow(actor, heiId, userId, READ_OTHERS);
  const [profile] = await profilesOf(db, actor, heiId, [await memberOf(db, heiId, userId)]);
  if (!profile) throw notFound('The staff member');
  return profile;
}

/** Writes the whole profile and its expertise (no access check: the use case or the demo seed has made one). */
async function writeProfile(tx: Writer, heiId: string, userId: string, input: StaffProfileInput) {
  const values = {
    department: input.department,
    languages: input.languages,
    availability: input.availability,
    hoursPerYear: input.hoursPerYear,
    interest: input.interest,
    bio: input.bio,
  };
  const [row] = await tx
    .insert(staffProfile)
    .values({ userId, heiId, ...values })
    .onConflictDoUpdate({
      target: [staffProfile.userId, staffProfile.heiId],
      set: { ...values, updatedAt: new Date() },
    })
    .returning({ id: staffProfile.id });
  if (!row) throw new AppError(500, 'internal_error', 'the profile was not written');
  await tx.delete(staffExpertise).where(eq(staffExpertise.profileId, row.id));
  const concepts = [...new Set(input.expertise)];
  if (concepts.length)
    await tx.insert(staffExpertise).values(concepts.map((conceptId) => ({ profileId: row.id, conceptId })));
  return row.id;
}

/**
 * Saves a profile: the person's own, or, for an HEI admin, anyone's at the HEI (recorded in the audit log
 * with the fields that changed). Expertise must be concepts of the taxonomies.
 */
export async function saveStaffProfile(
  db: Db,
  actor: Actor,
  heiId: string,
  userId: string,
  input: StaffProfileInput,
) {
  allow(actor, heiId, userId, EDIT_OTHERS);
  const member = await memberOf(db, heiId, userId);
  const known = new Set((await conceptsByIds(db, input.expertise)).map((c) => c.id));
  const unknown = input.expertise.flatMap((id, i) =>
    known.has(id) ? [] : [{ field: `body.expertise.${i}`, message: 'is not a concept of the taxonomies' }],
  );
  if (unknown.length) throw invalid(unknown);
  const [before] = await profilesOf(db, actor, heiId, [member]);
  await db.transaction(async (tx) => {
    await writeProfile(tx, heiId, userId, input);
    if (userId !== actor.userId) {
      const changed = before ? changedFields(before, input) : [];
      await recordAudit(tx, {
        actor,
        organisationId: heiId,
        action: 'staff_profile.changed_by_admin',
        subjectType: 'user',
        subjectId: userId,
        data: { name: member.name, created: !before?.exists, changed },
      });
    }
  });
  return getStaffProfile(db, actor, heiId, userId);
}

function changedFields(before: StaffProfileView, after: StaffProfileInput): string[] {
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const fields: string[] = [];
  for (const key of ['department', 'languages', 'availability', 'hoursPerYear', 'interest', 'bio'] as const)
    if (!same(before[key], after[key])) fields.push(key);
  const was = before.expertise.map((c) => c.id).sort();
  const is = [...new Set(after.expertise)].sort();
  if (!same(was, is)) fields.push('expertise');
  return fields;
}

/** A profile written by the demo seed (and tests' set-up): no actor, no audit event. */
export async function seedStaffProfile(db: Db, heiId: string, userId: string, input: StaffProfileInput) {
  await db.transaction((tx) => writeProfile(tx, heiId, userId, input));
}

// ------------------------------------------------------------------ finding teachers

const availabilityOrder: Record<Availability, number> = { available: 0, limited: 1, unavailable: 2 };
const interestOrder: Record<Interest, number> = { high: 0, some: 1, low: 2 };
type Via = StaffSearchResult['results'][number]['matches'][number]['via'];
const viaWeight: Record<Via, number> = { exact: 1, narrower: 0.5, broader: 0.5 };

/**
 * The HEI's staff ranked for a set of concepts — chosen, and/or those of a design's needs: first by
 * matching expertise (1 for each concept a person has, ½ for a concept one step narrower or broader in the
 * taxonomy), then by availability, interest in contract education and hours a year. Only people with at
 * least one match are listed.
 */
export async function searchStaff(
  db: Db,
  actor: Actor,
  heiId: string,
  body: typeof staffSearchBody._output,
): Promise<StaffSearchResult> {
  allow(actor, heiId, null, READ_OTHERS);
  const chosen = await conceptsByIds(db, body.conceptIds);
  const known = new Set(chosen.map((c) => c.id));
  const unknown = body.conceptIds.flatMap((id, i) =>
    known.has(id) ? [] : [{ field: `body.conceptIds.${i}`, message: 'is not a concept of the taxonomies' }],
  );
  if (unknown.length) throw invalid(unknown);

  let design: StaffSearchResult['design'] = null;
  let fromNeeds: string[] = [];
  if (body.designId) {
    const d = await getDesign(db, actor, body.designId);
    if (d.heiId !== heiId) throw notFound('The design');
    design = {
      id: d.id,
      title: d.title,
      caseId: d.caseId,
      teacherUserIds: d.teachers.flatMap((t) => (t.userId ? [t.userId] : [])),
    };
    const linked = [...new Set(d.modules.flatMap((m) => m.outcomes.flatMap((o) => o.needIds)))];
    fromNeeds = (await needConceptsOfCase(db, d.caseId, linked)).map((n) => n.conceptId);
  }
  const needConcepts = (
    await conceptsByIds(
      db,
      fromNeeds.filter((id) => !known.has(id)),
    )
  ).map(ref);
  const searched = [
    ...chosen.map((c) => ({ ...ref(c), fromNeeds: fromNeeds.includes(c.id) })),
    ...needConcepts.map((c) => ({ ...c, fromNeeds: true })),
  ];
  if (!searched.length) return { concepts: [], design, results: [] };

  // concept a person may have → the searched concepts it answers, and how
  const answers = new Map<string, { searched: string; via: Via }[]>();
  const add = (conceptId: string, searchedId: string, via: Via) =>
    answers.set(conceptId, [...(answers.get(conceptId) ?? []), { searched: searchedId, via }]);
  const ids = searched.map((c) => c.id);
  for (const id of ids) add(id, id, 'exact');
  if (body.related)
    for (const r of await conceptRelations(db, ids)) {
      if (ids.includes(r.broaderId)) add(r.narrowerId, r.broaderId, 'narrower');
      if (ids.includes(r.narrowerId)) add(r.broaderId, r.narrowerId, 'broader');
    }

  const hits = await db
    .select({ userId: staffProfile.userId, conceptId: staffExpertise.conceptId })
    .from(staffExpertise)
    .innerJoin(staffProfile, eq(staffProfile.id, staffExpertise.profileId))
    .where(and(eq(staffProfile.heiId, heiId), inArray(staffExpertise.conceptId, [...answers.keys()])));
  const matchedUsers = new Set(hits.map((h) => h.userId));
  const members = (await organisationMembers(db, heiId)).filter((m) => matchedUsers.has(m.userId));
  const profiles = await profilesOf(db, actor, heiId, members);
  const byId = new Map(searched.map((c) => [c.id, c]));

  const results = profiles
    .filter((p) => !body.language || p.languages.includes(body.language))
    .map((profile) => {
      // for each searched concept, the person's best way of answering it
      const best = new Map<string, { via: Via; expertise: ConceptRef }>();
      for (const e of profile.expertise)
        for (const a of answers.get(e.id) ?? []) {
          const current = best.get(a.searched);
          if (!current || viaWeight[a.via] > viaWeight[current.via])
            best.set(a.searched, { via: a.via, expertise: e });
        }
      const matches = [...best].flatMap(([searchedId, m]) => {
        const concept = byId.get(searchedId);
        return concept
          ? [{ concept: { id: concept.id, type: concept.type, label: concept.label }, ...m }]
          : [];
      });
      return {
        profile,
        score: matches.reduce((s, m) => s + viaWeight[m.via], 0),
        matches,
        alreadyTeacher: !!design?.teacherUserIds.includes(profile.userId),
      };
    })
    .filter((r) => r.score > 0)
    .sort(
      (a, b) =>
        b.score - a.score ||
        availabilityOrder[a.profile.availability] - availabilityOrder[b.profile.availability] ||
        interestOrder[a.profile.interest] - interestOrder[b.profile.interest] ||
        roomLeft(b.profile) - roomLeft(a.profile) ||
        a.profile.name.localeCompare(b.profile.name, 'sv'),
    );
  return { concepts: searched, design, results };
}

// ------------------------------------------------------------------ the merit record

/**
 * A person's record of collaboration merits at the HEI: the contract-education courses they are a planned
 * teacher of (with their hours, the study director's approval and the agreement), the dialogues they led
 * (cases they own, meetings they recorded), totals, and the participants' evaluations of those courses (with
 * results to show). The person's own, or anyone's for the HEI's admins and managers.
 */
export async function meritRecord(db: Db, actor: Actor, heiId: string, userId: string): Promise<MeritRecord> {
  allow(actor, heiId, userId, MERITS_OTHERS);
  const member = await memberOf(db, heiId, userId);
  const [profile] = await profilesOf(db, actor, heiId, [member]);
  const hei = await getOrganisation(db, heiId);
  const designs = await designsTaughtBy(db, heiId, userId);
  const agreements = await agreementsOfDesigns(
    db,
    designs.map((d) => d.id),
  );
  const cases = await caseSummariesOf(
    db,
    heiId,
    designs.map((d) => d.caseId),
  );
  const dialogues = await dialoguesLedBy(db, heiId, userId);
  const caseRef = (c: { id: string; reference: string; title: string; customerName: string }) => ({
    id: c.id,
    reference: c.reference,
    title: c.title,
    customer: c.customerName,
  });
  const courses = designs.flatMap((d) => {
    const c = cases.get(d.caseId);
    if (!c) return [];
    const agreement = agreements.get(d.id);
    const approved = d.status === 'approved';
    return [
      {
        designId: d.id,
        title: d.title,
        case: caseRef(c),
        language: d.language,
        awards: d.awards,
        credits: d.credits,
        startDate: d.startDate,
        endDate: d.endDate,
        teachingHours: d.teachingHours,
        developmentHours: d.developmentHours,
        approved,
        approvedAt: d.approvedAt,
        agreement: agreement?.status ?? ('none' as const),
        agreementSignedAt: agreement?.signedAt ?? null,
        counted: approved || agreement?.status === 'signed',
      },
    ];
  });
  const counted = courses.filter((c) => c.counted);
  const teachingHours = counted.reduce((s, c) => s + c.teachingHours, 0);
  const developmentHours = counted.reduce((s, c) => s + c.developmentHours, 0);
  return {
    person: { userId, name: member.name, email: member.email },
    hei: { id: heiId, name: hei.name },
    department: profile?.department ?? null,
    languages: profile?.languages ?? [],
    expertise: profile?.expertise ?? [],
    generatedAt: new Date().toISOString(),
    courses,
    dialogues: {
      casesOwned: dialogues.casesOwned.map((c) => ({
        ...caseRef(c),
        stage: c.stage,
        outcome: c.outcome,
        openedAt: c.openedAt,
      })),
      meetings: dialogues.meetings.map((m) => ({
        case: caseRef(m.case),
        title: m.title,
        occurredAt: m.occurredAt,
      })),
    },
    totals: {
      courses: counted.length,
      teachingHours,
      developmentHours,
      hours: teachingHours + developmentHours,
      casesOwned: dialogues.casesOwned.length,
      meetings: dialogues.meetings.length,
    },
    evaluations: await evaluationFiguresOfDesigns(
      db,
      courses.map((c) => c.designId),
    ),
  };
}

export const meritContentTypes = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
} as const;

/**
 * The merit record as a document to attach to an application for promotion or a teaching portfolio (DOCX or
 * PDF, Swedish or English). An export of someone else's record is recorded in the audit log.
 */
export async function exportMeritRecord(
  db: Db,
  actor: Actor,
  heiId: string,
  userId: string,
  format: 'docx' | 'pdf',
  language: 'sv' | 'en',
) {
  const record = await meritRecord(db, actor, heiId, userId);
  const bytes =
    format === 'docx' ? await meritDocx(record, language) : await renderPdf(meritPdf(record, language));
  if (userId !== actor.userId)
    await recordAudit(db, {
      actor,
      organisationId: heiId,
      action: 'staff_merit_record.exported',
      subjectType: 'user',
      subjectId: userId,
      data: { name: record.person.name, format, language },
    });
  return { bytes, fileName: meritFileName(record, language, format), contentType: meritContentTypes[format] };
}
