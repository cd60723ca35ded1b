import { defineConfig, type Options } from 'tsup';

// The contract's zod-free wire entry (a devDependency) is bundled from its TypeScript source, so
// the SDK build needs no contract build first. The architecture test keeps that entry zod-free.
const fromSource: Options['esbuildOptions'] = (options) => {
  options.conditions = ['@mpchat/source'];
};

export default defineConfig([
  {
    // dist/: ESM (index.js) + CommonJS (index.cjs) with bundled types, for Node, bundlers and browsers.
    // markdown: the separate @mpchat/wx-sdk/markdown entry (the core never imports it); cloud: @mpchat/wx-sdk/cloud.
    entry: { index: 'src/index.ts', markdown: 'src/markdown/index.ts', cloud: 'src/cloud/index.ts' },
    format: ['esm', 'cjs'],
    target: 'es2018',
    platform: 'neutral',
    dts: true,
    // One file per entry: the playground serves dist/index.js and dist/markdown.js as they are.
    splitting: false,
    sourcemap: true,
    clean: true,
    outDir: 'dist',
    esbuildOptions: fromSource,
  },
  {
    // miniprogram_dist/: what WeChat's 构建 npm copies verbatim (package.json "miniprogram").
    // One self-contained CommonJS file, ES2015 syntax (DevTools' own ES5 pass targets
    // chrome 53 / iOS 8), no Node built-ins, no require at all. Checked by scripts/check-dist.mjs.
    // require('@mpchat/wx-sdk/markdown') in a mini-program resolves to miniprogram_npm/@mpchat/wx-sdk/markdown.js.
    entry: { index: 'src/index.ts', markdown: 'src/markdown/index.ts', cloud: 'src/cloud/index.ts' },
    format: ['cjs'],
    target: 'es2015',
    platform: 'neutral',
    outDir: 'miniprogram_dist',
    outExtension: () => ({ js: '.js' }),
    minify: true,
    clean: true,
    dts: false,
    sourcemap: false,
    treeshake: true,
    esbuildOptions: fromSource,
  },
]);
