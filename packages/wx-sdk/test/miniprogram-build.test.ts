// The shipped miniprogram_dist through WeChat's real npm build (miniprogram-ci, offline, no appid),
// then loaded the way a mini-program loads it: CommonJS in a bare context whose only platform
// API is a `wx` global — no fetch, WebSocket, TextDecoder, crypto, process or require.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { checkBundle, checkTypes } from '../scripts/dist-checks.mjs';
import { BGP, BGP_TITLE } from './helpers.js';
import { WxShim } from '@mpchat/testkit';

const pkgDir = fileURLToPath(new URL('..', import.meta.url));
const bundlePath = join(pkgDir, 'miniprogram_dist/index.js');
const built = existsSync(bundlePath);
const requireHere = createRequire(import.meta.url);

type SdkModule = typeof import('../src/index.js');

function loadInMiniProgramContext(file: string, wx: WxShim): SdkModule {
  const context = vm.createContext({ wx, console, setTimeout, clearTimeout, setInterval, clearInterval });
  const module = { exports: {} as SdkModule };
  const wrapper = vm.runInContext(`(function (module, exports) {${readFileSync(file, 'utf8')}\n})`, context, { filename: file }) as (
    m: typeof module,
    e: SdkModule,
  ) => void;
  wrapper(module, module.exports);
  return module.exports;
}

// `pnpm test` builds first (the package's test script runs tsup); a bare `vitest run` may not have.
describe.skipIf(!built)('the mini-program build (miniprogram_dist)', () => {
  const project = mkdtempSync(join(tmpdir(), 'wx-sdk-miniprogram-'));
  afterAll(() => rmSync(project, { recursive: true, force: true }));

  it('survives miniprogram-ci packNpmManually and talks to the server with only a wx global', async () => {
    const installed = join(project, 'node_modules/@mpchat/wx-sdk');
    mkdirSync(installed, { recursive: true });
    cpSync(join(pkgDir, 'package.json'), join(installed, 'package.json'));
    cpSync(join(pkgDir, 'miniprogram_dist'), join(installed, 'miniprogram_dist'), { recursive: true });
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'demo-miniprogram', version: '1.0.0', dependencies: { '@mpchat/wx-sdk': '0.1.0' } }));

    const ci = requireHere('miniprogram-ci') as typeof import('miniprogram-ci');
    const result = await ci.packNpmManually({ packageJsonPath: join(project, 'package.json'), miniprogramNpmDistDir: join(project, 'miniprogram') });
    expect(result).toMatchObject({ miniProgramPackNum: 1, otherNpmPackNum: 0, warnList: [] });
    const entry = join(project, 'miniprogram/miniprogram_npm/@mpchat/wx-sdk/index.js');
    expect(existsSync(entry)).toBe(true);

    const shim = new WxShim();
    const sdk = loadInMiniProgramContext(entry, shim);
    expect(typeof sdk.ChatClient).toBe('function');
    expect(typeof sdk.bindAppLifecycle).toBe('function');
    const client = new sdk.ChatClient({ baseUrl: inject('fastUrl') });
    let streamed = '';
    const reply = await client.send(BGP, { onDelta: (soFar) => (streamed = soFar) });
    expect(reply.content.startsWith(BGP_TITLE)).toBe(true);
    expect(streamed).toBe(reply.content);
    expect(client.sessionIdSource).toBe('secure');
    expect(client.transport).toBe('socket');
    expect(shim.requests.length).toBeGreaterThan(0);
    const err = await client.send('长'.repeat(2001)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(sdk.ChatError);
    await client.destroy();
  });

  it('passes the shipped checks: ES2015, no late built-ins, within budget; self-contained types', () => {
    expect(checkBundle(readFileSync(bundlePath, 'utf8'))).toEqual([]);
    expect(checkTypes(readFileSync(join(pkgDir, 'dist/index.d.ts'), 'utf8'))).toEqual([]);
  });
});

describe('the dist checks catch what a mini-program cannot run', () => {
  it.each([
    ['optional chaining', 'var a = {}; a?.b;', /not ES2015/],
    ['nullish coalescing', 'var a = null ?? 1;', /not ES2015/],
    ['a class field', 'class A { x = 1 }', /not ES2015/],
    ['an async function', 'async function f() {}', /not ES2015/],
    ['object spread', 'var a = { ...b };', /not ES2015/],
    ['require of a variable', 'var m = require(name);', /references require/],
    ['new Function', 'var f = new Function("return 1");', /references Function/],
    ['window', 'window.x = 1;', /references window/],
    ['padStart', '"1".padStart(2, "0");', /padStart/],
    ['Promise#finally', 'p.finally(done);', /finally/],
    ['Object.entries', 'Object.entries(o);', /Object\.entries/],
    ["esbuild's object-spread helper (Object.getOwnPropertyDescriptors)", 'var d = Object.getOwnPropertyDescriptors(b);', /getOwnPropertyDescriptors/],
  ])('%s', (_, code, problem) => {
    expect(checkBundle(code)).toEqual([expect.stringMatching(problem)]);
  });

  it('a bundle over the budget', () => {
    const big = `var s = ${JSON.stringify(Array.from({ length: 40_000 }, (_, i) => (i * 7919) % 65_536).join(','))};`;
    expect(checkBundle(big)).toEqual([expect.stringMatching(/budget/)]);
  });

  it('types that import the contract', () => {
    expect(checkTypes("import { ErrorCode } from '@mpchat/contract';")).toHaveLength(1);
    expect(checkTypes("export { WS_CLOSE } from '@mpchat/contract/wire';")).toHaveLength(1);
    expect(checkTypes("type X = import('zod').ZodType;")).toHaveLength(1);
  });
});
