import { z } from 'zod';
import { stringError } from './fields.js';
import { DEFAULT_TIME_ZONE } from './wire.js';

export { DEFAULT_TIME_ZONE };

/**
 * The spec's timestamp format, `yyyy/MM/dd HH:mm:ss`, 24-hour clock, every field zero-padded.
 *
 * Because every field is fixed-width and ordered from most to least significant, two timestamps
 * written in the same time zone compare correctly as plain strings: `a < b` lexicographically
 * exactly when `a` is earlier than `b`. The server relies on this to find "the reply after T"
 * without parsing dates, so every timestamp it stores and compares must come through
 * {@link parseTimestamp} (strict) or {@link formatTimestamp} (always padded).
 */
export const TIMESTAMP_FORMAT = 'yyyy/MM/dd HH:mm:ss';

const TIMESTAMP_RE = /^(\d{4})\/(\d{2})\/(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/** A timestamp split into its wall-clock fields (no time zone attached). */
export interface TimestampParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** Result of {@link parseTimestamp}: the parts, or why the text is not a valid timestamp. */
export type ParsedTimestamp = { ok: true; parts: TimestampParts } | { ok: false; reason: string };

function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    return leap ? 29 : 28;
  }
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * Strictly parses `yyyy/MM/dd HH:mm:ss`. Rejects single-digit fields, ISO strings, impossible
 * dates (2023/02/30), 24:00:00, 60 seconds and years before 1970.
 *
 * @example
 * parseTimestamp('2023/11/03 15:30:00') // { ok: true, parts: { year: 2023, month: 11, ... } }
 * parseTimestamp('2023/02/30 00:00:00') // { ok: false, reason: 'day 30 does not exist in 2023/02' }
 */
export function parseTimestamp(text: string): ParsedTimestamp {
  const m = TIMESTAMP_RE.exec(text);
  if (!m) return { ok: false, reason: `expected ${TIMESTAMP_FORMAT} with zero-padded fields` };
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as [
    number, number, number, number, number, number,
  ];
  if (year < 1970) return { ok: false, reason: `year ${year} is before 1970` };
  if (month < 1 || month > 12) return { ok: false, reason: `month ${m[2]} is not 01-12` };
  if (day < 1 || day > daysInMonth(year, month)) {
    return { ok: false, reason: `day ${m[3]} does not exist in ${m[1]}/${m[2]}` };
  }
  if (hour > 23) return { ok: false, reason: `hour ${m[4]} is not 00-23` };
  if (minute > 59) return { ok: false, reason: `minute ${m[5]} is not 00-59` };
  if (second > 59) return { ok: false, reason: `second ${m[6]} is not 00-59` };
  return { ok: true, parts: { year, month, day, hour, minute, second } };
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    // Throws RangeError for an unknown zone, which is what a caller passing a bad zone deserves.
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock fields of `instant` in `timeZone`. */
export function partsInZone(instant: Date, timeZone: string): TimestampParts {
  const out: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(instant)) {
    if (p.type !== 'literal') out[p.type] = Number(p.value);
  }
  return {
    year: out.year!, month: out.month!, day: out.day!,
    hour: out.hour!, minute: out.minute!, second: out.second!,
  };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Writes parts as `yyyy/MM/dd HH:mm:ss`. */
export function stringifyTimestamp(p: TimestampParts): string {
  return `${pad(p.year, 4)}/${pad(p.month)}/${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
}

/**
 * Formats an instant as `yyyy/MM/dd HH:mm:ss` in an IANA time zone (default Asia/Shanghai).
 *
 * @example
 * formatTimestamp(new Date('2023-11-03T07:30:00Z')) // '2023/11/03 15:30:00'
 * formatTimestamp(new Date('2023-11-03T07:30:00Z'), 'UTC') // '2023/11/03 07:30:00'
 */
export function formatTimestamp(instant: Date, timeZone: string = DEFAULT_TIME_ZONE): string {
  return stringifyTimestamp(partsInZone(instant, timeZone));
}

/**
 * The instant that the wall-clock `parts` denote in `timeZone`. For a wall-clock time that occurs
 * twice (the hour repeated when daylight saving ends) one of the two instants is returned.
 */
export function timestampToDate(parts: TimestampParts, timeZone: string = DEFAULT_TIME_ZONE): Date {
  const asUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  const offsetAt = (t: number) => {
    const q = partsInZone(new Date(t), timeZone);
    return Date.UTC(q.year, q.month - 1, q.day, q.hour, q.minute, q.second) - t;
  };
  // Two passes settle the offset on either side of a daylight-saving change.
  let t = asUtc - offsetAt(asUtc);
  t = asUtc - offsetAt(t);
  return new Date(t);
}

/** Whether `timeZone` is an IANA zone this runtime knows. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** zod schema for a spec timestamp string (validated strictly, kept as the original string). */
export const timestampSchema = z
  .string({ error: stringError })
  .superRefine((value, ctx) => {
    const r = parseTimestamp(value);
    if (!r.ok) ctx.addIssue({ code: 'custom', message: `must be ${TIMESTAMP_FORMAT}: ${r.reason}` });
  })
  .meta({
    description: `Time in the format ${TIMESTAMP_FORMAT} (24-hour, zero-padded); sorts lexicographically in time order`,
    examples: ['2023/11/03 15:30:00'],
    pattern: TIMESTAMP_RE.source,
  });
