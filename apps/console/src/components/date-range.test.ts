import { describe, expect, it } from 'vitest';
import { lastDays, rangeQuery } from './date-range.js';

describe('day ranges', () => {
  it('counts today as the last of the last n days', () => {
    expect(lastDays(7, new Date(2026, 11, 7, 15))).toEqual(['2026-12-01', '2026-12-07']);
    expect(lastDays(1, new Date(2026, 0, 1, 0, 5))).toEqual(['2026-01-01', '2026-01-01']);
  });

  it('asks the API for [local midnight of the first day, local midnight after the last)', () => {
    const { from, to } = rangeQuery(['2026-12-01', '2026-12-07']);
    expect(new Date(from!).getTime()).toBe(new Date(2026, 11, 1).getTime());
    expect(new Date(to!).getTime()).toBe(new Date(2026, 11, 8).getTime());
    expect(rangeQuery(undefined)).toEqual({});
  });
});
