/**
 * A CSV file built in the browser (for lists the server answers only as JSON pages): RFC 4180
 * quoting, a cell that a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, tab, CR first) is
 * prefixed with `'` so a student's text cannot run one, a UTF-8 byte-order mark so Excel shows
 * Chinese, and CRLF line ends — the same file the server's feedback export makes.
 */
export function csvFile(header: readonly string[], rows: readonly (readonly (string | number | null)[])[]): Blob {
  const cell = (value: string | number | null): string => {
    let s = value === null ? '' : String(value);
    if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [header, ...rows].map((row) => row.map(cell).join(','));
  return new Blob([`\uFEFF${lines.join('\r\n')}\r\n`], { type: 'text/csv;charset=utf-8' });
}
