import type { FeedbackItem } from '@mpchat/contract';

/** The CSV columns, in order: what a teacher's spreadsheet shows. */
const COLUMNS = ['ratedAt', 'rating', 'question', 'answer', 'comment', 'sessionId', 'seq'] as const satisfies readonly (keyof FeedbackItem)[];

/**
 * One CSV cell (RFC 4180 quoting). A cell starting with `=`, `+`, `-` or `@` (or a tab / carriage
 * return, which some spreadsheets skip before reading a formula) is prefixed with `'`, so a student
 * typing `=HYPERLINK(…)` as a comment cannot make Excel run a formula (OWASP "CSV injection").
 * Cells holding a `;` or a tab are quoted as well as those with `,`: Excel in locales whose list
 * separator is `;` (and tab-separated pastes) would otherwise split them into columns, shifting a
 * `;=cmd…` fragment into a cell of its own where it starts a formula.
 */
export function csvCell(value: string | number): string {
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",;\t\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * The export as CSV, streamed: a UTF-8 byte-order mark (without it Excel reads UTF-8 as the local
 * code page and shows Chinese as mojibake), a header row, one CRLF-ended row per item.
 */
export async function* feedbackCsv(items: AsyncIterable<FeedbackItem>): AsyncGenerator<string> {
  yield `\uFEFF${COLUMNS.join(',')}\r\n`;
  for await (const item of items) yield `${COLUMNS.map((c) => csvCell(item[c])).join(',')}\r\n`;
}

/** The export as the JSON envelope, streamed item by item (the same bytes JSON.stringify would give). */
export async function* feedbackJson(items: AsyncIterable<FeedbackItem>): AsyncGenerator<string> {
  yield '{"code":200,"message":"rated answers, oldest first","data":{"items":[';
  let first = true;
  for await (const item of items) {
    yield `${first ? '' : ','}${JSON.stringify(item)}`;
    first = false;
  }
  yield ']}}';
}
