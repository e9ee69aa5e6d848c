// `npx tsx bench/matching-tune-sector.ts [--pg <url>]`
// Seventh round (decision 0004): the employer's sector as context for the need.
import { run, type Variant } from './matching-tune.ts';

const variants: Variant[] = [
  { name: 'baseline' },
  { name: 'text + sector', textOf: (n) => `${n.text} ${n.sector ?? ''}` },
];
for (const weight of [0.05, 0.1, 0.2, 0.3, 0.5])
  variants.push({ name: `sector bonus ${weight}`, sector: { weight } });
await run(variants);
