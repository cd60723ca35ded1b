import { formatTimestamp as contractFormat } from '@mpchat/contract';
import { describe, expect, it } from 'vitest';
import { formatTimestamp } from './timestamp.js';

// The contract's formatter (Intl) is the reference; the SDK's must agree without Intl.
describe('formatTimestamp', () => {
  it('writes the spec example in Asia/Shanghai by default', () => {
    expect(formatTimestamp(new Date('2023-11-03T07:30:00Z'))).toBe('2023/11/03 15:30:00');
    expect(formatTimestamp(new Date('2023-11-03T16:00:00Z'))).toBe('2023/11/04 00:00:00');
  });

  it('agrees with the contract for random instants since 1992 (Asia/Shanghai and UTC, by Date arithmetic)', () => {
    const from = Date.UTC(1992, 0, 1);
    const to = Date.UTC(2200, 0, 1);
    let seed = 42;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 3000; i++) {
      const d = new Date(from + Math.floor(rand() * (to - from)));
      expect(formatTimestamp(d), d.toISOString()).toBe(contractFormat(d));
      expect(formatTimestamp(d, 'UTC'), d.toISOString()).toBe(contractFormat(d, 'UTC'));
    }
  });

  it('agrees with the contract around day, month, year and leap-day boundaries', () => {
    for (const iso of ['2023-12-31T15:59:59Z', '2023-12-31T16:00:00Z', '2024-02-28T16:00:00Z', '2024-02-29T15:59:59.999Z', '2000-02-29T16:00:00Z', '1999-12-31T16:00:00Z']) {
      const d = new Date(iso);
      expect(formatTimestamp(d), iso).toBe(contractFormat(d));
    }
  });

  it('uses Intl for other zones, daylight saving included, and agrees with the contract', () => {
    for (const iso of ['2023-03-12T06:59:59Z', '2023-03-12T07:00:00Z', '2023-11-05T05:30:00Z', '2023-07-01T00:00:05Z']) {
      const d = new Date(iso);
      for (const zone of ['America/New_York', 'Europe/Berlin', 'Asia/Kolkata']) expect(formatTimestamp(d, zone), `${iso} ${zone}`).toBe(contractFormat(d, zone));
    }
  });

  it('throws on an unknown zone', () => {
    expect(() => formatTimestamp(new Date(), 'Mars/Olympus')).toThrow(RangeError);
  });
});
