import { sql } from 'drizzle-orm';
import { textArray, uuidArray } from '../src/db/arrays.ts';
import type { Db } from '../src/db/client.ts';
import { glossaryCandidates } from '../src/features/matching/matching.glossary.ts';
import { contentWordSql } from '../src/features/matching/matching.index.ts';
import { WISH_WORDS } from '../src/features/matching/matching.rank.ts';
import { cleanSql } from '../src/shared/search-text.ts';

/**
 * A copy of the feature's ranking (`src/features/matching/matching.rank.ts`) with its parameters in `P`,
 * for `bench/matching-tune.ts`: change a knob here, measure, and only then change the feature. Keep the
 * defaults equal to the feature (the tuning harness's "baseline" must give the feature's figures). Not
 * copied: the need's confirmed-concept terms (kind 'c'), which the benchmark sets' untagged courses never have.
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
  raw?: number;
  contrib?: Record<string, number>;
  /** The need's words this course matched (as written in the need, or the catalogue word a typo became). */
  matched: string[];
  /** For a course found only through a similar one: that course. */
  similarTo: string | null;
};

export type Ranking = {
  results: Ranked[];
  /** Courses in scope (N of BM25). */
  courses: number;
  /** The idf of a term found in one course: the unit of the score thresholds, so they follow N. */
  idfMax: number;
  /** The score a course containing every word of the need would reach (about): the scale of short needs. */
  potential: number;
};

/**
 * The method's parameters, open to change by `bench/matching-tune.ts` (each variant assigns some, and they
 * are restored after it). Defaults: the feature as built (`src/features/matching/matching.rank.ts`), so the
 * knobs below the line are off or at the feature's values.
 */
export const P = {
  PREFIX_WEIGHT: 0.5,
  TAIL_WEIGHT: 0.5,
  TYPO_SIMILARITY: 0.5,
  KNOWN_WORD_SIMILARITY: 0.6,
  LENDERS: 5,
  LENDER_MIN_SHARE: 0.6,
  LEND_SAME_LANGUAGE: 1.5,
  LEND_NEAREST_OTHER_LANGUAGE: 0.5,
  BELOW_LENDER: 0.999,
  OTHER_LANGUAGE_MIN_SIMILARITY: 0.1,
  POSTINGS_PER_TERM: 170,
  // ---- knobs of the third round (decision 0004, "Third round")
  /** BM25 k1 and b. */
  K1: 1.2,
  B: 0.75,
  /** Order of equal scores: 0 course id (as before), 1 score before the cap, 2 direct, 3 lent. */
  TIEBREAK: 1,
  /** Second round of lending: lenders (0 = none), their least share of the best score, which courses lend
   * (0 any in the top not a first-round lender, 1 only raised ones, 2 only those raised as an
   * other-language twin), and the share of similarity lent to same- / nearest other-language neighbours. */
  LENDERS2: 5,
  LENDER2_MIN_SHARE: 0.6,
  LENDER2_ONLY_LENT: 2,
  LEND2_SAME: 0.5,
  LEND2_OTHER: 0,
  /** 1: a need word that is a stop word in either language gives no stems (2: except words of ≤ 2 letters). */
  STOP_EITHER: 0,
  /** Topicality of a term: weight × min(1, floor + (1 − floor) × share / ref), share = (courses where its
   * field-weighted tf ≥ TOPICAL_WTF + M × ref) / (df + M); floor 1 = off. */
  TOPICAL_M: 0,
  TOPICAL_FLOOR: 1,
  TOPICAL_REF: 1,
  TOPICAL_WTF: 2,
  /** Other-language neighbours that are lent to (ranks ≤ this), and lending min(0.5, scale × sim) (0 = flat). */
  OTHER_RANKS: 1,
  OTHER_SIM_SCALE: 0,
  // ---- as the feature since the eighth round (decision 0004): 1 on, 0 off
  /** Words of wishing ("gärna", "hos") are left out of the need. */
  WISH_WORDS: 1,
  /** A translation into Swedish counts by its five-letter beginnings too, as the need's own words do. */
  TRANSLATION_PREFIXES: 1,
};

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

/** Experimental: weights of need words by how common they are across needs (word → weight); empty = off. */
export const needBackground = { weights: new Map<string, number>() };

export async function rankCourses(
  db: Pick<Db, 'execute'>,
  input: { text: string; scope: string[]; top: number; filters?: RankFilters },
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
    similar_to: string | null;
    n: number;
    p: number;
  }>(sql`
    with input as (select ${text}::text as txt),
    words as (select distinct t.lexeme as word
              from input, lateral unnest(to_tsvector('simple', ${sql.raw(cleanSql('input.txt'))})) t
              where t.lexeme <> all(${textArray(P.WISH_WORDS ? WISH_WORDS : [])})),
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
      ${P.STOP_EITHER === 1 ? sql`where ${content('words.word')}` : P.STOP_EITHER === 2 ? sql`where ${content('words.word')} or words.word ~ '^[a-zåäö]{1,2}$'` : sql``}
      union all
      select 'p', left(word, 5), ${sql.raw(String(P.PREFIX_WEIGHT))}::float8, word, null from words
      where length(word) >= 5 and word !~ '[0-9]' and ${content('word')}
      union all
      -- typo repair: a word the catalogues do not know becomes the most similar word they do know (which
      -- also bridges inflections: "sjukskrivningarna" to "sjukskrivning"); a word the glossary knows is no
      -- typo, and becomes only a word very like it ("kravhantering" not "krishantering")
      select k.kind, k.term, 1.0, fix.word, null
      from (select word as w,
              case when exists (select 1 from tr where tr.word = words.word)
                   then ${sql.raw(String(P.KNOWN_WORD_SIMILARITY))} else ${sql.raw(String(P.TYPO_SIMILARITY))} end as least
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
      -- and, into Swedish, by their beginnings, as the need's own words
      select 'p', left(t.lexeme, 5), ${sql.raw(String(P.PREFIX_WEIGHT))}::float8, tr.word || ' → ' || tr.translation, tr.word
      from tr, lateral unnest(to_tsvector('simple', tr.translation)) t
      where ${sql.raw(P.TRANSLATION_PREFIXES ? 'true' : 'false')} and tr.tcfg = 'swedish' and length(t.lexeme) >= 5
        and t.lexeme !~ '[0-9]' and ${content('t.lexeme')}
    ),
    bg as (select * from jsonb_to_recordset(${JSON.stringify([...needBackground.weights].map(([word, weight]) => ({ word, weight })))}::jsonb) b(word text, weight float8)),
    q0w as (select q0.kind, q0.term, q0.w * coalesce(bg.weight, 1) as w, q0.word, q0.origin
            from q0 left join bg on bg.word = coalesce(q0.origin, q0.word)),
    -- a term only a translation gives is marked with the need's word it translates
    q as (select kind, term, max(w) as w, array_agg(distinct word) as words,
            case when bool_and(origin is not null) then min(origin) end as translated_from
          from q0w group by 1, 2),
    -- BM25 statistics per language of the course text: English and Swedish courses are scored against
    -- their own kind, so a word common in the (fewer) English courses is not taken for a rare one
    nl as (select h.lang, sum(h.n)::float8 as n, sum(h.dl) / sum(h.n) as avgdl
           from (select distinct unnest(${scope}) as hei_id) s,
             lateral (select d.lang, count(*) as n, sum(d.dl::float8) as dl from match_doc d
                      where d.hei_id = s.hei_id group by d.lang) h
           group by h.lang),
    n as (select coalesce(sum(n), 0)::float8 as n from nl),
    -- how many courses in scope have each term of the need, per language of the course text (the
    -- document frequency, counted on an index), and so its idf
    tl as materialized (
      select q.kind, q.term, q.w * ${sql.raw(P.TOPICAL_FLOOR < 1 ? `least(1, ${P.TOPICAL_FLOOR} + ${1 - P.TOPICAL_FLOOR} * ((c.df2 + ${P.TOPICAL_M} * ${P.TOPICAL_REF}) / (c.df + ${P.TOPICAL_M})) / ${P.TOPICAL_REF})` : '1')} as w,
        q.translated_from, c.lang, ln(1 + (nl.n - c.df + 0.5) / (c.df + 0.5)) as idf,
        nl.avgdl
      from q cross join lateral (select t.lang, count(*)::float8 as df,
                                   count(*) filter (where t.wtf >= ${sql.raw(String(P.TOPICAL_WTF))})::float8 as df2 from match_term t
                                 where t.kind = q.kind and t.term = q.term and t.hei_id = any(${scope})
                                 group by t.lang) c
        join nl on nl.lang = c.lang),
    -- BM25 (k1 1.2, b 0.75) of each posting, over the field-weighted term frequency: each term's courses in
    -- scope per language, read from the posting index alone, the strongest POSTINGS_PER_TERM
    m as (
      select tl.kind, tl.term, p.course_id, tl.translated_from,
        tl.w * tl.idf * p.wtf * (${sql.raw(String(P.K1))} + 1) / (p.wtf + ${sql.raw(String(P.K1))} * (1 - ${sql.raw(String(P.B))} + ${sql.raw(String(P.B))} * p.dl / tl.avgdl)) as score
      from tl, lateral (select t.course_id, t.dl, t.wtf::float8 as wtf from match_term t
                        where t.kind = tl.kind and t.term = tl.term and t.lang = tl.lang and t.hei_id = any(${scope})
                        order by t.impact desc nulls last limit ${sql.raw(String(P.POSTINGS_PER_TERM))}) p
      union all
      -- compound tails: the need's word inside a longer catalogue word ("säkerhet" in "cybersäkerhet"),
      -- the postings of each such word from the index (offset 0 keeps it a lookup per word); a catalogue
      -- word held by more than POSTINGS_PER_TERM courses is a common word of its own ("beskriva", "skriva")
      select 'i', c.word, c.course_id, null,
        ${sql.raw(String(P.TAIL_WEIGHT))} * ln(1 + (nl.n - c.df + 0.5) / (c.df + 0.5))
          * c.wtf * (${sql.raw(String(P.K1))} + 1) / (c.wtf + ${sql.raw(String(P.K1))} * (1 - ${sql.raw(String(P.B))} + ${sql.raw(String(P.B))} * c.dl / nl.avgdl))
      from (select c.*, count(*) over (partition by c.word, c.lang)::float8 as df
            from (select q.word, p.course_id, p.lang, p.dl, sum(p.wtf)::float8 as wtf
                  from (select word from words where length(word) >= 6 and ${content('word')}) q
                    join match_vocab v on v.word like '%' || q.word || '%' and strpos(v.word, q.word) > 1,
                    lateral (select count(*) as held from (select from match_word t where t.word = v.word
                               and t.hei_id = any(${scope}) limit ${sql.raw(String(P.POSTINGS_PER_TERM + 1))}) h) h,
                    lateral (select t.course_id, t.lang, t.dl, t.wtf from match_word t
                             where t.word = v.word and t.hei_id = any(${scope}) offset 0) p
                  where h.held <= ${sql.raw(String(P.POSTINGS_PER_TERM))}
                  group by q.word, p.course_id, p.lang, p.dl) c) c
        join nl on nl.lang = c.lang),
    -- what a course that had every word of the need could score: the idf of each content word (of its
    -- stem; a word no course has counts as the rarest), × 2.2 (BM25 at high tf). Short needs are judged by it.
    potential as (
      select (${sql.raw(String(P.K1))} + 1) * coalesce(sum(coalesce(x.idf, ln(1 + (n.n - 0.5) / 1.5))), 0) as p
      from n, (select words.word, max(idf.idf) as idf
               from words left join q0 on q0.word = words.word and q0.kind = 's'
                 left join tl idf on idf.kind = q0.kind and idf.term = q0.term
               where length(words.word) >= 3 and words.word !~ '^[0-9]+$' and ${content('words.word')}
               group by words.word) x),
    -- a translated word counts once per course, by its best translation there (a word of several senses
    -- is not worth more than one of one sense)
    ranked as (select course_id, sum(score) as score
               from (select course_id, score from m where translated_from is null
                     union all
                     select course_id, max(score) from m where translated_from is not null
                     group by course_id, translated_from) x
               group by course_id),
    top as (select * from (select * from ranked order by score desc, course_id limit ${sql.raw(String(P.LENDERS))}) t
            where score >= ${sql.raw(String(P.LENDER_MIN_SHARE))} * (select max(score) from ranked)),
    lent as (
      select nb.b as course_id,
        sum(top.score * case when not nb.cross_language then ${sql.raw(String(P.LEND_SAME_LANGUAGE))} * nb.sim
                             when nb.rank <= ${sql.raw(String(P.OTHER_RANKS))} and nb.sim >= ${sql.raw(String(P.OTHER_LANGUAGE_MIN_SIMILARITY))} then ${sql.raw(P.OTHER_SIM_SCALE > 0 ? `least(${P.LEND_NEAREST_OTHER_LANGUAGE}, ${P.OTHER_SIM_SCALE} * nb.sim)` : String(P.LEND_NEAREST_OTHER_LANGUAGE))} else 0 end) as lent,
        (array_agg(top.course_id order by top.score desc))[1] as similar_to, max(top.score) as lender, bool_or(nb.cross_language and nb.rank <= ${sql.raw(String(P.OTHER_RANKS))} and nb.sim >= ${sql.raw(String(P.OTHER_LANGUAGE_MIN_SIMILARITY))}) as via_cross
      from top join match_neighbour nb on nb.a = top.course_id join match_doc d on d.course_id = nb.b
      where d.hei_id = any(${scope})
      group by nb.b),
    scored as (
      select course_id,
        -- what is lent raises a course at most to just below its lender: similar courses join the best
        -- match, they do not pass it
        case when l.lent > 0
             then greatest(coalesce(r.score, 0), least(coalesce(r.score, 0) + l.lent, ${sql.raw(String(P.BELOW_LENDER))} * l.lender))
             else coalesce(r.score, 0) end as score,
        coalesce(r.score, 0) as direct, coalesce(r.score, 0) + coalesce(l.lent, 0) as raw,
        case when r.course_id is null then l.similar_to end as similar_to, coalesce(l.via_cross, false) as via_cross
      from ranked r full join lent l using (course_id)
      where r.course_id is not null or l.lent > 0),
    -- second round: courses raised into the top by the first lend in turn to their neighbours
    top2 as (select * from (select * from scored order by score desc, raw desc, course_id limit ${sql.raw(String(P.LENDERS2))}) t
             where score >= ${sql.raw(String(P.LENDER2_MIN_SHARE))} * (select max(score) from scored)
               and course_id not in (select course_id from top)
               ${sql.raw(P.LENDER2_ONLY_LENT === 1 ? 'and score > direct' : P.LENDER2_ONLY_LENT === 2 ? 'and via_cross' : '')}),
    lent2 as (
      select nb.b as course_id,
        sum(top2.score * case when not nb.cross_language then ${sql.raw(String(P.LEND2_SAME))} * nb.sim
                             when nb.rank = 1 and nb.sim >= ${sql.raw(String(P.OTHER_LANGUAGE_MIN_SIMILARITY))} then ${sql.raw(String(P.LEND2_OTHER))} else 0 end) as lent,
        (array_agg(top2.course_id order by top2.score desc))[1] as similar_to, max(top2.score) as lender
      from top2 join match_neighbour nb on nb.a = top2.course_id join match_doc d on d.course_id = nb.b
      where d.hei_id = any(${scope}) and nb.b not in (select course_id from top)
      group by nb.b),
    scored2 as (
      select course_id,
        case when l.lent > 0
             then greatest(coalesce(s.score, 0), least(coalesce(s.score, 0) + l.lent, ${sql.raw(String(P.BELOW_LENDER))} * l.lender))
             else coalesce(s.score, 0) end as score,
        coalesce(s.direct, 0) as direct, coalesce(s.raw, 0) + coalesce(l.lent, 0) as raw,
        coalesce(s.similar_to, case when s.course_id is null then l.similar_to end) as similar_to
      from scored s full join lent2 l using (course_id)
      where s.course_id is not null or l.lent > 0),
    best as (
      select s.* from ${sql.raw(P.LENDERS2 > 0 ? 'scored2' : 'scored')} s ${docFilters ? sql`join match_doc d using (course_id)` : sql``}
      where ${filterSql(input.filters ?? {})}
      order by s.score desc, ${sql.raw(P.TIEBREAK === 1 ? 's.raw desc,' : P.TIEBREAK === 2 ? 's.direct desc,' : P.TIEBREAK === 3 ? '(s.raw - s.direct) desc,' : '')} s.course_id
      limit ${input.top}),
    -- the need's words each of them matched
    matched as (
      select m.course_id, array_agg(distinct w.word) as matched
      from m join best using (course_id) left join q using (kind, term),
        unnest(coalesce(q.words, array[m.term])) w(word)
      group by m.course_id),
    -- per course, the score from each aspect of the need (a need word, or the word a translation is of)
    contrib as (
      select course_id, jsonb_object_agg(aspect, s) as contrib
      from (select m.course_id, coalesce(m.translated_from, q.words[1], m.term) as aspect, max(m.score) as s
            from m join best using (course_id) left join q using (kind, term)
            group by 1, 2) x
      group by course_id)
    select best.*, d.hei_id, d.lang, matched.matched, contrib.contrib, n.n, potential.p
    from best join match_doc d using (course_id) left join matched using (course_id)
      left join contrib using (course_id), n, potential
    order by best.score desc, ${sql.raw(P.TIEBREAK === 1 ? 'best.raw desc,' : P.TIEBREAK === 2 ? 'best.direct desc,' : P.TIEBREAK === 3 ? '(best.raw - best.direct) desc,' : '')} best.course_id`);
  const courses =
    rows.rows[0]?.n ??
    Number(
      (
        await db.execute<{ n: number }>(
          sql`select count(*)::int as n from match_doc where hei_id = any(${scope})`,
        )
      ).rows[0]?.n ?? 0,
    );
  return {
    courses: Number(courses),
    potential: Number(rows.rows[0]?.p ?? 0),
    idfMax: idfMaxOf(Number(courses)),
    results: rows.rows.map((r) => ({
      courseId: r.course_id,
      heiId: r.hei_id,
      lang: r.lang,
      score: Number(r.score),
      direct: Number(r.direct),
      raw: Number((r as unknown as { raw: number }).raw),
      contrib: (r as unknown as { contrib: Record<string, number> | null }).contrib ?? {},
      matched: r.matched ?? [],
      similarTo: r.similar_to,
    })),
  };
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
  const good = Math.min(NO_GOOD_MATCH * ranking.idfMax, NO_GOOD_MATCH_SHARE * ranking.potential);
  const high = Math.max(
    good,
    Math.min(HIGH_CONFIDENCE * ranking.idfMax, HIGH_CONFIDENCE_SHARE * ranking.potential),
  );
  const noGoodMatch = best < good || best < NO_GOOD_MATCH_COVERAGE * ranking.potential || best === 0;
  const confidenceOf = (score: number): Confidence =>
    noGoodMatch || score < good ? 'low' : score >= high ? 'high' : 'medium';
  return { noGoodMatch, confidenceOf };
}
