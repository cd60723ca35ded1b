// What WeChat DevTools' 工具 → 构建 npm does for a package with a "miniprogram" field: copy that
// folder verbatim to miniprogram_npm/<name>/, and resolve require('<name>') in the mini-program to
// miniprogram_npm/<name>/index.js, and require('<name>/<file>') to miniprogram_npm/<name>/<file>.js
// (developers.weixin.qq.com/miniprogram/dev/devtools/npm.html).
// Plain Node would load the package's "main" (its Node build), and would even take the copy left
// in place for ESM ("type": "module" in the SDK's package.json); the copy here sits outside any
// package, so it loads as the CommonJS it is, as on the phone.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

type Resolver = { _resolveFilename(request: string, ...rest: unknown[]): string };

/** A package's "miniprogram" folder, the part 构建 npm copies. */
function miniprogramFolder(name: string, from: string): string {
  const pkgJson = createRequire(from).resolve(`${name}/package.json`);
  const pkg = JSON.parse(readFileSync(pkgJson, 'utf8')) as { miniprogram?: unknown };
  if (typeof pkg.miniprogram !== 'string') throw new Error(`${name} has no "miniprogram" field: 构建 npm would not find its mini-program build`);
  const folder = join(dirname(pkgJson), pkg.miniprogram);
  if (!existsSync(join(folder, 'index.js'))) throw new Error(`${folder}/index.js is missing: build it first (pnpm --filter ${name} build)`);
  return folder;
}

/**
 * Builds miniprogram_npm for `names` (dependencies as seen from `from`) in a temporary folder and
 * makes CommonJS `require(name)` load it. Returns the function that undoes both.
 */
export function buildNpm(names: string[], from: string): () => void {
  const out = mkdtempSync(join(tmpdir(), 'miniprogram_npm-'));
  const entries = new Map<string, string>();
  for (const name of names) {
    cpSync(miniprogramFolder(name, from), join(out, 'miniprogram_npm', name), { recursive: true });
    entries.set(name, join(out, 'miniprogram_npm', name, 'index.js'));
  }
  // require('<name>/<file>') (e.g. '@mpchat/wx-sdk/markdown') → miniprogram_npm/<name>/<file>.js, as on the phone.
  const subpath = (request: string): string | undefined => {
    const name = names.find((n) => request.startsWith(`${n}/`));
    const file = name && join(out, 'miniprogram_npm', `${request}.js`);
    return file && existsSync(file) ? file : undefined;
  };
  const resolver = Module as unknown as Resolver;
  const original = resolver._resolveFilename;
  resolver._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]) {
    return entries.get(request) ?? subpath(request) ?? original.call(this, request, ...rest);
  };
  return () => {
    resolver._resolveFilename = original;
    rmSync(out, { recursive: true, force: true });
  };
}
