import { describe, expect, it } from 'vitest';
import { everyMonth, periodStart } from './periods.ts';

describe('a period of figures', () => {
  it('starts on the first of the month 11 or 35 months back, in Swedish time', () => {
    expect(periodStart('12m', new Date('2026-12-03T10:00:00Z'))).toBe('2026-01-01');
    expect(periodStart('36m', new Date('2026-12-03T10:00:00Z'))).toBe('2024-01-01');
    expect(periodStart('12m', new Date('2026-01-15T10:00:00Z'))).toBe('2025-02-01');
    // 23:30 UTC on 31 December is already January in Stockholm
    expect(periodStart('12m', new Date('2026-12-31T23:30:00Z'))).toBe('2026-02-01');
    expect(periodStart('all')).toBeNull();
  });

  it('lists every month to this one, with zeros where nothing happened', () => {
    const today = new Date('2027-02-10T12:00:00Z');
    expect(everyMonth([{ key: '2026-12', count: 4 }], '2026-11-01', today)).toEqual([
      { key: '2026-11', count: 0 },
      { key: '2026-12', count: 4 },
      { key: '2027-01', count: 0 },
      { key: '2027-02', count: 0 },
    ]);
    // all time: from the first month with a figure
    expect(everyMonth([{ key: '2027-01', count: 2 }], null, today).map((m) => m.key)).toEqual([
      '2027-01',
      '2027-02',
    ]);
    expect(everyMonth([], null, today)).toEqual([]);
  });
});
