import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const MARK = '<!-- written by hand below; the bench keeps this part when it rewrites the figures -->';

/** Writes generated figures to `file`, keeping the hand-written reading after the marker. */
export function writeResults(file: string, generated: string): void {
  const old = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const i = old.indexOf(MARK);
  writeFileSync(file, `${generated.trimEnd()}\n\n${i >= 0 ? old.slice(i) : `${MARK}\n`}`);
}
