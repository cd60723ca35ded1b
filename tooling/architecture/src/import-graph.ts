import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/** Folders that hold workspace source, relative to the repository root. */
const WORKSPACE_GLOBS = ['packages', 'apps', 'examples', 'bench', 'tooling'];
const SKIP = new Set(['node_modules', 'dist', 'miniprogram_dist', 'miniprogram_npm', '.turbo', 'coverage']);

/** A source file and the files and packages it imports. */
export interface ModuleNode {
  file: string;
  /** Repository-relative paths of imported project files. */
  files: string[];
  /** Bare package names it imports (`@mpchat/server`, `zod`, `node:fs`...). */
  packages: string[];
}

function walk(dir: string, out: string[]): void {
  for (const name of readdirSync(dir)) {
    if (SKIP.has(name) || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.(ts|tsx|mts|cts|js|mjs|cjs)$/.test(name) && !name.endsWith('.d.ts')) out.push(p);
  }
}

function resolveRelative(from: string, spec: string): string | undefined {
  const base = resolve(dirname(from), spec);
  const stem = base.replace(/\.(js|mjs|cjs)$/, '');
  for (const c of [base, `${stem}.ts`, `${stem}.tsx`, `${stem}.mts`, join(base, 'index.ts'), join(base, 'index.js')]) {
    if (existsSync(c) && statSync(c).isFile()) return c;
  }
  return undefined;
}

function packageName(spec: string): string {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/** Reads every workspace source file under `root` and the imports each one makes. */
export function readImportGraph(root: string): ModuleNode[] {
  const files: string[] = [];
  for (const g of WORKSPACE_GLOBS) if (existsSync(join(root, g))) walk(join(root, g), files);
  return files.map((abs) => {
    const info = ts.preProcessFile(readFileSync(abs, 'utf8'), true, true);
    const node: ModuleNode = { file: relative(root, abs), files: [], packages: [] };
    for (const { fileName } of info.importedFiles) {
      if (fileName.startsWith('.')) {
        const target = resolveRelative(abs, fileName);
        if (target) node.files.push(relative(root, target));
      } else {
        node.packages.push(packageName(fileName));
      }
    }
    return node;
  });
}

/** Strongly connected components with more than one file (or a file importing itself): the cycles. */
export function findCycles(nodes: ModuleNode[]): string[][] {
  const edges = new Map(nodes.map((n) => [n.file, n.files]));
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const comp: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        comp.push(w);
      } while (w !== v);
      if (comp.length > 1 || (edges.get(v) ?? []).includes(v)) cycles.push(comp.sort());
    }
  };
  for (const v of edges.keys()) if (!idx.has(v)) visit(v);
  return cycles;
}
