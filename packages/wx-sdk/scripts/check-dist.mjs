// Checks the built SDK; turbo builds the package before its `test` script runs it, so CI checks it:
// miniprogram_dist/index.js within 11 KB gzipped and without the markdown renderer,
// miniprogram_dist/markdown.js within 6 KB, both ES2015 only, nothing a mini-program lacks;
// the published .d.ts self-contained. The checks live in dist-checks.mjs (tested there).
import { readFileSync } from 'node:fs';
import { BUDGET_BYTES, MARKDOWN_BUDGET_BYTES, checkBundle, checkCoreExcludesMarkdown, checkTypes, gzippedSize } from './dist-checks.mjs';

const read = (p) => readFileSync(new URL(`../${p}`, import.meta.url), 'utf8');
const code = read('miniprogram_dist/index.js');
const markdown = read('miniprogram_dist/markdown.js');
const cloud = read('miniprogram_dist/cloud.js');
const problems = [
  ...[...checkBundle(code), ...checkCoreExcludesMarkdown(code)].map((p) => `miniprogram_dist/index.js: ${p}`),
  ...checkBundle(markdown, MARKDOWN_BUDGET_BYTES).map((p) => `miniprogram_dist/markdown.js: ${p}`),
  // The cloud entry carries its own copy of the wx adapter; the core's budget bounds it.
  ...checkBundle(cloud).map((p) => `miniprogram_dist/cloud.js: ${p}`),
  ...['dist/index.d.ts', 'dist/index.d.cts', 'dist/markdown.d.ts', 'dist/markdown.d.cts', 'dist/cloud.d.ts', 'dist/cloud.d.cts'].flatMap((f) => checkTypes(read(f)).map((p) => `${f}: ${p}`)),
];
if (problems.length > 0) {
  console.error(`check-dist: ${problems.length} problem(s)\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
console.log(
  `check-dist: miniprogram_dist/index.js is ${gzippedSize(code)} bytes gzipped (budget ${BUDGET_BYTES}), ` +
    `markdown.js ${gzippedSize(markdown)} (budget ${MARKDOWN_BUDGET_BYTES}), cloud.js ${gzippedSize(cloud)}, ES2015, self-contained types`,
);
