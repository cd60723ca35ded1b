// The console's bundle check, run after every build: the JavaScript a teacher's browser fetches on
// the first load (the entry, what it imports, and the first page shown — sign-in or the overview)
// must stay within 400 KB gzipped, and ECharts must not be part of it: it is fetched only when the
// overview draws its chart.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const LIMIT_KB = 400;
const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const manifest = JSON.parse(readFileSync(`${dist}.vite/manifest.json`, 'utf8'));

/** A chunk and everything it imports statically (what the browser fetches with it). */
function closure(key, seen = new Set()) {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const next of manifest[key]?.imports ?? []) closure(next, seen);
  return seen;
}

const entry = Object.keys(manifest).find((k) => manifest[k].isEntry);
const firstPages = ['src/pages/SignInPage.vue', 'src/pages/OverviewPage.vue'];
for (const page of firstPages) if (!manifest[page]) throw new Error(`check-bundle: ${page} is not a chunk of its own`);
const first = new Set([...closure(entry), ...firstPages.flatMap((p) => [...closure(p)])]);
const chart = [...closure('src/components/TrendChart.vue')].filter((k) => !first.has(k));

const gz = (file) => gzipSync(readFileSync(`${dist}${file}`)).length;
const firstKb = [...first].reduce((sum, k) => sum + gz(manifest[k].file), 0) / 1024;
const chartKb = chart.reduce((sum, k) => sum + gz(manifest[k].file), 0) / 1024;
const chartCode = chart.map((k) => readFileSync(`${dist}${manifest[k].file}`, 'utf8')).join('');

console.log(`console bundle: first load ${firstKb.toFixed(1)} KB gzipped JS (limit ${LIMIT_KB} KB); the chart chunk ${chartKb.toFixed(1)} KB, loaded on the overview only`);
const problems = [];
if (firstKb > LIMIT_KB) problems.push(`first load is ${firstKb.toFixed(1)} KB gzipped, over ${LIMIT_KB} KB`);
// ECharts' renderer registers itself under this name; finding it in the first load means it moved there.
if (!chartCode.includes('echarts') && !chartCode.includes('zrender')) problems.push('ECharts is not in the chart chunk');
if (chart.length === 0) problems.push('the chart has no chunk of its own: ECharts is in the first load');
if (problems.length > 0) {
  console.error(`check-bundle: ${problems.join('; ')}`);
  process.exit(1);
}
