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
  /** The imported project files whose values it uses (not only `import type` / `export type`). */
  valueFiles: string[];
}

/** Module specifiers a file imports or re-exports only as types (`import type`, `{ type A, type B }`). */
function typeOnlySpecifiers(text: string): { typeOnly: Set<string>; value: Set<string> } {
  const source = ts.createSourceFile('x.ts', text, ts.ScriptTarget.Latest, false);
  const typeOnly = new Set<string>();
  const value = new Set<string>();
  for (const st of source.statements) {
    if (!(ts.isImportDeclaration(st) || ts.isExportDeclaration(st)) || !st.moduleSpecifier || !ts.isStringLiteral(st.moduleSpecifier)) continue;
    const spec = st.moduleSpecifier.text;
    let onlyTypes: boolean;
    if (ts.isImportDeclaration(st)) {
      const clause = st.importClause;
      const named = clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements : undefined;
      onlyTypes = !!clause && (clause.isTypeOnly || (!clause.name && !!named && named.length > 0 && named.every((e) => e.isTypeOnly)));
    } else {
      const named = st.exportClause && ts.isNamedExports(st.exportClause) ? st.exportClause.elements : undefined;
      onlyTypes = st.isTypeOnly || (!!named && named.length > 0 && named.every((e) => e.isTypeOnly));
    }
    (onlyTypes ? typeOnly : value).add(spec);
  }
  return { typeOnly, value };
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
    const text = readFileSync(abs, 'utf8');
    const info = ts.preProcessFile(text, true, true);
    const kinds = typeOnlySpecifiers(text);
    const node: ModuleNode = { file: relative(root, abs), files: [], packages: [], valueFiles: [] };
    for (const { fileName } of info.importedFiles) {
      if (fileName.startsWith('.')) {
        const target = resolveRelative(abs, fileName);
        if (!target) continue;
        node.files.push(relative(root, target));
        // Dynamic imports and side-effect imports count as values.
        if (!kinds.typeOnly.has(fileName) || kinds.value.has(fileName)) node.valueFiles.push(relative(root, target));
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
