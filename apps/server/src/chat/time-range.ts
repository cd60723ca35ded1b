/** A half-open time range [from, to) in ms since epoch; either end may be open. */
export interface TimeRange {
  from?: number | undefined;
  to?: number | undefined;
}

/** Whether `at` lies in `range`. */
export const inRange = (at: number, range: TimeRange): boolean => (range.from === undefined || at >= range.from) && (range.to === undefined || at < range.to);
