// The checks behind scripts/check-dist.mjs, as functions a test can feed bad input to.
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';

/**
 * Largest gzipped size of miniprogram_dist/index.js (the core). 11 KB since issues #12 and #14: logging
 * in (wx.login, the token kept and renewed once on 401, headers on requests and the socket), feedback,
 * the welcome message and suggestions took the core past its old 10 KB.
 */
export const BUDGET_BYTES = 11 * 1024;

/** Largest gzipped size of miniprogram_dist/markdown.js (@mpchat/wx-sdk/markdown), on top of the core. */
export const MARKDOWN_BUDGET_BYTES = 6 * 1024;

/** Something only the markdown entry holds: the core bundle must not contain it. */
export const MARKDOWN_MARKER = 'md-pre-code';

// acorn is the parser WeChat's own npm build uses; miniprogram-ci (a devDependency) ships it.
const acorn = createRequire(createRequire(import.meta.url).resolve('miniprogram-ci/package.json'))('acorn');

// Built-ins newer than ES2015 (or absent from mini-program runtimes) that no transpiler adds.
const LATE_METHODS = new Set(['padStart', 'padEnd', 'includes', 'finally', 'flat', 'flatMap', 'at', 'replaceAll', 'trimStart', 'trimEnd', 'matchAll', 'allSettled', 'fromEntries']);
const LATE_OBJECT_METHODS = new Set(['entries', 'values', 'fromEntries', 'getOwnPropertyDescriptors']);
const FORBIDDEN_GLOBALS = new Set(['window', 'globalThis', 'global', 'process', 'require', 'eval', 'Function', 'BigInt', 'WeakRef', 'queueMicrotask', 'structuredClone', 'TextDecoder', 'TextEncoder', 'Buffer']);

/** Gzipped size of a bundle. */
export function gzippedSize(code) {
  return gzipSync(code, { level: 9 }).length;
}

/**
 * Problems of a mini-program bundle: not ES2015 syntax (acorn, ecmaVersion 2015), later built-ins,
 * require / eval / new Function, window / globalThis / process, over the size budget
 * (`budget`, the core's by default).
 */
export function checkBundle(code, budget = BUDGET_BYTES) {
  const problems = [];
  const gz = gzippedSize(code);
  if (gz > budget) problems.push(`${gz} bytes gzipped; the budget is ${budget}`);
  let ast;
  try {
    ast = acorn.parse(code, { ecmaVersion: 2015, sourceType: 'script' });
  } catch (err) {
    problems.push(`not ES2015: ${err.message}`);
    return problems;
  }
  const excerpt = (node) => code.slice(Math.max(0, node.start - 30), node.end + 30).replace(/\s+/g, ' ');
  const walk = (node, parent, key) => {
    if (node.type === 'MemberExpression' && !node.computed && node.property.type === 'Identifier') {
      const name = node.property.name;
      const full = node.object.type === 'Identifier' ? `${node.object.name}.${name}` : '';
      if (LATE_METHODS.has(name)) problems.push(`uses .${name} (newer than ES2015): ${excerpt(node)}`);
      else if (node.object.type === 'Identifier' && node.object.name === 'Object' && LATE_OBJECT_METHODS.has(name)) {
        // e.g. Object.getOwnPropertyDescriptors, which esbuild's object-spread helper calls (Chrome 54+).
        problems.push(`uses ${full} (newer than ES2015): ${excerpt(node)}`);
      }
    }
    if (node.type === 'Identifier' && FORBIDDEN_GLOBALS.has(node.name)) {
      const nameOnly =
        (parent.type === 'MemberExpression' && key === 'property' && !parent.computed) ||
        ((parent.type === 'Property' || parent.type === 'MethodDefinition') && key === 'key' && !parent.computed);
      if (!nameOnly) problems.push(`references ${node.name}: ${excerpt(node)}`);
    }
    for (const k of Object.keys(node)) {
      const v = node[k];
      if (Array.isArray(v)) for (const child of v) child && typeof child.type === 'string' && walk(child, node, k);
      else if (v && typeof v.type === 'string') walk(v, node, k);
    }
  };
  walk(ast, { type: 'Root' }, undefined);
  return problems;
}

/** Problems of the core bundle beyond checkBundle's: it must not carry the markdown entry. */
export function checkCoreExcludesMarkdown(code) {
  return code.indexOf(MARKDOWN_MARKER) >= 0 ? ['contains the markdown renderer (keep it in the @mpchat/wx-sdk/markdown entry)'] : [];
}

/** Problems of a published .d.ts: it must need neither @mpchat/contract nor zod. */
export function checkTypes(dts) {
  return /from\s+['"](@mpchat\/contract(\/[\w-]+)?|zod)['"]|import\(\s*['"](@mpchat\/contract(\/[\w-]+)?|zod)['"]\s*\)/.test(dts)
    ? ['imports @mpchat/contract or zod']
    : [];
}
