// The shipped @mpchat/wx-sdk/markdown entry: through WeChat's real npm build (miniprogram-ci),
// loaded as a mini-program loads it (CommonJS, no globals at all), within its own budget, and
// absent from the core bundle.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { afterAll, describe, expect, it } from 'vitest';
import { MARKDOWN_BUDGET_BYTES, MARKDOWN_MARKER, checkBundle, checkCoreExcludesMarkdown, checkTypes } from '../scripts/dist-checks.mjs';

const pkgDir = fileURLToPath(new URL('..', import.meta.url));
const markdownPath = join(pkgDir, 'miniprogram_dist/markdown.js');
const built = existsSync(markdownPath);

type MarkdownModule = typeof import('../src/markdown/index.js');

// `pnpm test` builds first (the package's test script runs tsup); a bare `vitest run` may not have.
describe.skipIf(!built)('the mini-program build of @mpchat/wx-sdk/markdown', () => {
  const project = mkdtempSync(join(tmpdir(), 'wx-sdk-markdown-'));
  afterAll(() => rmSync(project, { recursive: true, force: true }));

  it('survives packNpmManually and renders with no globals', async () => {
    const installed = join(project, 'node_modules/@mpchat/wx-sdk');
    mkdirSync(installed, { recursive: true });
    cpSync(join(pkgDir, 'package.json'), join(installed, 'package.json'));
    cpSync(join(pkgDir, 'miniprogram_dist'), join(installed, 'miniprogram_dist'), { recursive: true });
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'demo', version: '1.0.0', dependencies: { '@mpchat/wx-sdk': '0.1.0' } }));
    const ci = createRequire(import.meta.url)('miniprogram-ci') as typeof import('miniprogram-ci');
    await ci.packNpmManually({ packageJsonPath: join(project, 'package.json'), miniprogramNpmDistDir: join(project, 'miniprogram') });
    const file = join(project, 'miniprogram/miniprogram_npm/@mpchat/wx-sdk/markdown.js');
    const module = { exports: {} as MarkdownModule };
    const context = vm.createContext({});
    const wrapper = vm.runInContext(`(function (module, exports) {${readFileSync(file, 'utf8')}\n})`, context) as (m: typeof module, e: object) => void;
    wrapper(module, module.exports);
    const nodes = module.exports.markdownToNodes('## 标题\n**粗** `code`\n```\nx\n');
    expect(JSON.parse(JSON.stringify(nodes))).toMatchObject([
      { name: 'h2', children: [{ type: 'text', text: '标题' }] },
      { name: 'p', children: [{ name: 'strong' }, { type: 'text', text: ' ' }, { name: 'code' }] },
      { name: 'pre', children: [{ name: 'code', children: [{ type: 'text', text: 'x' }] }] },
    ]);
    expect(module.exports.nodesToHtml(nodes)).toContain('<h2 class="md-h2"');
  });

  it('passes the shipped checks: ES2015, within its own budget, not in the core, self-contained types', () => {
    expect(checkBundle(readFileSync(markdownPath, 'utf8'), MARKDOWN_BUDGET_BYTES)).toEqual([]);
    expect(checkCoreExcludesMarkdown(readFileSync(join(pkgDir, 'miniprogram_dist/index.js'), 'utf8'))).toEqual([]);
    expect(checkTypes(readFileSync(join(pkgDir, 'dist/markdown.d.ts'), 'utf8'))).toEqual([]);
  });
});

describe('the markdown dist checks', () => {
  it('a markdown bundle over its 6 KB budget', () => {
    const big = `var s = ${JSON.stringify(Array.from({ length: 20_000 }, (_, i) => (i * 7919) % 65_536).join(','))};`;
    expect(checkBundle(big, MARKDOWN_BUDGET_BYTES)).toEqual([expect.stringMatching(/budget is 6144/)]);
  });

  it('a core bundle that carries the renderer', () => {
    expect(checkCoreExcludesMarkdown(`var c = "${MARKDOWN_MARKER}";`)).toHaveLength(1);
  });
});
