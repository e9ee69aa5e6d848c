import { describe, expect, it } from 'vitest';
import { everyMonth, isOfferedYear, periodDays, periodStart, recentYears } from './periods.ts';

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

  it('covers a calendar year from 1 January to 31 December, or to today while it runs', () => {
    const today = new Date('2026-12-05T10:00:00Z');
    expect(periodDays('2025', today)).toEqual({ first: '2025-01-01', last: '2025-12-31' });
    expect(periodDays('2026', today)).toEqual({ first: '2026-01-01', last: '2026-12-05' });
    expect(periodDays('12m', today)).toEqual({ first: '2026-01-01', last: '2026-12-05' });
    expect(periodDays('all', today)).toEqual({ first: null, last: '2026-12-05' });
    expect(recentYears(today)).toEqual(['2026', '2025', '2024', '2023', '2022']);
    // 23:30 UTC on 31 December is already the new year in Stockholm
    expect(recentYears(new Date('2026-12-31T23:30:00Z'))[0]).toBe('2027');
    expect(isOfferedYear('2026', today)).toBe(true);
    expect(isOfferedYear('2027', today)).toBe(false);
    expect(isOfferedYear('1999', today)).toBe(false);
    expect(isOfferedYear('12m', today)).toBe(false);
    // a past year's months end in its December
    expect(everyMonth([], '2025-01-01', '2025-12-31')).toHaveLength(12);
  });
});
