/** A range of whole days as the date pickers hold it: first and last day, `YYYY-MM-DD`, both included. */
export type DayRange = [string, string];

const pad = (n: number) => String(n).padStart(2, '0');
const day = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/** The last `n` days, today included. */
export function lastDays(n: number, today = new Date()): DayRange {
  const first = new Date(today.getFullYear(), today.getMonth(), today.getDate() - (n - 1));
  return [day(first), day(today)];
}

/** Local midnight of a `YYYY-MM-DD` day, `after` days later. */
function midnight(date: string, after = 0): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d + after);
}

/**
 * The API's half-open `[from, to)` for a day range, as instants: the teacher's days are their own
 * time zone's, so local midnight of the first day up to local midnight after the last.
 */
export function rangeQuery(range: DayRange | undefined): { from?: string; to?: string } {
  if (!range || !range[0] || !range[1]) return {};
  return { from: midnight(range[0]).toISOString(), to: midnight(range[1], 1).toISOString() };
}

/** An ISO instant as local `YYYY-MM-DD HH:mm`, or `MM-DD HH:mm` where space is short (a phone's table). */
export function formatTime(iso: string | null | undefined, short = false): string {
  if (!iso) return '';
  const d = new Date(iso);
  const time = `${day(d)} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
  return short ? time.slice(5) : time;
}

/** The day presets of every range picker (today, 7 and 30 days), labelled by the caller. */
export function rangePresets(labels: { today: string; week: string; month: string }): Record<string, DayRange> {
  return { [labels.today]: lastDays(1), [labels.week]: lastDays(7), [labels.month]: lastDays(30) };
}
