import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { folderCycles, folderEdges, folderOf, layerViolations, SERVER_LAYERS, SERVER_NEVER_IMPORTS, SERVER_SRC } from './folder-layers.js';
import { findCycles, readImportGraph, type ModuleNode } from './import-graph.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const graph = readImportGraph(root);

/** The real graph with one more import planted in it. */
function planted(file: string, target: string): ModuleNode[] {
  return graph.map((n) => (n.file === file ? { ...n, files: [...n.files, target] } : n));
}

const src = (path: string) => `${SERVER_SRC}${path}`;

describe('server folder layers', () => {
  it('reads the server folders, root files included', () => {
    expect(folderOf(src('chat/chat-service.ts'), SERVER_SRC)).toBe('chat');
    expect(folderOf(src('app.ts'), SERVER_SRC)).toBe('app');
    expect(folderOf('packages/contract/src/index.ts', SERVER_SRC)).toBeUndefined();
    expect(folderEdges(graph, SERVER_SRC).some((e) => e.from === 'http' && e.to === 'chat')).toBe(true);
  });

  it('nothing imports upward, and every folder has a layer', () => {
    expect(layerViolations(graph, SERVER_SRC, SERVER_LAYERS, SERVER_NEVER_IMPORTS)).toEqual([]);
  });

  it('folders form no cycle', () => {
    expect(folderCycles(graph, SERVER_SRC)).toEqual([]);
  });

  it('catches a planted upward import (a leaf module importing the chat service)', () => {
    const nodes = planted(src('limits/client-limits.ts'), src('chat/chat-service.ts'));
    expect(layerViolations(nodes, SERVER_SRC, SERVER_LAYERS, SERVER_NEVER_IMPORTS)).toEqual([
      `${src('limits/client-limits.ts')} → ${src('chat/chat-service.ts')}: leaf modules imports chat service (upward)`,
    ]);
  });

  it('catches the error model importing anything above it', () => {
    const nodes = planted(src('errors/chat-error.ts'), src('auth/identity.ts'));
    expect(layerViolations(nodes, SERVER_SRC, SERVER_LAYERS)).toHaveLength(1);
  });

  it('catches a planted folder cycle inside one layer (no file cycle needed)', () => {
    // config reads auth's, limits' and moderation's settings, and those import auth: auth importing
    // config closes a ring of folders, though no file imports itself around it.
    const nodes = planted(src('auth/identity.ts'), src('config/duration.ts'));
    expect(findCycles(nodes)).toEqual([]);
    expect(folderCycles(nodes, SERVER_SRC)).toEqual([['auth', 'config', 'limits', 'moderation']]);
    expect(layerViolations(nodes, SERVER_SRC, SERVER_LAYERS, SERVER_NEVER_IMPORTS)).toEqual([]);
  });

  it('catches the chat service importing an adapter (it sees ports only)', () => {
    const nodes = planted(src('chat/service-core.ts'), src('adapters/memory/memory-store.ts'));
    expect(layerViolations(nodes, SERVER_SRC, SERVER_LAYERS, SERVER_NEVER_IMPORTS)).toEqual([
      `${src('chat/service-core.ts')} → ${src('adapters/memory/memory-store.ts')}: chat never imports adapters`,
    ]);
  });

  it('asks for a layer for a new folder', () => {
    const nodes: ModuleNode[] = [...graph, { file: src('kb-admin/kb-route.ts'), files: [], packages: [], valueFiles: [] }];
    expect(layerViolations(nodes, SERVER_SRC, SERVER_LAYERS)).toEqual([`${src('kb-admin/kb-route.ts')}: folder "kb-admin" is in no layer`]);
  });
});
