import { describe, expect, it } from 'vitest';
import { aggregate, SURVEY_MIN_ANSWERS, shownGroups } from './survey.service.ts';

const answers = (roleId: string | null, n: number, level = 3) =>
  Array.from({ length: n }, () => ({ roleId, answers: [{ key: 'q', level }] }));

describe('which survey groups may be shown', () => {
  it('nothing below the minimum', () => {
    expect(SURVEY_MIN_ANSWERS).toBe(5);
    expect(shownGroups(answers('a', 4)).size).toBe(0);
  });

  it('everyone, and each role with at least the minimum', () => {
    const groups = shownGroups([...answers('a', 5), ...answers('b', 6), ...answers('c', 5)]);
    expect([...groups.keys()].sort()).toEqual(['a', 'b', 'c', null].sort());
  });

  it('holds back roles when the rest could be worked out by subtraction', () => {
    // 5 in role a and 2 without a role: everyone minus a would be those 2.
    expect([...shownGroups([...answers('a', 5), ...answers(null, 2)]).keys()]).toEqual([null]);
    // a (5), b (6), c (2): leaving out a makes the rest 7, enough.
    const groups = shownGroups([...answers('a', 5), ...answers('b', 6), ...answers('c', 2)]);
    expect([...groups.keys()].sort()).toEqual(['b', null].sort());
    // The rest is large enough: every role with 5 is shown.
    expect([...shownGroups([...answers('a', 5), ...answers(null, 5)]).keys()].sort()).toEqual(
      ['a', null].sort(),
    );
  });

  it('aggregates a mean to one decimal and a distribution over 0–5', () => {
    expect(aggregate([...answers(null, 2, 1), ...answers(null, 1, 5)], 'q')).toEqual({
      mean: 2.3,
      distribution: [0, 2, 0, 0, 0, 1],
      answers: 3,
    });
  });
});
