// The install path the README gives until the SDK is on the npm registry: `pnpm pack` the built
// package, `npm install` the .tgz into a mini-program (a real copy, not the symlink a `file:`
// folder or a workspace link makes), then WeChat's own npm build (miniprogram-ci
// packNpmManually, what DevTools' 构建 npm runs) on the sample mini-program's layout.
import { execFile } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const pkgDir = fileURLToPath(new URL('..', import.meta.url));
const sampleDir = fileURLToPath(new URL('../../../examples/miniprogram/', import.meta.url));
const built = existsSync(join(pkgDir, 'miniprogram_dist/index.js'));
const version = (JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { version: string }).version;

describe.skipIf(!built)('the packed SDK in the sample mini-program', () => {
  const work = mkdtempSync(join(tmpdir(), 'wx-sdk-packed-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('installs from the .tgz as a real copy and survives miniprogram-ci packNpmManually', async () => {
    await run('pnpm', ['pack', '--pack-destination', work], { cwd: pkgDir });
    const tgz = join(work, `mpchat-wx-sdk-${version}.tgz`);
    expect(existsSync(tgz)).toBe(true);

    // The sample as a developer copies it out of the repository: its mini-program folder and a
    // package.json with the dependency 构建 npm reads.
    const sample = join(work, 'sample');
    cpSync(join(sampleDir, 'miniprogram'), join(sample, 'miniprogram'), { recursive: true, filter: (src) => !src.includes('miniprogram_npm') });
    writeFileSync(join(sample, 'package.json'), JSON.stringify({ name: 'my-course-assistant', version: '1.0.0', private: true, dependencies: {} }));
    await run('npm', ['install', '--offline', '--no-audit', '--no-fund', tgz], { cwd: sample });
    const installed = join(sample, 'node_modules/@mpchat/wx-sdk');
    expect(lstatSync(installed).isSymbolicLink()).toBe(false);
    expect(JSON.parse(readFileSync(join(sample, 'package.json'), 'utf8')).dependencies['@mpchat/wx-sdk']).toMatch(/^file:.*\.tgz$/);
    // What is published: the builds, the README and the CHANGELOG; no sources, no tests.
    expect(readdirSync(installed).sort()).toEqual(['CHANGELOG.md', 'README.md', 'dist', 'miniprogram_dist', 'package.json']);
    expect(JSON.stringify(JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')).exports)).not.toContain('src/');

    const ci = createRequire(import.meta.url)('miniprogram-ci') as typeof import('miniprogram-ci');
    const result = await ci.packNpmManually({ packageJsonPath: join(sample, 'package.json'), miniprogramNpmDistDir: join(sample, 'miniprogram') });
    expect(result).toMatchObject({ miniProgramPackNum: 1, otherNpmPackNum: 0, warnList: [] });
    for (const file of ['index.js', 'markdown.js', 'cloud.js']) {
      const out = join(sample, 'miniprogram/miniprogram_npm/@mpchat/wx-sdk', file);
      expect(readFileSync(out, 'utf8')).toBe(readFileSync(join(pkgDir, 'miniprogram_dist', file), 'utf8'));
    }
  }, 120_000);
});
