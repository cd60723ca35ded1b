import { findCycles, type ModuleNode } from './import-graph.js';

/** One layer of a source tree: folders (or root files, by name without extension) that may import any layer below. */
export interface Layer {
  name: string;
  folders: readonly string[];
}

/**
 * The server's layers, bottom first. A folder may import its own layer and every layer below,
 * never one above; inside a layer, folders may import each other as long as no folder cycle forms.
 * Adapters and engines implement ports and read the configuration, so they sit above the leaf
 * modules (`knowledge/`, the KB's Markdown/zip file format, reads the engine's parser); the chat service and the transports see them only through the ports (see
 * {@link SERVER_NEVER_IMPORTS}), and only the composition root wires them in.
 */
export const SERVER_LAYERS: readonly Layer[] = [
  { name: 'error model and ports', folders: ['errors', 'ports'] },
  { name: 'leaf modules', folders: ['auth', 'wechat', 'limits', 'moderation', 'welcome', 'config'] },
  { name: 'adapters and engines', folders: ['adapters', 'engines', 'knowledge'] },
  { name: 'chat service', folders: ['chat'] },
  { name: 'transports', folders: ['http', 'ws'] },
  { name: 'composition root', folders: ['client-guards', 'log-sink', 'app', 'main', 'backup-main', 'index'] },
  { name: 'server test helpers', folders: ['testing'] },
];

/** Folders that must not import certain lower folders even though the layers allow it. */
export const SERVER_NEVER_IMPORTS: Readonly<Record<string, readonly string[]>> = {
  chat: ['adapters', 'engines'],
  http: ['adapters', 'engines'],
  ws: ['adapters', 'engines'],
};

/** The server's source root, relative to the repository. */
export const SERVER_SRC = 'apps/server/src/';

/** The folder a source file belongs to under `srcRoot` (a root file counts as its own folder), or undefined outside it. */
export function folderOf(file: string, srcRoot: string): string | undefined {
  if (!file.startsWith(srcRoot)) return undefined;
  const rest = file.slice(srcRoot.length);
  const slash = rest.indexOf('/');
  return slash < 0 ? rest.replace(/\.[cm]?[jt]sx?$/, '') : rest.slice(0, slash);
}

/** Whether a file is test code: tests may reach across layers to set a scene. */
const isTest = (file: string) => /\.test(-d)?\.ts$/.test(file);

/** The import edges between different folders under `srcRoot`, test files left out. */
export function folderEdges(nodes: readonly ModuleNode[], srcRoot: string): { from: string; to: string; file: string; target: string }[] {
  const edges: { from: string; to: string; file: string; target: string }[] = [];
  for (const n of nodes) {
    const from = folderOf(n.file, srcRoot);
    if (from === undefined || isTest(n.file)) continue;
    for (const target of n.files) {
      const to = folderOf(target, srcRoot);
      if (to !== undefined && to !== from) edges.push({ from, to, file: n.file, target });
    }
  }
  return edges;
}

/**
 * Every import that breaks the layer list: a folder importing a higher layer, a forbidden pair,
 * or a folder the list does not place (a new folder must be given a layer).
 */
export function layerViolations(
  nodes: readonly ModuleNode[],
  srcRoot: string,
  layers: readonly Layer[],
  never: Readonly<Record<string, readonly string[]>> = {},
): string[] {
  const rank = new Map<string, number>();
  layers.forEach((layer, i) => layer.folders.forEach((f) => rank.set(f, i)));
  const out = new Set<string>();
  for (const n of nodes) {
    const folder = folderOf(n.file, srcRoot);
    if (folder !== undefined && !rank.has(folder)) out.add(`${n.file}: folder "${folder}" is in no layer`);
  }
  for (const e of folderEdges(nodes, srcRoot)) {
    const from = rank.get(e.from);
    const to = rank.get(e.to);
    if (from === undefined || to === undefined) continue;
    if (to > from) out.add(`${e.file} → ${e.target}: ${layers[from]!.name} imports ${layers[to]!.name} (upward)`);
    if (never[e.from]?.includes(e.to)) out.add(`${e.file} → ${e.target}: ${e.from} never imports ${e.to}`);
  }
  return [...out].sort();
}

/** Folder cycles under `srcRoot` (folders that import each other, directly or around a ring), test files left out. */
export function folderCycles(nodes: readonly ModuleNode[], srcRoot: string): string[][] {
  const graph = new Map<string, Set<string>>();
  for (const n of nodes) {
    const folder = folderOf(n.file, srcRoot);
    if (folder !== undefined && !graph.has(folder)) graph.set(folder, new Set());
  }
  for (const e of folderEdges(nodes, srcRoot)) graph.get(e.from)!.add(e.to);
  return findCycles([...graph].map(([file, to]) => ({ file, files: [...to], packages: [], valueFiles: [] })));
}
