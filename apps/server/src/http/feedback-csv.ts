import type { FeedbackItem } from '@mpchat/contract';

/** The CSV columns, in order: what a teacher's spreadsheet shows. */
const COLUMNS = ['ratedAt', 'rating', 'question', 'answer', 'comment', 'sessionId', 'seq'] as const satisfies readonly (keyof FeedbackItem)[];

/**
 * One CSV cell (RFC 4180 quoting). A cell starting with `=`, `+`, `-` or `@` (or a tab / carriage
 * return, which some spreadsheets skip before reading a formula) is prefixed with `'`, so a student
 * typing `=HYPERLINK(…)` as a comment cannot make Excel run a formula (OWASP "CSV injection").
 */
export function csvCell(value: string | number): string {
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * The export as CSV: a UTF-8 byte-order mark (without it Excel reads UTF-8 as the local code page
 * and shows Chinese as mojibake), a header row, CRLF line ends.
 */
export function feedbackCsv(items: readonly FeedbackItem[]): string {
  const rows = [COLUMNS.join(','), ...items.map((item) => COLUMNS.map((c) => csvCell(item[c])).join(','))];
  return `\uFEFF${rows.join('\r\n')}\r\n`;
}
