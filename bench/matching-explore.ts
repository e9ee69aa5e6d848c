// `npx tsx bench/matching-explore.ts [--pg postgres://postgres@127.0.0.1:5432/postgres]`
// Exploration for issue 5 (matching needs to courses): loads ../shared/datasets/matching-dev into a throw-away
// database (in-process PGlite with pg_trgm by default, or a fresh database on the given server, dropped at the
// end), ranks the courses for every need in SQL alone and prints recall@5, nDCG@10 and MRR (overall and per
// need language) and the "no good match" flags, one line per variant, with the query time per need (ms p50/p95,
// all statements of one need). MATCH_DUMP=<file> writes the final ranking per need as JSON.
// Findings: docs/decisions/0004-matching-method.md.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import pg from 'pg';
import type { Db } from '../src/db/client.ts';
import { seedDemoTaxonomy } from '../src/features/taxonomy/demo-taxonomy.ts';

type Course = {
  id: string;
  title: string;
  language: 'sv' | 'en';
  description: string;
  learningOutcomes: string[];
  subjects: string[];
};
type Need = { id: string; language: 'sv' | 'en'; text: string };
type Row = Record<string, unknown>;
type Database = {
  kind: string;
  exec(text: string): Promise<void>;
  query(text: string, params?: unknown[]): Promise<Row[]>;
  close(): Promise<void>;
};

const dataDir = path.resolve(import.meta.dirname, '../../shared/datasets/matching-dev');
const read = <T>(file: string): T => JSON.parse(readFileSync(path.join(dataDir, file), 'utf8')) as T;
const courses = read<{ courses: Course[] }>('catalog.json').courses;
const needs = read<{ needs: Need[] }>('needs.json').needs;
const gold = read<Record<string, Record<string, number>>>('gold.json');

// ------------------------------------------------------------------ database

async function openDatabase(): Promise<Database> {
  const at = process.argv.indexOf('--pg');
  const url = at >= 0 ? process.argv[at + 1] : undefined;
  if (!url) {
    const db = await PGlite.create({ extensions: { pg_trgm } });
    return {
      kind: 'PGlite (PostgreSQL 18, in process)',
      exec: async (text) => void (await db.exec(text)),
      query: async (text, params) => (await db.query<Row>(text, params)).rows,
      close: () => db.close(),
    };
  }
  const name = `lupp_matching_explore_${process.pid}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const client = new pg.Client({ connectionString: target.toString() });
  await client.connect();
  const [version] = (await client.query<{ v: string }>("select current_setting('server_version') as v")).rows;
  return {
    kind: `PostgreSQL ${version?.v ?? '?'} (server)`,
    exec: async (text) => void (await client.query(text)),
    query: async (text, params) => (await client.query<Row>(text, params)).rows,
    close: async () => {
      await client.end();
      await admin.query(`drop database ${name}`);
      await admin.end();
    },
  };
}

/**
 * The sv/en term table: the labels of the demo taxonomy's concepts (the same rows Lupp seeds), caught from
 * its seed function. With an imported bilingual ESCO the taxonomy_concept table gives the same pairs.
 */
async function bridgePairs(): Promise<{ sv: string; en: string }[]> {
  let rows: { labelSv: string; labelEn: string }[] = [];
  const capture = {
    insert: () => ({
      values: (r: typeof rows) => {
        rows = r;
        return { onConflictDoNothing: async () => undefined };
      },
    }),
  };
  await seedDemoTaxonomy(capture as unknown as Db);
  return rows.map((r) => ({ sv: r.labelSv, en: r.labelEn }));
}

// ------------------------------------------------------------------ loading and indexing (all in SQL)

async function load(db: Database) {
  await db.exec(`
    create extension if not exists pg_trgm;
    create table course (id text primary key, lang text not null, cfg regconfig not null,
      title text not null, subjects text not null, body text not null);
    -- one row per course, field (1 title, 2 subjects, 3 description + learning outcomes) and term:
    -- kind 's' = stem in the course's language, 'p' = first five letters of a word (compounds, cognates)
    create table course_term (course_id text not null, field int not null, kind text not null,
      term text not null, tf int not null);
    -- every word as written (compound tails: "säkerhet" inside "cybersäkerhet")
    create table course_word (course_id text not null, field int not null, word text not null, tf int not null);
    create table vocab (word text primary key);
    create table bridge (sv text not null, en text not null);`);
  for (const c of courses) {
    await db.query('insert into course values ($1, $2, $3::regconfig, $4, $5, $6)', [
      c.id,
      c.language,
      c.language === 'sv' ? 'swedish' : 'english',
      c.title,
      c.subjects.join(' ; '),
      [c.description, ...c.learningOutcomes].join(' ; '),
    ]);
  }
  for (const { sv, en } of await bridgePairs())
    await db.query('insert into bridge values ($1, $2)', [sv, en]);
  await db.exec(`
    create function clean(t text) returns text language sql immutable as
      $$ select lower(replace(t, '/', ' / ')) $$;
    -- a word that is not a stop word in either language
    create function content_word(w text) returns boolean language sql immutable as
      $$ select length(to_tsvector('swedish', w)) > 0 and length(to_tsvector('english', w)) > 0 $$;
    create view course_field as
      select c.id, c.cfg, f.field, clean(f.txt) as txt from course c,
        lateral (values (1, c.title), (2, c.subjects), (3, c.body)) f(field, txt);
    insert into course_term
      select f.id, f.field, 's', t.lexeme, coalesce(array_length(t.positions, 1), 1)
      from course_field f, lateral unnest(to_tsvector(f.cfg, f.txt)) t;
    insert into course_term
      select f.id, f.field, 'p', left(t.lexeme, 5), sum(coalesce(array_length(t.positions, 1), 1))
      from course_field f, lateral unnest(to_tsvector('simple', f.txt)) t
      where length(t.lexeme) >= 5 and t.lexeme !~ '[0-9]' and content_word(t.lexeme)
      group by 1, 2, 4;
    insert into course_word
      select f.id, f.field, t.lexeme, coalesce(array_length(t.positions, 1), 1)
      from course_field f, lateral unnest(to_tsvector('simple', f.txt)) t where length(t.lexeme) >= 4;
    insert into vocab select distinct word from course_word;
    create index on course_term (kind, term);
    create index on course_word (word);
    create index vocab_trgm on vocab using gin (word gin_trgm_ops);
    create table course_len as
      select course_id, sum(tf)::float8 as dl from course_term where kind = 's' group by 1;
    create table course_tsv as
      select c.id, setweight(to_tsvector(c.cfg, clean(c.title)), 'A')
        || setweight(to_tsvector(c.cfg, clean(c.subjects)), 'B')
        || setweight(to_tsvector(c.cfg, clean(c.body)), 'D') as tsv from course c;
    -- course-to-course similarity (cosine of tf-idf over stems and prefixes, all fields), computed once
    create table course_vec as
      with v as (select course_id, kind, term, sum(tf)::float8 as tf from course_term group by 1, 2, 3),
        df as (select kind, term, count(*)::float8 as df from v group by 1, 2),
        n as (select count(*)::float8 as n from course)
      select v.course_id, v.kind, v.term, (1 + ln(v.tf)) * ln(n.n / df.df) as w
      from v join df using (kind, term), n where df.df > 1 and df.df < n.n / 10;
    create table neighbour as
      with norm as (select course_id, sqrt(sum(w * w)) as norm from course_vec group by 1)
      select a.course_id as a, b.course_id as b, sum(a.w * b.w) / (na.norm * nb.norm) as sim,
        ca.lang <> cb.lang as cross_language
      from course_vec a join course_vec b on b.kind = a.kind and b.term = a.term and b.course_id <> a.course_id
        join norm na on na.course_id = a.course_id join norm nb on nb.course_id = b.course_id
        join course ca on ca.id = a.course_id join course cb on cb.id = b.course_id
      group by a.course_id, b.course_id, na.norm, nb.norm, ca.lang, cb.lang;
    alter table neighbour add column rank int;
    update neighbour n set rank = r.rank from (select a, b,
        row_number() over (partition by a, cross_language order by sim desc, b) as rank from neighbour) r
      where r.a = n.a and r.b = n.b;
    create index on neighbour (a);
    -- document expansion: each course also carries the title and subject terms of its nearest
    -- other-language course, as field 4
    create table course_term_nb as
      select n.a as course_id, 4 as field, t.kind, t.term, sum(t.tf)::int as tf
      from neighbour n join course_term t on t.course_id = n.b
      where n.cross_language and n.rank = 1 and t.field in (1, 2) group by 1, 2, 3, 4;
    insert into course_term_nb select * from course_term;
    create index on course_term_nb (kind, term);
    analyze;`);
}

// ------------------------------------------------------------------ ranking

type Variant = {
  name: string;
  mode: 'ts_rank_cd' | 'bm25';
  prefix?: number; // weight of 5-letter prefix terms (0 = off)
  typo?: boolean; // unknown need words corrected to the catalogue's vocabulary by trigram similarity
  inside?: number; // weight of compound tails (need word inside a longer course word)
  bridge?: number; // weight of terms added through the sv/en term table
  fields?: [title: number, subjects: number, body: number];
  langIdf?: boolean; // BM25 statistics (N, df, avgdl) within the language of each course
  expand?: number; // weight of the nearest other-language course's title and subject terms (field 4)
  // pseudo-relevance feedback: title/subject terms of the top courses added to the need
  feedback?: { top: number; weight: number };
  // score lent by the top courses to similar courses, weighted per same / other language
  // crossRank: the other-language course gets cross / rank of its similarity among the lender's
  // other-language neighbours (rank ≤ crossRank) instead of cross × similarity
  // lenders: the top courses scoring at least minShare × the best score
  neighbours?: { top: number; same: number; cross: number; crossRank?: number; minShare?: number };
};

/** The need's terms, as rows (kind, term, w), from $1 (the need text). */
function queryTerms(v: Variant): string {
  const parts = [
    `select 's' as kind, lexeme as term, 1.0::float8 as w from unnest(to_tsvector('swedish', clean($1)))
     union select 's', lexeme, 1.0 from unnest(to_tsvector('english', clean($1)))`,
  ];
  if (v.prefix)
    parts.push(`select distinct 'p', left(lexeme, 5), ${v.prefix}::float8 from unnest(to_tsvector('simple', clean($1)))
      where length(lexeme) >= 5 and lexeme !~ '[0-9]' and content_word(lexeme)`);
  if (v.typo)
    // a word the catalogue does not know is replaced by its nearest catalogue word (trigram similarity ≥ 0.5)
    parts.push(`select distinct k.kind, k.term, 1.0 from (
        select distinct lexeme as w from unnest(to_tsvector('simple', clean($1)))
        where length(lexeme) >= 5 and lexeme !~ '[0-9]' and content_word(lexeme)
          and not exists (select 1 from vocab where word = lexeme)) u,
      lateral (select word from vocab where word % u.w and similarity(word, u.w) >= 0.5
               order by similarity(word, u.w) desc limit 1) fix,
      lateral (select 's' as kind, lexeme as term from unnest(to_tsvector('swedish', fix.word))
               union select 's', lexeme from unnest(to_tsvector('english', fix.word))
               ${v.prefix ? `union select 'p', left(fix.word, 5) where length(fix.word) >= 5` : ''}) k`);
  if (v.bridge)
    // a term pair applies when every content word of one side is in the need (by its first five letters);
    // the other side's stems are added
    parts.push(`select distinct 's', t.lexeme, ${v.bridge}::float8 from (
        select b.en as other, 'english'::regconfig as cfg, b.sv as side from bridge b
        union all select b.sv, 'swedish'::regconfig, b.en from bridge b) p,
      lateral unnest(to_tsvector(p.cfg, clean(p.other))) t
      where not exists (
        select 1 from unnest(to_tsvector('simple', clean(p.side))) s
        where content_word(s.lexeme) and length(s.lexeme) >= 3
          and left(s.lexeme, 5) not in (select left(lexeme, 5) from unnest(to_tsvector('simple', clean($1)))))`);
  if (v.feedback)
    parts.push(`select distinct kind, term, ${v.feedback.weight}::float8 from course_term
      where course_id = any($2::text[]) and field in (1, 2)`);
  return parts.join('\n union all ');
}

function rankingSql(v: Variant): string {
  if (v.mode === 'ts_rank_cd') {
    return `
      with q as (select to_tsquery('simple', string_agg(quote_literal(term), ' | ')) as tsq
                 from (select distinct term from (${queryTerms(v)}) x where kind = 's') t)
      select c.id, ts_rank_cd('{1,1,1,1}', c.tsv, q.tsq)::float8 as score, 0::float8 as coverage
      from course_tsv c, q where c.tsv @@ q.tsq order by score desc, c.id limit 10`;
  }
  const [ft, fs, fb] = v.fields ?? [1, 1, 1];
  const fw = `case t.field when 1 then ${ft} when 2 then ${fs} when 3 then ${fb} else ${v.expand ?? 0} end`;
  return `
    with q as (select kind, term, max(w) as w from (${queryTerms(v)}) x group by 1, 2),
    n as (select count(*)::float8 as n, avg(dl) as avgdl from course_len),
    m as (
      select t.course_id, q.kind, q.term, q.w, sum(t.tf * ${fw})::float8 as wtf
      from q join ${v.expand ? 'course_term_nb' : 'course_term'} t on t.kind = q.kind and t.term = q.term
      group by 1, 2, 3, 4
      ${
        v.inside
          ? `union all
      select t.course_id, 'i', q.w2, ${v.inside}::float8, sum(t.tf * ${fw})::float8
      from (select distinct lexeme as w2 from unnest(to_tsvector('simple', clean($1)))
            where length(lexeme) >= 6 and content_word(lexeme)) q
      join vocab v on v.word like '%' || q.w2 || '%' and strpos(v.word, q.w2) > 1
      join course_word t on t.word = v.word group by 1, 2, 3, 4`
          : ''
      }),
    ${
      v.langIdf
        ? `ml as (select m.*, c.lang from m join course c on c.id = m.course_id),
    nl as (select c.lang, count(*)::float8 as n, avg(l.dl) as avgdl from course c join course_len l on l.course_id = c.id group by 1),
    df as (select kind, term, lang, count(*)::float8 as df from ml group by 1, 2, 3),
    s as (
      select ml.course_id, ml.kind, ml.term,
        ml.w * ln(1 + (nl.n - df.df + 0.5) / (df.df + 0.5)) as idfw,
        ml.w * ln(1 + (nl.n - df.df + 0.5) / (df.df + 0.5))
          * ml.wtf * 2.2 / (ml.wtf + 1.2 * (0.25 + 0.75 * l.dl / nl.avgdl)) as part
      from ml join df using (kind, term, lang) join nl using (lang) join course_len l using (course_id)),`
        : `df as (select kind, term, count(*)::float8 as df from m group by 1, 2),
    -- BM25 (k1 = 1.2, b = 0.75) over the weighted term frequency of the fields (BM25F-like)
    s as (
      select m.course_id, m.kind, m.term,
        m.w * ln(1 + (n.n - df.df + 0.5) / (df.df + 0.5)) as idfw,
        m.w * ln(1 + (n.n - df.df + 0.5) / (df.df + 0.5))
          * m.wtf * 2.2 / (m.wtf + 1.2 * (0.25 + 0.75 * l.dl / n.avgdl)) as part
      from m join df using (kind, term) join course_len l using (course_id), n),`
    }
    -- the need's weight: idf of every need term that the catalogue knows
    total as (select sum(idfw) as idf from (select distinct kind, term, idfw from s) x),
    ranked as (select s.course_id as id, sum(s.part) as score, sum(s.idfw) / max(total.idf) as coverage
      from s, total group by s.course_id)
    ${
      v.neighbours
        ? `, top as (select * from (select * from ranked order by score desc, id limit ${v.neighbours.top}) t
      where score >= ${v.neighbours.minShare ?? 0} * (select max(score) from ranked)),
    -- the top courses lend their score to similar courses (in the other language: cognates, acronyms, numbers)
    lent as (select n.b as id, sum(top.score * case
        when not n.cross_language then ${v.neighbours.same} * n.sim
        when ${v.neighbours.crossRank ?? 0} = 0 then ${v.neighbours.cross} * n.sim
        when n.rank <= ${v.neighbours.crossRank ?? 0} then ${v.neighbours.cross}::float8 / n.rank else 0 end) as lent
      from top join neighbour n on n.a = top.id group by n.b)
    select c.id, coalesce(r.score, 0) + coalesce(l.lent, 0) as score,
      coalesce(r.coverage, 0) as coverage, coalesce(r.score, 0) as direct
    from course c left join ranked r on r.id = c.id left join lent l on l.id = c.id
    where r.id is not null or l.id is not null order by score desc, c.id limit 10`
        : 'select *, score as direct from ranked order by score desc, id limit 10'
    }`;
}

// ------------------------------------------------------------------ metrics

type Ranked = { id: string; score: number; coverage: number; direct: number }[];

function metrics(needId: string, ranked: Ranked) {
  const g = gold[needId] ?? {};
  const relevant = Object.keys(g).filter((k) => (g[k] ?? 0) >= 1);
  if (!relevant.length) return null;
  const ids = ranked.map((r) => r.id);
  const recall5 = relevant.filter((r) => ids.slice(0, 5).includes(r)).length / relevant.length;
  const dcg = ids.slice(0, 10).reduce((sum, id, i) => sum + (2 ** (g[id] ?? 0) - 1) / Math.log2(i + 2), 0);
  const ideal = Object.values(g)
    .sort((a, b) => b - a)
    .slice(0, 10)
    .reduce((sum, grade, i) => sum + (2 ** grade - 1) / Math.log2(i + 2), 0);
  const first = ids.findIndex((id) => (g[id] ?? 0) >= 1);
  return { recall5, ndcg10: dcg / ideal, mrr: first >= 0 ? 1 / (first + 1) : 0 };
}

/**
 * The "no good match" rule, on the direct BM25 score (before any lending): the best course covers too little of
 * the need's weight, scores too low, or stands out too little from the next four (top-1 / mean of 2–5).
 */
type NoMatchRule = { minCoverage: number; minScore: number; minMargin?: number };
const flagged = (ranked: Ranked, rule: NoMatchRule) => {
  const direct = ranked.map((r) => r.direct).sort((a, b) => b - a);
  const top = direct[0];
  if (top === undefined) return true;
  const next = mean(direct.slice(1, 5));
  const cov = Math.max(...ranked.map((r) => (r.direct === top ? r.coverage : 0)));
  return (
    cov < rule.minCoverage || top < rule.minScore || (!!rule.minMargin && top / (next || 1) < rule.minMargin)
  );
};

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};

async function run(db: Database, v: Variant) {
  const text = rankingSql(v);
  const firstPass = rankingSql({ ...v, feedback: undefined });
  const results = new Map<string, Ranked>();
  const times: number[] = [];
  for (const need of needs) {
    const t0 = performance.now();
    let params: unknown[] = [need.text];
    if (v.feedback) {
      const first = await db.query(firstPass, [need.text]);
      params = [need.text, first.slice(0, v.feedback.top).map((r) => String(r.id))];
    }
    const rows = await db.query(text, params);
    times.push(performance.now() - t0);
    results.set(
      need.id,
      rows.map((r) => ({
        id: String(r.id),
        score: Number(r.score),
        coverage: Number(r.coverage),
        direct: Number(r.direct ?? r.score),
      })),
    );
  }
  return { results, times };
}

function summarise(results: Map<string, Ranked>, rule: NoMatchRule | null) {
  const per = (lang?: string) => {
    const ms = needs
      .filter((n) => !lang || n.language === lang)
      .map((n) => metrics(n.id, results.get(n.id) ?? []))
      .filter((m) => m !== null);
    return {
      recall5: mean(ms.map((m) => m.recall5)),
      ndcg10: mean(ms.map((m) => m.ndcg10)),
      mrr: mean(ms.map((m) => m.mrr)),
    };
  };
  const empty = needs.filter((n) => !Object.keys(gold[n.id] ?? {}).length);
  const covered = needs.filter((n) => Object.keys(gold[n.id] ?? {}).length);
  const flags = (ns: Need[]) =>
    rule ? ns.filter((n) => flagged(results.get(n.id) ?? [], rule)).length / ns.length : Number.NaN;
  return {
    all: per(),
    sv: per('sv'),
    en: per('en'),
    noMatchFlagged: flags(empty),
    falseFlags: flags(covered),
  };
}

const f2 = (x: number) => (Number.isNaN(x) ? '   –' : x.toFixed(2).padStart(4));
function line(name: string, s: ReturnType<typeof summarise>, times: number[]) {
  const m = (x: { recall5: number; ndcg10: number; mrr: number }) =>
    `${f2(x.recall5)} ${f2(x.ndcg10)} ${f2(x.mrr)}`;
  console.log(
    `${name.padEnd(50)} | ${m(s.all)} | ${m(s.sv)} | ${m(s.en)} | ${f2(s.noMatchFlagged)} ${f2(s.falseFlags)} | ${pct(times, 50).toFixed(1).padStart(5)} ${pct(times, 95).toFixed(1).padStart(5)}`,
  );
}

// ------------------------------------------------------------------ main

const db = await openDatabase();
try {
  const t0 = performance.now();
  await load(db);
  console.log(
    `${db.kind}: ${courses.length} courses, ${needs.length} needs, indexed in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  console.log(
    `${'variant'.padEnd(50)} | all: R@5 nDCG  MRR | sv: R@5 nDCG  MRR | en: R@5 nDCG  MRR | nomatch false | ms p50   p95`,
  );
  const base: Variant = { name: '', mode: 'bm25' };
  const v2: Variant = { ...base, prefix: 0.5, typo: true, inside: 0.5 };
  const v3: Variant = { ...v2, bridge: 1 };
  const v4: Variant = { ...v3, fields: [3, 2, 1] };
  const variants: Variant[] = [
    { name: '1a full text, OR-ed sv+en stems, ts_rank_cd', mode: 'ts_rank_cd' },
    { ...base, name: '1b full text, BM25 in SQL' },
    { ...base, prefix: 0.5, name: '2a + 5-letter prefixes (w 0.5)' },
    { ...base, prefix: 0.5, typo: true, name: '2b + typos (trigram to catalogue vocabulary)' },
    { ...v2, name: '2c + compound tails (w 0.5)' },
    { ...v3, name: '3  + sv/en term bridge (demo taxonomy)' },
    { ...v4, name: '4  + field weights title 3, subjects 2' },
    { ...v3, fields: [2, 2, 1], name: '4b   field weights title 2, subjects 2' },
    { ...v3, fields: [2, 1.5, 1], name: '4c   field weights title 2, subjects 1.5' },
  ];
  const v7: Variant = { ...v4, neighbours: { top: 3, same: 0.5, cross: 1 } };
  const v6: Variant = { ...v4, feedback: { top: 3, weight: 0.3 } };
  variants.push(
    { ...v6, name: '6  + feedback: title/subject terms of top 3 (0.3)' },
    { ...v4, feedback: { top: 2, weight: 0.3 }, name: '6b   feedback top 2 (0.3)' },
    { ...v4, feedback: { top: 3, weight: 0.5 }, name: '6c   feedback top 3 (0.5)' },
    { ...v4, feedback: { top: 5, weight: 0.3 }, name: '6d   feedback top 5 (0.3)' },
  );
  variants.push(
    {
      ...v4,
      neighbours: { top: 3, same: 0, cross: 1 },
      name: '7  + top 3 lend score to other-language neighbours',
    },
    {
      ...v4,
      neighbours: { top: 3, same: 0.5, cross: 0 },
      name: '7b   top 3 lend to same-language neighbours (0.5)',
    },
    { ...v7, name: '7c   top 3 lend: same 0.5, other language 1' },
    {
      ...v4,
      neighbours: { top: 5, same: 0.5, cross: 1 },
      name: '7d   top 5 lend: same 0.5, other language 1',
    },
    {
      ...v4,
      neighbours: { top: 3, same: 0.5, cross: 1.5 },
      name: '7e   top 3 lend: same 0.5, other language 1.5',
    },
    {
      ...v4,
      neighbours: { top: 3, same: 0.5, cross: 0.5, crossRank: 1 },
      name: '8  top 3 lend: same 0.5, nearest other 0.5',
    },
    {
      ...v4,
      neighbours: { top: 3, same: 0.5, cross: 0.7, crossRank: 1 },
      name: '8b   same 0.5, nearest other 0.7',
    },
    {
      ...v4,
      neighbours: { top: 3, same: 0.5, cross: 0.5, crossRank: 1, minShare: 0.6 },
      name: '8c   8 + lenders ≥ 0.6 × best',
    },
    {
      ...v4,
      neighbours: { top: 5, same: 0.5, cross: 0.5, crossRank: 1, minShare: 0.6 },
      name: '8d   8 + top 5, lenders ≥ 0.6 × best',
    },
    {
      ...v4,
      neighbours: { top: 5, same: 0.5, cross: 0.7, crossRank: 1, minShare: 0.6 },
      name: '8e   8d, nearest other 0.7',
    },
    {
      ...v4,
      neighbours: { top: 5, same: 0.7, cross: 0.7, crossRank: 1, minShare: 0.6 },
      name: '8f   8e, same 0.7',
    },
    { ...v4, expand: 0.5, name: '9  4 + nearest other-language titles/subjects (0.5)' },
    { ...v4, expand: 1, name: '9b   weight 1' },
    {
      ...v4,
      expand: 0.5,
      neighbours: { top: 3, same: 0.5, cross: 0.5, crossRank: 1, minShare: 0.6 },
      name: '9c   9 + lending as 8c',
    },
  );
  // the chosen method: 8c
  const final: Variant = {
    ...v4,
    neighbours: { top: 3, same: 0.5, cross: 0.5, crossRank: 1, minShare: 0.6 },
    name: 'final (8c)',
    langIdf: !!process.env.LANG_IDF,
  };
  variants.push({ ...final, langIdf: true, name: '10 final + BM25 statistics per course language' });
  const only = process.env.MATCH_ONLY ? new RegExp(process.env.MATCH_ONLY) : null;
  for (const v of variants.filter((x) => !only || only.test(x.name))) {
    const { results, times } = await run(db, v);
    line(v.name, summarise(results, null), times);
  }
  // (5) the no-match rule, on the final ranking: print the evidence, then the rules
  const { results, times } = await run(db, final);
  if (process.env.MATCH_DUMP)
    writeFileSync(process.env.MATCH_DUMP, JSON.stringify(Object.fromEntries(results)));
  const show = (label: string, ns: Need[]) => {
    const top = ns.map((n) => [...(results.get(n.id) ?? [])].sort((a, b) => b.direct - a.direct)[0]);
    console.log(
      `  ${label}: top-1 coverage p10/p50/p90 ${[10, 50, 90]
        .map((p) =>
          pct(
            top.map((t) => t?.coverage ?? 0),
            p,
          ).toFixed(2),
        )
        .join('/')}, score ${[10, 50, 90]
        .map((p) =>
          pct(
            top.map((t) => t?.direct ?? 0),
            p,
          ).toFixed(1),
        )
        .join('/')}`,
    );
  };
  show(
    'no-match needs',
    needs.filter((n) => !Object.keys(gold[n.id] ?? {}).length),
  );
  show(
    'covered needs ',
    needs.filter((n) => Object.keys(gold[n.id] ?? {}).length),
  );
  // a score threshold in units of the largest idf a term can have here (a term in one course), so that it
  // follows the catalogue's size: ln(1 + (N - 0.5) / 1.5)
  const idfMax = Math.log(1 + (courses.length - 0.5) / 1.5);
  console.log(`  largest idf (a term in one course): ${idfMax.toFixed(2)}`);
  const rules: (NoMatchRule & { k?: number })[] = [
    { minCoverage: 0.2, minScore: 0 },
    { minCoverage: 0.25, minScore: 0 },
    { minCoverage: 0, minScore: 0, minMargin: 1.2 },
    { minCoverage: 0, minScore: 0, minMargin: 1.4 },
    ...[3, 3.5, 4, 4.5, 5].map((k) => ({ minCoverage: 0, minScore: k * idfMax, k })),
    { minCoverage: 0.2, minScore: 4 * idfMax, k: 4 },
    { minCoverage: 0, minScore: 4 * idfMax, minMargin: 1.2, k: 4 },
  ];
  for (const rule of rules) {
    line(
      `5  no-match: cov<${rule.minCoverage} | score<${rule.k ? `${rule.k}×idf` : 0} | margin<${rule.minMargin ?? 0}`,
      summarise(results, rule),
      times,
    );
  }
} finally {
  await db.close();
}
