import { describe, expect, it } from 'vitest';
import { computePriority } from './priority.ts';

describe('priority of a competence need', () => {
  it('multiplies importance, gap, people weight and horizon weight, showing its working', () => {
    expect(
      computePriority({ requiredLevel: 4, currentLevel: 1, importance: 3, people: 10, horizon: 'now' }),
    ).toEqual({
      gap: 3,
      peopleWeight: 2,
      horizonWeight: 1,
      priority: 18,
      formula: '3 × 3 × 2 × 1 = 18',
    });
  });

  it('has no gap when people already exceed the required level', () => {
    expect(
      computePriority({ requiredLevel: 2, currentLevel: 4, importance: 3, people: 50, horizon: 'now' })
        .priority,
    ).toBe(0);
  });

  it('weighs later horizons less, with weights an analysis can change', () => {
    const base = { requiredLevel: 3, currentLevel: 1, importance: 2, people: 1 };
    expect(computePriority({ ...base, horizon: '5y' }).priority).toBe(1.6);
    expect(computePriority({ ...base, horizon: '5y' }, { now: 1, '1y': 1, '3y': 1, '5y': 1 }).priority).toBe(
      4,
    );
  });
});
