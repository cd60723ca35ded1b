import { DEFAULT_TIME_ZONE as SERVER_TIME_ZONE } from '@mpchat/contract/wire';

/** The server's default time zone, and the SDK's. */
export const DEFAULT_TIME_ZONE = SERVER_TIME_ZONE;

// Zones whose offset is fixed, computed with Date arithmetic because `Intl` may be missing in
// mini-program runtimes. China has kept +08:00 all year since 1992 (it observed daylight saving
// 1986-1991), so for any instant after 1991 this equals the contract's Intl-based formatter.
const FIXED_OFFSET_MINUTES: Record<string, number> = {
  'Asia/Shanghai': 480,
  'Asia/Chongqing': 480,
  PRC: 480,
  UTC: 0,
  'Etc/UTC': 0,
  GMT: 0,
};

const pad = (n: number, width = 2): string => {
  let s = String(n);
  while (s.length < width) s = `0${s}`;
  return s;
};

function stringify(y: number, mo: number, d: number, h: number, mi: number, s: number): string {
  return `${pad(y, 4)}/${pad(mo)}/${pad(d)} ${pad(h)}:${pad(mi)}:${pad(s)}`;
}

interface DateTimeFormatLike {
  formatToParts(date: Date): Array<{ type: string; value: string }>;
}
declare const Intl: { DateTimeFormat?: new (locale: string, options: object) => DateTimeFormatLike } | undefined;

/**
 * Formats an instant the way the spec writes timestamps, `yyyy/MM/dd HH:mm:ss`, 24-hour clock,
 * every field zero-padded, as wall-clock time in `timeZone` (default Asia/Shanghai).
 * Asia/Shanghai and UTC need no `Intl`; any other IANA zone does, and throws a RangeError
 * where the runtime has none.
 *
 * @example
 * formatTimestamp(new Date('2023-11-03T07:30:00Z')) // '2023/11/03 15:30:00'
 * formatTimestamp(new Date('2023-11-03T07:30:00Z'), 'UTC') // '2023/11/03 07:30:00'
 */
export function formatTimestamp(instant: Date, timeZone: string = DEFAULT_TIME_ZONE): string {
  const offset = FIXED_OFFSET_MINUTES[timeZone];
  if (offset !== undefined) {
    const d = new Date(instant.getTime() + offset * 60_000);
    return stringify(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds());
  }
  if (typeof Intl === 'undefined' || !Intl || !Intl.DateTimeFormat) {
    throw new RangeError(`[wx-sdk] time zone ${timeZone} needs Intl, which this runtime lacks; use Asia/Shanghai or UTC`);
  }
  const f = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(instant)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return stringify(p.year!, p.month!, p.day!, p.hour!, p.minute!, p.second!);
}
