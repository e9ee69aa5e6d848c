import { describe, expect, it } from 'vitest';
import { startOfStockholmDay } from './stockholm-days.ts';
import { holidayOn, isWorkingDay, workingDaysDeadline } from './working-days.ts';

describe('Swedish working days', () => {
  it('knows weekends, public holidays and the de facto days off', () => {
    expect(isWorkingDay('2026-11-30')).toBe(true); // Monday
    expect(isWorkingDay('2026-11-28')).toBe(false); // Saturday
    for (const day of [
      '2026-01-06',
      '2026-04-03',
      '2026-04-06',
      '2026-05-01',
      '2026-05-14',
      '2026-06-06',
      '2026-06-19',
      '2026-12-24',
      '2026-12-25',
      '2026-12-31',
    ]) {
      expect(isWorkingDay(day), day).toBe(false);
    }
    expect(isWorkingDay('2026-05-25')).toBe(true); // annandag pingst is no longer a holiday
  });

  it('starts Stockholm days at local midnight in winter and summer', () => {
    expect(startOfStockholmDay('2026-01-15').toISOString()).toBe('2026-01-14T23:00:00.000Z');
    expect(startOfStockholmDay('2026-07-15').toISOString()).toBe('2026-07-14T22:00:00.000Z');
  });

  it('gives a two-working-day deadline at the end of the second working day after the day of arrival', () => {
    // Friday afternoon → due by the end of Tuesday.
    expect(workingDaysDeadline(new Date('2026-11-27T14:00:00Z'), 2).toISOString()).toBe(
      '2026-12-01T23:00:00.000Z',
    );
    // Saturday → Monday and Tuesday count.
    expect(workingDaysDeadline(new Date('2026-11-28T09:00:00Z'), 2).toISOString()).toBe(
      '2026-12-01T23:00:00.000Z',
    );
    // Just before Christmas: 23 Dec (Wed) → 28 Dec (Mon), 29 Dec (Tue).
    expect(workingDaysDeadline(new Date('2026-12-23T10:00:00Z'), 2).toISOString()).toBe(
      '2026-12-29T23:00:00.000Z',
    );
    // Late evening Stockholm time counts as the next calendar day there.
    expect(workingDaysDeadline(new Date('2026-11-29T23:30:00Z'), 1).toISOString()).toBe(
      '2026-12-01T23:00:00.000Z',
    );
  });

  it('names the holiday on a day, the eves taken off included, and nothing for a plain weekend', () => {
    expect(holidayOn('2027-05-06')).toEqual({ sv: 'Kristi himmelsfärdsdag', en: 'Ascension Day' });
    expect(holidayOn('2027-06-25')).toEqual({ sv: 'midsommarafton', en: 'Midsummer Eve' });
    expect(holidayOn('2027-12-24')?.sv).toBe('julafton');
    expect(holidayOn('2027-04-30')).toBeNull(); // valborgsmässoafton: a working day
    expect(holidayOn('2027-06-05')).toBeNull(); // a Saturday
  });
});
