// `npx tsx bench/matching-tune-background.ts [--pg <url>]` (about 4 minutes)
// Decision 0004, "Fifth pass": need words weighed down by how common they are across the set's needs (a
// background frequency of employer language, from the needs themselves), as a step (words in at least a
// share of the needs get a weight) or smoothly (weight = share threshold / share), through
// bench/matching-tune.ts on the dev and the held-out set.
import { run, type SetData, type Variant } from './matching-tune.ts';

const wordsOf = (text: string) =>
  new Set(
    text
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean),
  );
/** The share of the set's needs each word is in. */
function shares(set: SetData) {
  const counts = new Map<string, number>();
  for (const need of set.needs) for (const w of wordsOf(need.text)) counts.set(w, (counts.get(w) ?? 0) + 1);
  return [...counts].map(([w, c]) => [w, c / set.needs.length] as const);
}
const step = (least: number, weight: number): Variant => ({
  name: `step ${least} ${weight}`,
  background: (set) => new Map(shares(set).flatMap(([w, s]) => (s >= least ? [[w, weight]] : []))),
});
const smooth = (least: number): Variant => ({
  name: `smooth ${least}`,
  background: (set) => new Map(shares(set).flatMap(([w, s]) => (s > least ? [[w, least / s]] : []))),
});
const variants: Variant[] = [{ name: 'baseline' }];
for (const least of [0.05, 0.1, 0.2]) for (const weight of [0, 0.3, 0.6]) variants.push(step(least, weight));
for (const least of [0.03, 0.05, 0.1]) variants.push(smooth(least));
await run(variants);
