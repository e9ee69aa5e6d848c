// `npx tsx bench/matching-tune-round3.ts [--pg <url>] [--only name,name]` (about 7 minutes)
// The third round of tuning the matching method (decision 0004, "Third round"): every variant measured, on
// the dev and the held-out set, through bench/matching-tune.ts. "before" is the method before the round
// (equal scores in course-id order, one round of lending); "feature" is the method as now built.
import { type Hit, run, type SetData, type Variant } from './matching-tune.ts';

const before = { TIEBREAK: 0, LENDERS2: 0 };
const sorted = (hs: Hit[]) => [...hs].sort((a, b) => b.score - a.score || (a.courseId < b.courseId ? -1 : 1));
const subjects = (set: SetData, h: Hit) =>
  new Set((set.courses.get(h.ext)?.subjects ?? []).map((s) => s.toLowerCase()));
const overlap = (a: Set<string>, b: Set<string>) => [...a].filter((x) => b.has(x)).length;

/** Cluster hypothesis by subject area: the best k direct matches lend alpha × their direct score × the
 * share of a course's subject areas they have (of its own, or Jaccard), capped below the lender (or not). */
function areaBoost(alpha: number, k: number, norm: 'own' | 'jaccard', cap: boolean): Variant['rerank'] {
  return (hits, set) => {
    const max = Math.max(...hits.map((h) => h.direct));
    const lenders = [...hits]
      .sort((a, b) => b.direct - a.direct)
      .slice(0, k)
      .filter((h) => h.direct >= 0.6 * max);
    return sorted(
      hits.map((h) => {
        const sh = subjects(set, h);
        let boost = 0;
        let lender = 0;
        for (const l of lenders) {
          if (l.courseId === h.courseId) continue;
          const sl = subjects(set, l);
          const o = overlap(sh, sl);
          if (!o) continue;
          boost += alpha * l.direct * (norm === 'own' ? o / sh.size : o / new Set([...sh, ...sl]).size);
          lender = Math.max(lender, l.score);
        }
        if (!boost) return h;
        return {
          ...h,
          score: cap ? Math.max(h.score, Math.min(h.score + boost, 0.999 * lender)) : h.score + boost,
        };
      }),
    );
  };
}

/** Maximal marginal relevance over the top 30: similarity by the neighbour table or by subject areas. */
function mmr(lambda: number, by: 'neighbours' | 'subjects'): Variant['rerank'] {
  return (hits, set) => {
    const max = Math.max(...hits.map((h) => h.score), 1e-9);
    const sim = (a: Hit, b: Hit) => {
      if (by === 'neighbours')
        return Math.max(
          set.neighbours.get(a.courseId)?.get(b.courseId)?.sim ?? 0,
          set.neighbours.get(b.courseId)?.get(a.courseId)?.sim ?? 0,
        );
      const sa = subjects(set, a);
      const sb = subjects(set, b);
      return overlap(sa, sb) / new Set([...sa, ...sb]).size;
    };
    const left = [...hits];
    const out: Hit[] = [];
    while (left.length) {
      let best = 0;
      let bestValue = -Infinity;
      left.forEach((h, i) => {
        const v = lambda * (h.score / max) - (1 - lambda) * Math.max(0, ...out.map((o) => sim(h, o)));
        if (v > bestValue) {
          bestValue = v;
          best = i;
        }
      });
      out.push(...left.splice(best, 1));
    }
    return out;
  };
}

/** Reciprocal-rank fusion of the final score's ranking and the direct score's (weight wDirect). */
function rrf(k: number, wDirect: number): Variant['rerank'] {
  return (hits) => {
    const r = new Map<string, number>();
    sorted(hits).forEach((h, i) => {
      r.set(h.courseId, 1 / (k + i + 1));
    });
    [...hits]
      .sort((a, b) => b.direct - a.direct)
      .forEach((h, i) => {
        r.set(h.courseId, (r.get(h.courseId) ?? 0) + wDirect / (k + i + 1));
      });
    return [...hits].sort((a, b) => (r.get(b.courseId) ?? 0) - (r.get(a.courseId) ?? 0));
  };
}

/** Explicit-aspect diversification (xQuAD-like): the need's words are the aspects; a course's novelty is
 * its score from words the courses above it have not yet covered (gamma: how fully one covers). */
function aspects(lambda: number, gamma: number): Variant['rerank'] {
  return (hits) => {
    const maxScore = Math.max(...hits.map((h) => h.score), 1e-9);
    const best = new Map<string, number>();
    for (const h of hits)
      for (const [a, s] of Object.entries(h.contrib ?? {})) best.set(a, Math.max(best.get(a) ?? 0, s));
    const left = new Map<string, number>(); // per aspect: the product of (1 − gamma × coverage)
    const pool = [...hits];
    const out: Hit[] = [];
    while (pool.length) {
      let bi = 0;
      let bv = -Infinity;
      pool.forEach((h, i) => {
        const parts = Object.entries(h.contrib ?? {});
        const total = parts.reduce((x, [, s]) => x + s, 0);
        const novel = parts.length ? parts.reduce((x, [a, s]) => x + s * (left.get(a) ?? 1), 0) / total : 1;
        const v = (h.score / maxScore) * (1 - lambda + lambda * novel);
        if (v > bv) {
          bv = v;
          bi = i;
        }
      });
      const [h] = pool.splice(bi, 1) as [Hit];
      out.push(h);
      for (const [a, s] of Object.entries(h.contrib ?? {}))
        left.set(a, (left.get(a) ?? 1) * (1 - (gamma * s) / (best.get(a) ?? s)));
    }
    return out;
  };
}

const variants: Variant[] = [
  { name: 'before', params: before },
  { name: 'feature', params: {} },
];
for (const K1 of [0.6, 0.9, 1.2, 1.6, 2.0])
  for (const B of [0.3, 0.5, 0.75, 0.9])
    variants.push({ name: `k1 ${K1} b ${B}`, params: { ...before, K1, B } });
for (const t of [1, 2, 3])
  variants.push({
    name: `ties by ${['id', 'raw', 'direct', 'lent'][t]}`,
    params: { ...before, TIEBREAK: t },
  });
const tied = { ...before, TIEBREAK: 1 };
for (const a of [0.1, 0.2, 0.3, 0.5])
  for (const k of [1, 3])
    for (const n of ['own', 'jaccard'] as const)
      variants.push({ name: `area a${a} k${k} ${n}`, params: tied, rerank: areaBoost(a, k, n, true) });
for (const a of [0.1, 0.2])
  variants.push({ name: `area a${a} k3 own uncapped`, params: tied, rerank: areaBoost(a, 3, 'own', false) });
for (const l of [0.9, 0.8, 0.7])
  for (const by of ['neighbours', 'subjects'] as const)
    variants.push({ name: `mmr ${l} ${by}`, params: tied, rerank: mmr(l, by) });
for (const k of [5, 20, 60])
  for (const w of [0.5, 1]) variants.push({ name: `rrf k${k} direct ${w}`, params: tied, rerank: rrf(k, w) });
for (const l of [0.2, 0.4, 0.6])
  for (const g of [0.5, 1])
    variants.push({ name: `aspects l${l} g${g}`, params: tied, rerank: aspects(l, g) });
for (const m of [0.15, 0.2, 0.25])
  variants.push({
    name: `other-language min sim ${m}`,
    params: { ...tied, OTHER_LANGUAGE_MIN_SIMILARITY: m },
  });
for (const sc of [1, 2, 3])
  variants.push({ name: `other-language min(0.5, ${sc} sim)`, params: { ...tied, OTHER_SIM_SCALE: sc } });
variants.push({ name: 'other-language 2 nearest', params: { ...tied, OTHER_RANKS: 2 } });
variants.push({
  name: 'other-language 2 nearest, 2 sim',
  params: { ...tied, OTHER_RANKS: 2, OTHER_SIM_SCALE: 2 },
});
for (const [floor, ref, m] of [
  [0, 1, 0],
  [0, 0.5, 0],
  [0.5, 0.5, 0],
  [0, 0.5, 3],
  [0.5, 0.5, 3],
  [0, 0.3, 10],
  [0.5, 0.3, 10],
] as const)
  variants.push({
    name: `topical floor ${floor} ref ${ref} m ${m}`,
    params: { ...tied, TOPICAL_FLOOR: floor, TOPICAL_REF: ref, TOPICAL_M: m },
  });
variants.push({ name: 'stop word in either language', params: { ...tied, STOP_EITHER: 1 } });
for (const [n, share, same, only] of [
  [3, 0.6, 0.5, 0],
  [5, 0.6, 0.5, 0],
  [5, 0.6, 1.5, 0],
  [5, 0.8, 0.5, 0],
  [5, 0.6, 1.5, 1],
  [3, 0.6, 0.5, 2],
  [5, 0.6, 1, 2],
  [5, 0.6, 1.5, 2],
  [10, 0.6, 0.5, 2],
] as const)
  variants.push({
    name: `2nd round ${n} ≥${share} same ${same} ${['any', 'raised', 'twins'][only]}`,
    params: { TIEBREAK: 1, LENDERS2: n, LENDER2_MIN_SHARE: share, LEND2_SAME: same, LENDER2_ONLY_LENT: only },
  });
variants.push({
  name: 'feature + other-language 2 nearest, 2 sim',
  params: { OTHER_RANKS: 2, OTHER_SIM_SCALE: 2 },
});
variants.push({ name: 'feature + stop word in either', params: { STOP_EITHER: 1 } });
await run(variants);
