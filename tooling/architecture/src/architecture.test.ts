import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findCycles, readImportGraph } from './import-graph.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const graph = readImportGraph(root);
const appNames = ['@mpchat/server', '@mpchat/console'];

describe('architecture', () => {
  it('reads the workspace sources', () => {
    expect(graph.some((n) => n.file === 'packages/contract/src/index.ts')).toBe(true);
  });

  it('has no import cycles', () => {
    expect(findCycles(graph)).toEqual([]);
  });

  it('finds a cycle when there is one (the checker itself works)', () => {
    const fake = [
      { file: 'a.ts', files: ['b.ts'], packages: [], valueFiles: [] },
      { file: 'b.ts', files: ['c.ts'], packages: [], valueFiles: [] },
      { file: 'c.ts', files: ['a.ts'], packages: [], valueFiles: [] },
      { file: 'd.ts', files: ['a.ts'], packages: [], valueFiles: [] },
    ];
    expect(findCycles(fake)).toEqual([['a.ts', 'b.ts', 'c.ts']]);
  });

  it('packages/* never import apps/*', () => {
    const offenders = graph
      .filter((n) => n.file.startsWith('packages/'))
      .flatMap((n) => [
        ...n.files.filter((f) => f.startsWith('apps/')).map((f) => `${n.file} → ${f}`),
        ...n.packages.filter((p) => appNames.includes(p)).map((p) => `${n.file} → ${p}`),
      ]);
    expect(offenders).toEqual([]);
  });

  it('server transports (http/, ws/) use the chat service only: no port or adapter values', () => {
    const offenders = graph
      .filter((n) => /^apps\/server\/src\/(http|ws)\//.test(n.file) && !/\.test\.ts$/.test(n.file))
      .flatMap((n) => n.valueFiles.filter((f) => /^apps\/server\/src\/(ports|adapters)\//.test(f)).map((f) => `${n.file} → ${f}`));
    expect(offenders).toEqual([]);
  });

  it('tells a value import from a type-only one (the door check itself works)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'arch-'));
    mkdirSync(join(dir, 'apps'));
    writeFileSync(join(dir, 'apps/port.ts'), 'export interface P {}\nexport const v = 1;\n');
    writeFileSync(join(dir, 'apps/typed.ts'), "import type { P } from './port.js';\nimport { type P as Q } from './port.js';\n");
    writeFileSync(join(dir, 'apps/valued.ts'), "import { v, type P } from './port.js';\n");
    const nodes = new Map(readImportGraph(dir).map((n) => [n.file, n]));
    expect(nodes.get('apps/typed.ts')!.valueFiles).toEqual([]);
    expect(nodes.get('apps/valued.ts')!.valueFiles).toEqual(['apps/port.ts']);
    rmSync(dir, { recursive: true, force: true });
  });

  it('tests share helpers through @mpchat/testkit, never through another package\'s files', () => {
    const packageOf = (file: string): string => {
      for (let dir = dirname(file); dir !== '.'; dir = dirname(dir)) if (existsSync(`${root}/${dir}/package.json`)) return dir;
      return '.';
    };
    const offenders = graph.flatMap((n) =>
      n.files
        .filter((f) => packageOf(f) !== packageOf(n.file) && f.slice(packageOf(f).length).startsWith('/test/'))
        .map((f) => `${n.file} → ${f}`),
    );
    expect(packageOf('packages/wx-sdk/test/helpers.ts')).toBe('packages/wx-sdk');
    expect(offenders).toEqual([]);
  });

  it('the test kit spawns the server by path and imports no server source', () => {
    const kit = graph.filter((n) => n.file.startsWith('tooling/testkit/'));
    expect(kit.length).toBeGreaterThan(0);
    expect(kit.flatMap((n) => [...n.files.filter((f) => !f.startsWith('tooling/testkit/')), ...n.packages.filter((p) => p.startsWith('@mpchat/'))])).toEqual([]);
  });

  it('the contract depends on zod only', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../../packages/contract/package.json', import.meta.url), 'utf8'));
    expect(Object.keys(pkg.dependencies)).toEqual(['zod']);
    const imports = new Set(
      graph.filter((n) => n.file.startsWith('packages/contract/src/') && !/\.test(-d)?\.ts$/.test(n.file)).flatMap((n) => n.packages),
    );
    expect([...imports]).toEqual(['zod']);
  });

  it('the wire entry of the contract reaches no package at all (the SDK bundles it)', () => {
    const byFile = new Map(graph.map((n) => [n.file, n]));
    const seen = new Set<string>();
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const f of byFile.get(file)?.files ?? []) visit(f);
    };
    visit('packages/contract/src/wire.ts');
    expect(seen.size).toBeGreaterThan(1);
    expect([...seen].flatMap((f) => byFile.get(f)?.packages ?? [])).toEqual([]);
  });

  it('wx-sdk sources import zod nowhere and the contract only as types', () => {
    const sdk = graph.filter((n) => n.file.startsWith('packages/wx-sdk/src/') && !/\.test\.ts$/.test(n.file));
    for (const n of sdk) {
      expect(n.packages, n.file).not.toContain('zod');
      if (n.packages.includes('@mpchat/contract')) {
        const text = readFileSync(`${root}/${n.file}`, 'utf8');
        // Values come from the zod-free `@mpchat/contract/wire` entry only.
        expect(text, n.file).not.toMatch(/^import\s+\{[^}]*\}\s+from\s+'@mpchat\/contract'/m);
      }
    }
  });
});
