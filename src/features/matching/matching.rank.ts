import { sql } from 'drizzle-orm';
import { textArray, uuidArray } from '../../db/arrays.ts';
import type { Db } from '../../db/client.ts';
import { cleanSql, REWRITTEN_WORDS } from '../../shared/search-text.ts';
import { glossaryCandidates } from './matching.glossary.ts';
import { contentWordSql } from './matching.index.ts';

/**
 * Ranking courses for a need, in one SQL statement on the matching index: BM25 over stems (Swedish and
 * English), five-letter prefixes, typo repair and compound tails, with title and subjects weighing more
 * than the body; the top courses then lend part of their score to similar courses (the nearest
 * other-language one above all), and an other-language course raised so into the top lends on to its
 * own neighbours. Chosen and measured in docs/decisions/0004-matching-method.md.
 */

export type RankFilters = {
  /** Only these HEIs' courses (own-HEI-only); the statistics still cover the whole scope. */
  heiIds?: string[];
  languages?: ('sv' | 'en')[];
  formats?: string[];
  levels?: string[];
  minCredits?: number;
  maxCredits?: number;
};

export type Ranked = {
  courseId: string;
  heiId: string;
  lang: 'sv' | 'en';
  /** Direct BM25 score plus the score lent by similar top courses. */
  score: number;
  direct: number;
  /**
   * The need's words this course matched: as written in the need, or as "need word → catalogue word" for a
   * corrected typo or a translation.
   */
  matched: string[];
  /**
   * The need's words of which the course has only the beginning (its first five letters, in a word of its
   * own: "undersköterskor" and "underhåll"): weaker evidence, told apart in the reasons. Not in `matched`.
   */
  partly: { word: string; beginning: string }[];
  /** The need's concepts a person confirmed on this course (ids). */
  concepts: string[];
  /** For a course found only through a similar one: that course. */
  similarTo: string | null;
};

export type Ranking = {
  results: Ranked[];
  /** Courses in scope (N of BM25). */
  courses: number;
  /** The idf of a term found in one course: the unit of the score thresholds, so they follow N. */
  idfMax: number;
  /**
   * The same within the courses of each language, whose own statistics score them (per-language BM25):
   * a course of a language the consortium has few courses in cannot score as high as one of a common one.
   */
  idfMaxByLanguage: Record<string, number>;
  /** The score a course containing every word of the need would reach (about): the scale of short needs. */
  potential: number;
};

// Parameters of the method (decision 0004): round values, chosen on the dev set.
const PREFIX_WEIGHT = 0.5;
/**
 * A taxonomy concept of the need that a person confirmed on a course counts as three words of the course's
 * title: enough for a need of a few words that names the concept to be a good match by it alone (no
 * word in common, or in another language), and it lifts tagged courses above untagged ones sharing words.
 */
const CONCEPT_WEIGHT = 3;
const TAIL_WEIGHT = 0.5;
const TYPO_SIMILARITY = 0.5;
const KNOWN_WORD_SIMILARITY = 0.6;
const LENDERS = 5;
const LENDER_MIN_SHARE = 0.6;
const LEND_SAME_LANGUAGE = 1.5;
const LEND_NEAREST_OTHER_LANGUAGE = 0.5;
const BELOW_LENDER = 0.999;
/** Below this similarity the nearest other-language course is not the same topic, and is lent nothing. */
const OTHER_LANGUAGE_MIN_SIMILARITY = 0.1;
/**
 * Second round of lending: a course raised into the top by the first round through its other-language
 * twin lends in turn to its own same-language neighbours (a Swedish need finds the Swedish course, which
 * lifts the English one, which lifts the English courses next to it), at this share of the similarity.
 */
const SECOND_LENDERS = 5;
const LEND_SECOND_ROUND = 0.5;
/**
 * Postings scored per term and language of the course text, the strongest first (by BM25 term weight at a
 * reference length; the document frequency is still counted in full). A term held by more courses of one
 * language gives nothing to the rest, each of which it would have lent little. Exact on the dev and
 * held-out catalogues (at most 164 courses of a language). At 20 000 generated courses common terms have
 * thousands of holders: reading them all cost three times the goal, and 170 a term ranks as well as 300 by
 * the labels of the courses the generated ones copy (decision 0004, "Fifth pass").
 */
const POSTINGS_PER_TERM = 170;
/** A catalogue word held by more courses than this is a common word of its own, not a compound's tail. */
const COMMON_WORD_HOLDERS = 300;
/**
 * Courses kept by their direct score before lending: a course outside them that is not lent to has at
 * least this many above it, so the top asked for is exact.
 */
const CANDIDATES = 200;

/** Score thresholds in units of idfMax. Below NO_GOOD_MATCH the best course is not a good match. */
export const NO_GOOD_MATCH = 4;
export const HIGH_CONFIDENCE = 7;
/**
 * A need of a few words cannot reach 4.5 × idfMax however well it matches; for it the thresholds are these
 * shares of its potential. Long needs (the employer's paragraphs of the dev set) are not affected.
 */
export const NO_GOOD_MATCH_SHARE = 0.5;
/**
 * A long need whose best course matches less than this share of its potential is not met either, however
 * many of its words some course happens to share: "truckkort" for new warehouse staff matched a maintenance
 * course on "behöver", "praktisk", "teori" and "utbildning" at 5.8 × idfMax (held-out set; decision 0004).
 */
export const NO_GOOD_MATCH_COVERAGE = 0.12;
export const HIGH_CONFIDENCE_SHARE = 0.8;

/**
 * Words that say how much or where the employer wants something, not what: neither stop words of
 * PostgreSQL's Swedish or English dictionaries nor subjects. As need words no course holds they counted in
 * the need's potential, so "Svetsteknik för arbetsledare, gärna hos oss" was no good match for the course of
 * that very title. Chosen as words of the languages, not from the benchmark's needs.
 */
export const WISH_WORDS = [
  'gärna',
  'helst',
  'hos',
  'även',
  'också',
  'bara',
  'preferably',
  'ideally',
  'please',
  'also',
];

export const idfMaxOf = (courses: number) => Math.log(1 + (Math.max(courses, 1) - 0.5) / 1.5);

function filterSql(f: RankFilters) {
  const parts = [sql`true`];
  if (f.heiIds) parts.push(sql`d.hei_id = any(${uuidArray(f.heiIds)})`);
  if (f.languages?.length) parts.push(sql`d.lang = any(${textArray(f.languages)})`);
  if (f.formats?.length) parts.push(sql`d.format = any(${textArray(f.formats)})`);
  if (f.levels?.length) parts.push(sql`d.level = any(${textArray(f.levels)})`);
  if (f.minCredits !== undefined) parts.push(sql`d.credits >= ${f.minCredits}`);
  if (f.maxCredits !== undefined) parts.push(sql`d.credits <= ${f.maxCredits}`);
  return sql.join(parts, sql` and `);
}

export async function rankCourses(
  db: Pick<Db, 'execute'>,
  input: {
    text: string;
    /** Taxonomy concepts the need is about (ids): matched with the concepts confirmed on courses. */
    concepts?: string[];
    /**
     * Two wordings of one thing in the text — a concept's Swedish and English labels, both there as a bridge.
     * A course in one language can have only one of them, so the need's potential counts each pair once (the
     * wording a course could match more cheaply), not both.
     */
    sameThing?: { a: string; b: string }[];
    scope: string[];
    top: number;
    filters?: RankFilters;
  },
): Promise<Ranking> {
  const text = input.text.slice(0, 4000);
  const candidates = glossaryCandidates(text);
  const glossary = candidates
    .filter((g) => !g.phrase)
    .map((g) => ({ key: g.key, kcfg: g.keyConfig, translation: g.translation, tcfg: g.translationConfig }));
  const phrases = candidates
    .filter((g) => g.phrase)
    .map((g) => ({ word: g.key, translation: g.translation, tcfg: g.translationConfig }));
  const scope = uuidArray(input.scope);
  const content = (w: string) => sql.raw(contentWordSql(w));
  const f = input.filters ?? {};
  // filters on attributes only the document has
  const docFilters =
    !!f.heiIds ||
    !!f.languages?.length ||
    !!f.formats?.length ||
    !!f.levels?.length ||
    f.minCredits !== undefined ||
    f.maxCredits !== undefined;
  const rows = await db.execute<{
    course_id: string;
    hei_id: string;
    lang: 'sv' | 'en';
    score: number;
    direct: number;
    matched: string[] | null;
    partly: string[] | null;
    concepts: string[] | null;
    similar_to: string | null;
    n: number;
    by_lang: Record<string, number>;
    p: number;
  }>(sql`
    with input as (select ${text}::text as txt),
    words as (select distinct t.lexeme as word
              from input, lateral unnest(to_tsvector('simple', ${sql.raw(cleanSql('input.txt'))})) t
              where t.lexeme <> all(${textArray(WISH_WORDS)})),
    -- the glossary's translations of the need's words: entries sent with the query whose key has the
    -- stem of a need word
    -- stem of a need word; where the word itself is a key, only that key's entries (the Swedish stemmer
    -- makes one stem of "lära", "lärare" and "lärande")
    tr as (select distinct word, translation, tcfg
           from (select w.word, g.translation, g.tcfg,
                   rank() over (partition by w.word order by (w.word = g.key) desc) as preference
                 from (select g.*, strip(to_tsvector(g.kcfg::regconfig, g.key))::text as stem
                       from jsonb_to_recordset(${JSON.stringify(glossary)}::jsonb)
                         g(key text, kcfg text, translation text, tcfg text)) g
                   join (select word, 'swedish' as cfg, strip(to_tsvector('swedish', word))::text as stem from words
                         union all
                         select word, 'english', strip(to_tsvector('english', word))::text from words) w
                     on w.cfg = g.kcfg and w.stem = g.stem and g.stem <> '') x
           where preference = 1
           union
           -- keys of several words, found in the text ("pressure ulcers")
           select * from jsonb_to_recordset(${JSON.stringify(phrases)}::jsonb) p(word text, translation text, tcfg text)),
    q0 as (
      select s.kind, s.term, 1.0::float8 as w, words.word, null::text as origin
      from words, lateral (select 's' as kind, lexeme as term from unnest(to_tsvector('swedish', words.word))
                           union select 's', lexeme from unnest(to_tsvector('english', words.word))) s
      union all
      select 'p', left(word, 5), ${sql.raw(String(PREFIX_WEIGHT))}::float8, word, null from words
      where length(word) >= 5 and word !~ '[0-9]' and ${content('word')}
      union all
      -- typo repair: a word the catalogues do not know becomes the most similar word they do know (which
      -- also bridges inflections: "sjukskrivningarna" to "sjukskrivning"); a word the glossary knows is no
      -- typo, and becomes only a word very like it ("kravhantering" not "krishantering"). The reasons
      -- show both: "svettsteknik → svetsteknik"
      select k.kind, k.term, 1.0, u.w || ' → ' || fix.word, null
      from (select word as w,
              case when exists (select 1 from tr where tr.word = words.word)
                   then ${sql.raw(String(KNOWN_WORD_SIMILARITY))} else ${sql.raw(String(TYPO_SIMILARITY))} end as least
            from words
            where length(word) >= 5 and word !~ '[0-9]' and ${content('word')}
              and not exists (select 1 from match_vocab v where v.word = words.word)) u,
        lateral (select word from match_vocab where word % u.w and similarity(word, u.w) >= u.least
                 order by similarity(word, u.w) desc, word limit 1) fix,
        lateral (select 's' as kind, lexeme as term from unnest(to_tsvector('swedish', fix.word))
                 union select 's', lexeme from unnest(to_tsvector('english', fix.word))
                 union select 'p', left(fix.word, 5) where length(fix.word) >= 5) k
      union all
      -- translations, each the word they translate (origin) as it would be in the other language
      select 's', t.lexeme, 1.0, tr.word || ' → ' || tr.translation, tr.word
      from tr, lateral unnest(to_tsvector(tr.tcfg::regconfig, tr.translation)) t
      union all
      -- and by their beginnings, as the need's own words: "welding → svetsning" finds "svetsteknik" and
      -- "svetsmetoder" (a Swedish compound begins with the word; the glossary cannot list them all)
      select 'p', left(t.lexeme, 5), ${sql.raw(String(PREFIX_WEIGHT))}::float8, tr.word || ' → ' || tr.translation, tr.word
      from tr, lateral unnest(to_tsvector('simple', tr.translation)) t
      where tr.tcfg = 'swedish' and length(t.lexeme) >= 5 and t.lexeme !~ '[0-9]' and ${content('t.lexeme')}
      union all
      -- the need's concepts, as the courses' confirmed concepts are indexed (kind 'c', the concept's id)
      select distinct 'c', c.id, ${sql.raw(String(CONCEPT_WEIGHT))}::float8, c.id, null
      from unnest(${textArray(input.concepts ?? [])}) c(id)
    ),
    -- a term only a translation gives is marked with the need's word it translates
    q as (select kind, term, max(w) as w, array_agg(distinct word) as words,
            case when bool_and(origin is not null) then min(origin) end as translated_from
          from q0 group by 1, 2),
    -- BM25 statistics per language of the course text: English and Swedish courses are scored against
    -- their own kind, so a word common in the (fewer) English courses is not taken for a rare one (kept per
    -- HEI and language in match_stats)
    nl as (select lang, sum(docs)::float8 as n, sum(dl_sum) / sum(docs) as avgdl
           from match_stats where hei_id = any(${scope}) and docs > 0
           group by lang),
    n as (select coalesce(sum(n), 0)::float8 as n,
            coalesce(jsonb_object_agg(lang, n) filter (where lang is not null), '{}') as by_lang from nl),
    -- how many courses in scope have each term of the need, per language of the course text (the
    -- document frequency, kept per HEI in match_df), and so its idf
    tl as materialized (
      select q.kind, q.term, q.w, q.translated_from, c.lang, ln(1 + (nl.n - c.df + 0.5) / (c.df + 0.5)) as idf,
        nl.avgdl
      from q cross join lateral (select t.lang, sum(t.df)::float8 as df from match_df t
                                 where t.kind = q.kind and t.term = q.term and t.hei_id = any(${scope})
                                 group by t.lang) c
        join nl on nl.lang = c.lang),
    -- BM25 (k1 1.2, b 0.75) of each posting, over the field-weighted term frequency: each term's courses in
    -- scope per language, read from the posting index alone, the strongest POSTINGS_PER_TERM
    m as (
      select tl.kind, tl.term, p.course_id, tl.translated_from,
        tl.w * tl.idf * p.wtf * 2.2 / (p.wtf + 1.2 * (0.25 + 0.75 * p.dl / tl.avgdl)) as score
      from tl, lateral (select t.course_id, t.dl, t.wtf::float8 as wtf from match_term t
                        where t.kind = tl.kind and t.term = tl.term and t.lang = tl.lang and t.hei_id = any(${scope})
                        order by t.impact desc nulls last limit ${sql.raw(String(POSTINGS_PER_TERM))}) p
      union all
      -- compound tails: the need's word inside a longer catalogue word ("säkerhet" in "cybersäkerhet"),
      -- the postings of each such word from the index (offset 0 keeps it a lookup per word); a catalogue
      -- word held by more than COMMON_WORD_HOLDERS courses is a common word of its own ("beskriva", "skriva")
      select 'i', c.word, c.course_id, null,
        ${sql.raw(String(TAIL_WEIGHT))} * ln(1 + (nl.n - c.df + 0.5) / (c.df + 0.5))
          * c.wtf * 2.2 / (c.wtf + 1.2 * (0.25 + 0.75 * c.dl / nl.avgdl))
      from (select c.*, count(*) over (partition by c.word, c.lang)::float8 as df
            from (select q.word, p.course_id, p.lang, p.dl, sum(p.wtf)::float8 as wtf
                  from (select word from words where length(word) >= 6 and ${content('word')}) q
                    join match_vocab v on v.word like '%' || q.word || '%' and strpos(v.word, q.word) > 1,
                    lateral (select count(*) as held from (select from match_word t where t.word = v.word
                               and t.hei_id = any(${scope}) limit ${sql.raw(String(COMMON_WORD_HOLDERS + 1))}) h) h,
                    lateral (select t.course_id, t.lang, t.dl, t.wtf from match_word t
                             where t.word = v.word and t.hei_id = any(${scope}) offset 0) p
                  where h.held <= ${sql.raw(String(COMMON_WORD_HOLDERS))}
                  group by q.word, p.course_id, p.lang, p.dl) c) c
        join nl on nl.lang = c.lang),
    -- what a course that had every word of the need could score: the idf of each content word (of its
    -- stem; a word no course has counts as the rarest), × 2.2 (BM25 at high tf). Short needs are judged by it.
    word_idf as (
      select x.word, coalesce(x.idf, ln(1 + (n.n - 0.5) / 1.5)) as idf
      from n, (select words.word, max(idf.idf) as idf
               from words left join q0 on q0.word = words.word and q0.kind = 's'
                 left join (select term, max(idf) as idf from tl where kind = 's' group by term) idf
                   on idf.term = q0.term
               where length(words.word) >= 3 and words.word !~ '^[0-9]+$' and ${content('words.word')}
               group by words.word) x),
    -- the words of each of two wordings of one thing that the other lacks; of each pair the dearer side is
    -- left out of the potential
    same_thing as (
      select distinct g.ord, s.side, t.lexeme as word
      from jsonb_to_recordset(${JSON.stringify((input.sameThing ?? []).map((p, ord) => ({ ord, ...p })))}::jsonb)
             g(ord int, a text, b text),
           lateral (values ('a', g.a), ('b', g.b)) s(side, txt),
           lateral unnest(to_tsvector('simple', ${sql.raw(cleanSql('s.txt'))})) t),
    dearer as (
      select coalesce(sum(m), 0) as idf
      from (select ord, max(side_idf) as m
            from (select st.ord, st.side, sum(wi.idf) as side_idf
                  from same_thing st join word_idf wi on wi.word = st.word
                  where not exists (select 1 from same_thing o
                                    where o.ord = st.ord and o.side <> st.side and o.word = st.word)
                  group by st.ord, st.side) y
            group by ord) z),
    potential as (
      select 2.2 * greatest(coalesce((select sum(idf) from word_idf), 0) - (select idf from dearer), 0) as p),
    -- a translated word counts once per course, by its best translation there (a word of several senses
    -- is not worth more than one of one sense)
    ranked as (select course_id, sum(score) as score
               from (select course_id, score from m where translated_from is null
                     union all
                     select course_id, max(score) from m where translated_from is not null
                     group by course_id, translated_from) x
               group by course_id),
    top as (select * from (select * from ranked order by score desc, course_id limit ${sql.raw(String(LENDERS))}) t
            where score >= ${sql.raw(String(LENDER_MIN_SHARE))} * (select max(score) from ranked)),
    lent as (
      select nb.b as course_id,
        sum(top.score * case when not nb.cross_language then ${sql.raw(String(LEND_SAME_LANGUAGE))} * nb.sim
                             when nb.rank = 1 and nb.sim >= ${sql.raw(String(OTHER_LANGUAGE_MIN_SIMILARITY))} then ${sql.raw(String(LEND_NEAREST_OTHER_LANGUAGE))} else 0 end) as lent,
        (array_agg(top.course_id order by top.score desc))[1] as similar_to, max(top.score) as lender,
        -- lent to as the nearest other-language course of a top course
        bool_or(nb.cross_language and nb.rank = 1 and nb.sim >= ${sql.raw(String(OTHER_LANGUAGE_MIN_SIMILARITY))}) as via_twin
      from top join match_neighbour nb on nb.a = top.course_id join match_doc d on d.course_id = nb.b
      where d.hei_id = any(${scope})
      group by nb.b),
    -- only the best direct scores can reach the top without a loan (lending only raises): the rest of
    -- the thousands of courses sharing a word with the need is left out here (unless a filter may)
    candidates as (select * from ranked order by score desc, course_id
                   ${docFilters ? sql`` : sql.raw(`limit ${Math.max(CANDIDATES, input.top)}`)}),
    scored as (
      select course_id,
        -- what is lent raises a course at most to just below its lender: similar courses join the best
        -- match, they do not pass it
        case when l.lent > 0
             then greatest(coalesce(r.score, 0), least(coalesce(r.score, 0) + l.lent, ${sql.raw(String(BELOW_LENDER))} * l.lender))
             else coalesce(r.score, 0) end as score,
        coalesce(r.score, 0) as direct,
        -- before the cap: orders the courses the cap makes equal
        coalesce(r.score, 0) + coalesce(l.lent, 0) as raw,
        case when r.course_id is null then l.similar_to end as similar_to,
        coalesce(l.via_twin, false) as via_twin
      from (select * from candidates
            union select r.* from ranked r join lent using (course_id)) r full join lent l using (course_id)
      where r.course_id is not null or l.lent > 0),
    -- second round: the other-language twins the first round raised into the top lend to their
    -- same-language neighbours (not to the first round's lenders), capped below themselves as before
    top2 as (select * from (select * from scored order by score desc, raw desc, course_id
                            limit ${sql.raw(String(SECOND_LENDERS))}) t
             where via_twin and score >= ${sql.raw(String(LENDER_MIN_SHARE))} * (select max(score) from scored)
               and course_id not in (select course_id from top)),
    lent2 as (
      select nb.b as course_id, sum(top2.score * ${sql.raw(String(LEND_SECOND_ROUND))} * nb.sim) as lent,
        (array_agg(top2.course_id order by top2.score desc))[1] as similar_to, max(top2.score) as lender
      from top2 join match_neighbour nb on nb.a = top2.course_id and not nb.cross_language
        join match_doc d on d.course_id = nb.b
      where d.hei_id = any(${scope}) and nb.b not in (select course_id from top)
      group by nb.b),
    scored2 as (
      select coalesce(s.course_id, l.course_id) as course_id,
        case when l.lent > 0
             then greatest(coalesce(s.score, r.score, 0), least(coalesce(s.score, r.score, 0) + l.lent, ${sql.raw(String(BELOW_LENDER))} * l.lender))
             else s.score end as score,
        coalesce(s.direct, r.score, 0) as direct, coalesce(s.raw, r.score, 0) + coalesce(l.lent, 0) as raw,
        case when s.course_id is not null then s.similar_to when r.course_id is null then l.similar_to end as similar_to
      from scored s full join lent2 l on l.course_id = s.course_id
        -- the direct score of a course lent to now that was not among the candidates
        left join ranked r on s.course_id is null and r.course_id = l.course_id
      where s.course_id is not null or l.lent > 0),
    best as (
      select s.* from scored2 s ${docFilters ? sql`join match_doc d using (course_id)` : sql``}
      where ${filterSql(input.filters ?? {})}
      order by s.score desc, s.raw desc, s.course_id
      limit ${input.top}),
    -- the need's words each of them matched: whole (a stem, a compound tail) or by their beginning only
    matched as (
      select m.course_id, array_agg(distinct w.word) filter (where m.kind not in ('c', 'p')) as matched,
        array_agg(distinct w.word || '|' || m.term) filter (where m.kind = 'p') as partly,
        array_agg(distinct m.term) filter (where m.kind = 'c') as concepts
      from m join best using (course_id) left join q using (kind, term),
        unnest(coalesce(q.words, array[m.term])) w(word)
      group by m.course_id)
    select best.*, d.hei_id, d.lang, matched.matched, matched.partly, matched.concepts, n.n, n.by_lang, potential.p
    from best join match_doc d using (course_id) left join matched using (course_id), n, potential
    order by best.score desc, best.raw desc, best.course_id`);
  const courses =
    rows.rows[0]?.n ??
    Number(
      (
        await db.execute<{ n: number }>(
          sql`select coalesce(sum(docs), 0)::int as n from match_stats where hei_id = any(${scope})`,
        )
      ).rows[0]?.n ?? 0,
    );
  return {
    courses: Number(courses),
    potential: Number(rows.rows[0]?.p ?? 0),
    idfMax: idfMaxOf(Number(courses)),
    idfMaxByLanguage: Object.fromEntries(
      Object.entries(rows.rows[0]?.by_lang ?? {}).map(([lang, n]) => [lang, idfMaxOf(Number(n))]),
    ),
    results: rows.rows.map((r) => ({
      courseId: r.course_id,
      heiId: r.hei_id,
      lang: r.lang,
      score: Number(r.score),
      direct: Number(r.direct),
      matched: (r.matched ?? []).map(asWritten),
      partly: partlyMatched(r.partly ?? [], r.matched ?? []).map((p) => ({ ...p, word: asWritten(p.word) })),
      concepts: r.concepts ?? [],
      similarTo: r.similar_to,
    })),
  };
}

/** A matched word as people write it: "csharp" as "c#" (see `REWRITTEN_WORDS`), each side of "a → b". */
const asWritten = (word: string) =>
  word
    .split(' → ')
    .map((w) => REWRITTEN_WORDS[w] ?? w)
    .join(' → ');

/**
 * "word|beginning" pairs of prefix matches, as the need's words (a corrected word by what the need said),
 * without the words the course also matched whole.
 */
function partlyMatched(pairs: string[], whole: string[]) {
  const needWord = (word: string) => word.split(' → ')[0] ?? word;
  const matched = new Set(whole.map(needWord));
  const partly = new Map<string, { word: string; beginning: string }>();
  for (const pair of pairs) {
    const [written = '', beginning = ''] = pair.split('|');
    const word = needWord(written);
    if (!matched.has(word)) partly.set(`${word}|${beginning}`, { word, beginning });
  }
  return [...partly.values()].sort((a, b) => a.word.localeCompare(b.word, 'sv'));
}

export type Confidence = 'high' | 'medium' | 'low';

/**
 * "No good match" when the best direct score (before lending) is below NO_GOOD_MATCH × idfMax (the need
 * shares too little specific vocabulary with any course), or below NO_GOOD_MATCH_COVERAGE of the need's
 * potential (it shares some, but covers little of what the need says). Then every result is low
 * confidence — shown as the nearest courses, not as answers.
 */
export function judge(ranking: Ranking) {
  const best = Math.max(0, ...ranking.results.map((r) => r.direct));
  const thresholds = (idfMax: number) => {
    const good = Math.min(NO_GOOD_MATCH * idfMax, NO_GOOD_MATCH_SHARE * ranking.potential);
    return {
      good,
      high: Math.max(good, Math.min(HIGH_CONFIDENCE * idfMax, HIGH_CONFIDENCE_SHARE * ranking.potential)),
    };
  };
  const { good } = thresholds(ranking.idfMax);
  const noGoodMatch = best < good || best < NO_GOOD_MATCH_COVERAGE * ranking.potential || best === 0;
  /**
   * A result's band, in units of its language's idfMax: an English course among a few English ones and
   * many Swedish scores lower for the same match (its words are scored among the English courses), and
   * was told "low" beside a Swedish "high" for the same topic. "No good match" is judged on the whole.
   */
  const confidenceOf = (score: number, lang?: string): Confidence => {
    const band = thresholds(ranking.idfMaxByLanguage[lang ?? ''] ?? ranking.idfMax);
    return noGoodMatch || score < band.good ? 'low' : score >= band.high ? 'high' : 'medium';
  };
  return { noGoodMatch, confidenceOf };
}
