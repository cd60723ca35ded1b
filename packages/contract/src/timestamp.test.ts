import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatTimestamp, isValidTimeZone, parseTimestamp, timestampToDate } from './timestamp.js';

describe('formatTimestamp', () => {
  it('defaults to Asia/Shanghai', () => {
    expect(formatTimestamp(new Date('2023-11-03T07:30:00Z'))).toBe('2023/11/03 15:30:00');
  });
  it('takes an IANA zone', () => {
    expect(formatTimestamp(new Date('2023-11-03T07:30:00Z'), 'UTC')).toBe('2023/11/03 07:30:00');
    expect(formatTimestamp(new Date('2023-07-01T00:00:05Z'), 'America/New_York')).toBe('2023/06/30 20:00:05');
  });
  it('writes midnight as 00, never 24', () => {
    expect(formatTimestamp(new Date('2023-11-03T16:00:00Z'))).toBe('2023/11/04 00:00:00');
  });
  it('throws on an unknown zone', () => {
    expect(() => formatTimestamp(new Date(), 'Mars/Olympus')).toThrow(RangeError);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
    expect(isValidTimeZone('Asia/Shanghai')).toBe(true);
  });
});

describe('parseTimestamp', () => {
  it('accepts the spec example', () => {
    expect(parseTimestamp('2023/11/03 15:30:00')).toEqual({
      ok: true,
      parts: { year: 2023, month: 11, day: 3, hour: 15, minute: 30, second: 0 },
    });
  });
  it.each(['2023/02/30 00:00:00', '2023/11/03 24:00:00', '2023/11/03 00:00:60', '2023/1/03 00:00:00', '2023-11-03T15:30:00Z'])(
    'rejects %s with a reason',
    (text) => {
      const r = parseTimestamp(text);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.reason.length).toBeGreaterThan(5);
    },
  );
});

const ZONES = ['Asia/Shanghai', 'UTC', 'America/New_York', 'Europe/Berlin', 'Australia/Lord_Howe', 'Asia/Kolkata', 'Pacific/Chatham'];
const instants = fc.date({ min: new Date('1970-01-02T00:00:00Z'), max: new Date('2200-12-31T00:00:00Z'), noInvalidDate: true });
// China observed daylight saving 1986-1991; after that these zones have fixed offsets.
const FIXED_ZONES = ['Asia/Shanghai', 'UTC', 'Asia/Kolkata'];
const fixedEra = fc.date({ min: new Date('1992-01-01T00:00:00Z'), max: new Date('2200-12-31T00:00:00Z'), noInvalidDate: true });

describe('format/parse round trip (property)', () => {
  it('format → parse → instant → format gives the same text in any zone', () => {
    fc.assert(
      fc.property(instants, fc.constantFrom(...ZONES), (d, zone) => {
        const text = formatTimestamp(d, zone);
        const parsed = parseTimestamp(text);
        expect(parsed.ok).toBe(true);
        if (!parsed.ok) return;
        expect(formatTimestamp(timestampToDate(parsed.parts, zone), zone)).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  it('recovers the instant (to the second) in zones without daylight saving', () => {
    fc.assert(
      fc.property(fixedEra, fc.constantFrom(...FIXED_ZONES), (d, zone) => {
        const parsed = parseTimestamp(formatTimestamp(d, zone));
        if (!parsed.ok) throw new Error(parsed.reason);
        expect(timestampToDate(parsed.parts, zone).getTime()).toBe(Math.floor(d.getTime() / 1000) * 1000);
      }),
      { numRuns: 500 },
    );
  });

  it('string order is time order within one zone', () => {
    fc.assert(
      fc.property(fixedEra, fixedEra, fc.constantFrom(...FIXED_ZONES), (a, b, zone) => {
        const [sa, sb] = [formatTimestamp(a, zone), formatTimestamp(b, zone)];
        const [ta, tb] = [Math.floor(a.getTime() / 1000), Math.floor(b.getTime() / 1000)];
        expect(sa < sb).toBe(ta < tb);
      }),
      { numRuns: 500 },
    );
  });
});
