import { z } from 'zod';

const UNITS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * Durations counted in minutes or hours, where a bare small number (read as seconds) is almost
 * surely a mistake; the start-up log warns about one.
 */
export const MINUTE_SCALE_DURATIONS = ['SESSION_IDLE_TTL', 'TOMBSTONE_TTL', 'AUTH_TOKEN_TTL'] as const;

/**
 * A duration setting: a whole number with a unit (`250ms`, `90s`, `30m`, `1h`, `7d`);
 * a bare number is `defaultUnit`. Parsed to milliseconds.
 */
export function durationSchema(defaultUnit: 'ms' | 's' = 's') {
  return z
    .string()
    .trim()
    .regex(/^\d+(ms|s|m|h|d)?$/, { error: `must be a duration such as 250ms, 90s, 30m, 1h (bare numbers are ${defaultUnit === 's' ? 'seconds' : 'milliseconds'})` })
    .transform((text) => {
      const m = /^(\d+)(ms|s|m|h|d)?$/.exec(text)!;
      return Number(m[1]) * UNITS[m[2] ?? defaultUnit]!;
    });
}
