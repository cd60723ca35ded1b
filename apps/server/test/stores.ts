import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChatStore } from '../src/ports/store.js';
import { MemoryStore } from '../src/adapters/memory/memory-store.js';
import { SqliteStore } from '../src/adapters/sqlite/sqlite-store.js';

const dir = mkdtempSync(join(tmpdir(), 'mpchat-http-'));
let n = 0;

/** The stores every HTTP test runs against: memory, and SQLite on a real file. */
export const STORES: [string, () => ChatStore][] = [
  ['memory', () => new MemoryStore()],
  ['sqlite', () => new SqliteStore(join(dir, `t${n++}.db`))],
];
