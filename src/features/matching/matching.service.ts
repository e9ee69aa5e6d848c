import { and, count, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { type FigureWindow, inWindow } from '../../db/figure-window.ts';
import { notFound } from '../../server/http/problem.ts';
import { toCsv } from '../../shared/csv.ts';
import { stockholmDate } from '../../shared/stockholm-days.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { authUser } from '../auth/auth.table.ts';
import { catalogScope, courseSummaries } from '../catalog/catalog.service.ts';
import { getInquiry } from '../inquiries/inquiries.service.ts';
import { analysisIdOfNeed, authorizeAnalysis, getAnalysis, heiActor } from '../needs/needs.service.ts';
import type { Role } from '../tenancy/tenancy.contract.ts';
import { type Actor, actingHei } from '../tenancy/tenancy.service.ts';
import type { decisionBody, Match, MatchFilters } from './matching.contract.ts';
import { formatsAskedFor } from './matching.formats.ts';
import { type Confidence, judge, type RankFilters, rankCourses } from './matching.rank.ts';
import { matchDecision, matchUnmet } from './matching.table.ts';

type Subject = { kind: 'need' | 'inquiry'; id: string };

/** HEI staff who may search for courses (free text). */
const SEARCHERS: Role[] = ['admin', 'coordinator', 'teacher', 'economist', 'manager'];

// Whole words by Unicode letters: `\b` treats å, ä and ö as non-letters ("på" never matched, "här" did as "är").
const SWEDISH =
  /(?<!\p{L})(och|att|för|med|som|på|är|av|vi|det|inte|till|har|våra|vår|kan|ska|om|en|ett)(?!\p{L})/gu;
const ENGLISH =
  /(?<!\p{L})(and|the|of|to|for|with|we|our|is|are|in|on|that|it|not|have|can|need|a|an)(?!\p{L})/gu;

/** The language of a need text, by its most common little words (Swedish when undecided). */
export function needLanguage(text: string): 'sv' | 'en' {
  const lower = text.toLowerCase();
  const sv = lower.match(SWEDISH)?.length ?? 0;
  const en = lower.match(ENGLISH)?.length ?? 0;
  return en > sv ? 'en' : 'sv';
}

/**
 * The matched words as a reason: sorted, and without a translation or corrected word whose either side
 * the course matched as itself ("programmering → programming" when the need says "programming" too, as a
 * need on a concept does with its Swedish and English labels; "förebygga → förebyggande" when the stem of
 * "förebygga" matched already).
 */
function readableWords(matched: string[]) {
  const plain = new Set(matched.filter((w) => !w.includes(' → ')));
  return matched
    .filter((w) => {
      const [from = '', to] = w.split(' → ');
      return to === undefined || !(plain.has(from) || plain.has(to));
    })
    .sort();
}

type NeedConcept = { id: string; label: { sv: string | null; en: string | null } };

/**
 * A match across the HEI's consortium, with the decisions already taken on this subject. The need's
 * taxonomy concepts match the concepts people confirmed on courses, in any language.
 */
async function match(
  db: Db,
  hei: { id: string },
  need: { text: string; concepts?: NeedConcept[] },
  filters: MatchFilters,
  subject: Subject | null,
): Promise<Match> {
  const { text } = need;
  const concepts = new Map((need.concepts ?? []).map((c) => [c.id, c]));
  const scope = await catalogScope(db, hei.id);
  const rankFilters: RankFilters = {
    heiIds: filters.hei === 'own-only' ? [hei.id] : undefined,
    languages: filters.language ? [filters.language] : undefined,
    formats: filters.format ? [filters.format] : undefined,
    levels: filters.level ? [filters.level] : undefined,
    minCredits: filters.creditsMin,
    maxCredits: filters.creditsMax,
  };
  const ranking = await rankCourses(db, {
    text,
    concepts: [...concepts.keys()],
    // a concept's two labels are both in the text as a bridge; a course can have one of them
    sameThing: [...concepts.values()].flatMap((c) =>
      c.label.sv && c.label.en && c.label.sv !== c.label.en ? [{ a: c.label.sv, b: c.label.en }] : [],
    ),
    scope,
    top: filters.top,
    filters: rankFilters,
  });
  const { noGoodMatch, confidenceOf } = judge(ranking);
  let ranked = ranking.results.map((r) => ({ ...r, confidence: confidenceOf(r.score, r.lang) }));
  // With no good match the courses shown are the nearest: only those sharing a whole word or a concept with
  // the need. The beginning of a word alone ("under…" of "undersköterskor" and "underhåll") is no nearness.
  if (noGoodMatch) ranked = ranked.filter((r) => r.matched.length > 0 || r.concepts.length > 0);
  if (filters.hei === 'own-first') {
    // The own HEI's courses first — among the good ones; a weak own course does not beat a good other one.
    const key = (r: (typeof ranked)[number]) => (r.heiId === hei.id && r.confidence !== 'low' ? 0 : 1);
    ranked = [...ranked].sort((a, b) => key(a) - key(b) || b.score - a.score);
  }
  const ids = ranked.map((r) => r.courseId);
  const courses = new Map((await courseSummaries(db, ids)).map((c) => [c.id, c]));
  const similar = new Map(
    (
      await courseSummaries(
        db,
        ranked.flatMap((r) => (r.similarTo ? [r.similarTo] : [])),
      )
    ).map((c) => [c.id, c]),
  );
  const decisions = subject ? await decisionsOn(db, hei.id, subject, ids) : new Map();
  const language = needLanguage(text);
  const unmet = subject ? await unmetOn(db, hei.id, subject) : null;
  return {
    noGoodMatch,
    unmet,
    needLanguage: language,
    formatsAskedFor: formatsAskedFor(text),
    coursesSearched: ranking.courses,
    suggestions: ranked.flatMap((r, i) => {
      const course = courses.get(r.courseId);
      if (!course) return [];
      const like = r.similarTo ? similar.get(r.similarTo) : undefined;
      return [
        {
          rank: i + 1,
          course,
          score: Math.round(r.score * 100) / 100,
          confidence: r.confidence,
          why: {
            matchedWords: readableWords(r.matched),
            partlyMatchedWords: r.partly,
            matchedConcepts: r.concepts.flatMap((id) => {
              const concept = concepts.get(id);
              return concept ? [concept] : [];
            }),
            needLanguage: language,
            courseLanguage: r.lang,
            similarTo: like ? { id: like.id, code: like.code, title: like.title } : null,
          },
          decision: decisions.get(r.courseId) ?? null,
        },
      ];
    }),
  };
}

async function decisionsOn(db: Db, heiId: string, subject: Subject, courseIds: string[]) {
  if (!courseIds.length) return new Map();
  const rows = await db
    .select({ d: matchDecision, by: authUser.name })
    .from(matchDecision)
    .leftJoin(authUser, eq(matchDecision.decidedBy, authUser.id))
    .where(
      and(
        eq(matchDecision.heiId, heiId),
        eq(matchDecision.subjectKind, subject.kind),
        eq(matchDecision.subjectId, subject.id),
        inArray(matchDecision.courseId, courseIds),
      ),
    );
  return new Map(
    rows.map(({ d, by }) => [
      d.courseId,
      { decision: d.decision, reason: d.reason, decidedBy: by, decidedAt: d.decidedAt.toISOString() },
    ]),
  );
}

/** Free text (an employer's words, an inquiry pasted in): the active HEI's consortium, no decisions. */
export async function matchText(db: Db, actor: Actor, input: MatchFilters & { text: string }) {
  const hei = await actingHei(db, actor, SEARCHERS);
  return match(db, hei, { text: input.text }, input, null);
}

/** The text a need is matched by: its concept's labels in both languages (a bridge) and its own words. */
const needText = (n: {
  concept: { label: { sv: string | null; en: string | null } } | null;
  freeText: string | null;
  goalIndividual: string | null;
}) => [n.concept?.label.sv, n.concept?.label.en, n.freeText, n.goalIndividual].filter(Boolean).join('. ');

/** A need as a list shows it: its concept, or the words it was described with. */
const needLabel = (n: {
  concept: { label: { sv: string | null; en: string | null } } | null;
  freeText: string | null;
}) => n.concept?.label.sv ?? n.concept?.label.en ?? n.freeText ?? '';

/** Every prioritised need of an analysis (priority > 0, highest first), matched. */
export async function matchAnalysis(db: Db, actor: Actor, analysisId: string, filters: MatchFilters) {
  const access = await authorizeAnalysis(db, heiActor(actor), analysisId, 'read');
  const analysis = await getAnalysis(db, access);
  const hei = { id: access.analysis.heiId };
  const needs = analysis.needs
    .filter((n) => n.computed.priority > 0)
    .sort((a, b) => b.computed.priority - a.computed.priority);
  const out = [];
  for (const n of needs) {
    const text = needText(n);
    if (!text) continue;
    out.push({
      need: {
        id: n.id,
        label: needLabel(n),
        conceptLabel: n.concept?.label ?? null,
        priority: n.computed.priority,
        horizon: n.horizon,
      },
      ...(await match(
        db,
        hei,
        { text, concepts: n.concept ? [{ id: n.concept.id, label: n.concept.label }] : [] },
        filters,
        {
          kind: 'need',
          id: n.id,
        },
      )),
    });
  }
  return { analysisId, needs: out, acceptance: await acceptance(db, hei.id) };
}

/** An inquiry's need as the employer wrote it (need and purpose), matched for the HEI handling it. */
export async function matchInquiry(db: Db, actor: Actor, inquiryId: string, filters: MatchFilters) {
  const inquiry = await getInquiry(db, actor, inquiryId);
  const hei = await actingHei(db, actor, ['coordinator', 'manager', 'admin']);
  const text = inquiry.needText;
  return {
    inquiryId,
    text,
    ...(await match(db, hei, { text }, filters, { kind: 'inquiry', id: inquiryId })),
    acceptance: await acceptance(db, hei.id),
  };
}

/**
 * Who may decide on a subject's suggestions, and for which HEI: for a need, who may change its analysis;
 * for an inquiry, a coordinator, manager or admin of an HEI that sees it. `describe` says what the subject
 * is about, for the unmet-demand list.
 */
async function authorizeSubject(db: Db, actor: Actor, subject: Subject) {
  if (subject.kind === 'need') {
    const analysisId = await analysisIdOfNeed(db, subject.id);
    if (!analysisId) throw notFound('The need');
    const access = await authorizeAnalysis(db, heiActor(actor), analysisId, 'write');
    const describe = async () => {
      const analysis = await getAnalysis(db, access);
      const need = analysis.needs.find((n) => n.id === subject.id);
      return {
        label: need ? needLabel(need) : '',
        source: analysis.title,
        customerName: analysis.customer.name,
        analysisId,
        needText: need ? needText(need) : null,
        needConcepts: need?.concept ? [need.concept.id] : [],
      };
    };
    return { heiId: access.analysis.heiId, describe };
  }
  const inquiry = await getInquiry(db, actor, subject.id);
  const hei = await actingHei(db, actor, ['coordinator', 'manager', 'admin']);
  const describe = async () => ({
    label: inquiry.needText.length > 300 ? `${inquiry.needText.slice(0, 299)}…` : inquiry.needText,
    source: inquiry.reference,
    customerName: inquiry.organisationName,
    analysisId: null,
    needText: inquiry.needText,
    needConcepts: [],
  });
  return { heiId: hei.id, describe };
}

/**
 * Accepts or rejects a suggested course for a need (who may change the analysis) or an inquiry (who
 * may read it). Deciding again replaces the decision. The course must be in the HEI's consortium.
 */
export async function decide(db: Db, actor: Actor, input: typeof decisionBody._output) {
  const { heiId, describe } = await authorizeSubject(db, actor, input.subject);
  const scope = await catalogScope(db, heiId);
  const [course] = await courseSummaries(db, [input.courseId]);
  if (!course || !scope.includes(course.hei.id)) throw notFound('The course');
  // what was ranked: the labels belong to it (lupp export match-labels)
  const { needText: rankedText, needConcepts } = await describe();
  const values = {
    heiId,
    subjectKind: input.subject.kind,
    subjectId: input.subject.id,
    needText: rankedText,
    needConcepts,
    courseId: input.courseId,
    decision: input.decision,
    reason: input.reason || null,
    rank: input.rank ?? null,
    score: input.score ?? null,
    confidence: input.confidence ?? null,
    decidedBy: actor.userId,
    decidedAt: new Date(),
  };
  await db.transaction(async (tx) => {
    await tx
      .insert(matchDecision)
      .values(values)
      .onConflictDoUpdate({
        target: [
          matchDecision.heiId,
          matchDecision.subjectKind,
          matchDecision.subjectId,
          matchDecision.courseId,
        ],
        set: values,
      });
    await recordAudit(tx, {
      actor,
      organisationId: heiId,
      action: `match.${input.decision}`,
      subjectType: input.subject.kind,
      subjectId: input.subject.id,
      data: { courseId: input.courseId, code: course.code, rank: input.rank, confidence: input.confidence },
    });
  });
  return {
    ...(await decisionsOn(db, heiId, input.subject, [input.courseId])).get(input.courseId),
    acceptance: await acceptance(db, heiId),
  };
}

/** The HEI's decisions on suggestions: how many were accepted, overall and per confidence band. */
export async function acceptance(db: Db, heiId: string) {
  const rows = await db
    .select({
      confidence: matchDecision.confidence,
      decision: matchDecision.decision,
      n: sql<number>`count(*)::int`,
      ranked: sql<number>`(count(*) filter (where ${matchDecision.rank} is not null))::int`,
      topFive: sql<number>`(count(*) filter (where ${matchDecision.rank} <= 5))::int`,
    })
    .from(matchDecision)
    .where(eq(matchDecision.heiId, heiId))
    .groupBy(matchDecision.confidence, matchDecision.decision);
  const count = (decision: string, confidence?: Confidence) =>
    rows
      .filter((r) => r.decision === decision && (!confidence || r.confidence === confidence))
      .reduce((sum, r) => sum + r.n, 0);
  const accepted = count('accepted');
  const rejected = count('rejected');
  const acceptedRows = rows.filter((r) => r.decision === 'accepted');
  return {
    accepted,
    rejected,
    rate: accepted + rejected ? accepted / (accepted + rejected) : null,
    // production's recall@5: of the accepted courses (with the rank they were shown at), those in the top 5
    acceptedRanked: acceptedRows.reduce((sum, r) => sum + r.ranked, 0),
    acceptedInTopFive: acceptedRows.reduce((sum, r) => sum + r.topFive, 0),
    byConfidence: (['high', 'medium', 'low'] as const).map((confidence) => ({
      confidence,
      accepted: count('accepted', confidence),
      rejected: count('rejected', confidence),
    })),
  };
}

/** The active HEI's acceptance rate (for the matching page). */
export async function acceptanceOfActiveHei(db: Db, actor: Actor) {
  return acceptance(db, (await actingHei(db, actor, SEARCHERS)).id);
}

// ------------------------------------------------------------------ unmet demand

const unmetColumns = { u: matchUnmet, by: authUser.name };
const unmetView = ({ u, by }: { u: typeof matchUnmet.$inferSelect; by: string | null }) => ({
  subject: { kind: u.subjectKind, id: u.subjectId },
  analysisId: u.analysisId,
  label: u.label,
  source: u.source,
  customerName: u.customerName,
  recordedBy: by,
  recordedAt: u.recordedAt.toISOString(),
});

const unmetOf = (heiId: string, subject: Subject) =>
  and(
    eq(matchUnmet.heiId, heiId),
    eq(matchUnmet.subjectKind, subject.kind),
    eq(matchUnmet.subjectId, subject.id),
  );

async function unmetOn(db: Db, heiId: string, subject: Subject) {
  const [row] = await db
    .select(unmetColumns)
    .from(matchUnmet)
    .leftJoin(authUser, eq(matchUnmet.recordedBy, authUser.id))
    .where(unmetOf(heiId, subject));
  return row ? unmetView(row) : null;
}

/**
 * Records a need or an inquiry as unmet demand: no course of the consortium meets it (who may decide on
 * its suggestions). Recording again keeps one record, with the newest reading of it.
 */
export async function recordUnmet(db: Db, actor: Actor, subject: Subject) {
  const { heiId, describe } = await authorizeSubject(db, actor, subject);
  const values = {
    heiId,
    subjectKind: subject.kind,
    subjectId: subject.id,
    ...(await describe()),
    recordedBy: actor.userId,
    recordedAt: new Date(),
  };
  await db.transaction(async (tx) => {
    await tx
      .insert(matchUnmet)
      .values(values)
      .onConflictDoUpdate({
        target: [matchUnmet.heiId, matchUnmet.subjectKind, matchUnmet.subjectId],
        set: values,
      });
    await recordAudit(tx, {
      actor,
      organisationId: heiId,
      action: 'match.unmet_recorded',
      subjectType: subject.kind,
      subjectId: subject.id,
    });
  });
  return (await unmetOn(db, heiId, subject)) as NonNullable<Awaited<ReturnType<typeof unmetOn>>>;
}

/** Takes a need or an inquiry off the unmet-demand list again (nothing to take off is no error). */
export async function withdrawUnmet(db: Db, actor: Actor, subject: Subject) {
  const { heiId } = await authorizeSubject(db, actor, subject);
  await db.transaction(async (tx) => {
    const removed = await tx
      .delete(matchUnmet)
      .where(unmetOf(heiId, subject))
      .returning({ id: matchUnmet.id });
    if (removed.length)
      await recordAudit(tx, {
        actor,
        organisationId: heiId,
        action: 'match.unmet_withdrawn',
        subjectType: subject.kind,
        subjectId: subject.id,
      });
  });
}

/**
 * The needs the HEIs recorded as unmet demand in a period, for the consortium's pooled analysis (which
 * counts them by competence; inquiries name no competence and are left out).
 */
export async function unmetNeedsOfHeis(db: Db, heiIds: string[], window: FigureWindow): Promise<string[]> {
  if (!heiIds.length) return [];
  const rows = await db
    .select({ id: matchUnmet.subjectId })
    .from(matchUnmet)
    .where(
      and(
        inArray(matchUnmet.heiId, heiIds),
        eq(matchUnmet.subjectKind, 'need'),
        inWindow(matchUnmet.recordedAt, window),
      ),
    );
  return rows.map((r) => r.id);
}

/** The active HEI's unmet demand, newest first, a page at a time: needs no course of the consortium meets. */
export async function listUnmet(db: Db, actor: Actor, page: { page: number; pageSize: number }) {
  const hei = await actingHei(db, actor, SEARCHERS);
  const [items, [counted]] = await Promise.all([
    unmetOfHei(db, hei.id, { limit: page.pageSize, offset: (page.page - 1) * page.pageSize }),
    db.select({ total: count() }).from(matchUnmet).where(eq(matchUnmet.heiId, hei.id)),
  ]);
  return { items, total: counted?.total ?? 0, ...page };
}

async function unmetOfHei(db: Db, heiId: string, page?: { limit: number; offset: number }) {
  const query = db
    .select(unmetColumns)
    .from(matchUnmet)
    .leftJoin(authUser, eq(matchUnmet.recordedBy, authUser.id))
    .where(eq(matchUnmet.heiId, heiId))
    .orderBy(desc(matchUnmet.recordedAt), desc(matchUnmet.id))
    .$dynamic();
  const rows = page ? await query.limit(page.limit).offset(page.offset) : await query;
  return rows.map(unmetView);
}

const unmetHeaders = {
  sv: ['Registrerat', 'Behov', 'Från', 'Analys eller förfrågan', 'Kund', 'Registrerat av'],
  en: ['Recorded', 'Need', 'From', 'Analysis or inquiry', 'Customer', 'Recorded by'],
};
const unmetFrom = {
  sv: { need: 'Behovsanalys', inquiry: 'Förfrågan' },
  en: { need: 'Needs analysis', inquiry: 'Inquiry' },
};

/** The active HEI's unmet demand as CSV, newest first: for planning new courses in a spreadsheet. */
export async function unmetCsv(db: Db, actor: Actor, language: 'sv' | 'en') {
  const hei = await actingHei(db, actor, SEARCHERS);
  const unmet = await unmetOfHei(db, hei.id);
  return toCsv(
    [
      unmetHeaders[language],
      ...unmet.map((u) => [
        stockholmDate(new Date(u.recordedAt)),
        u.label,
        unmetFrom[language][u.subject.kind],
        u.source,
        u.customerName,
        u.recordedBy,
      ]),
    ],
    language === 'sv',
  );
}
