import type { Config } from '../config/config.js';
import type { ChatStore } from '../ports/store.js';
import { MemoryStore } from './memory-store.js';
import { SqliteStore } from './sqlite-store.js';

/** Builds the store the configuration names (STORE). */
export async function createStore(config: Config): Promise<ChatStore> {
  switch (config.STORE) {
    case 'sqlite':
      return new SqliteStore(config.SQLITE_PATH);
    case 'memory':
      return new MemoryStore();
    case 'redis':
      throw new Error('STORE=redis is not available in this build');
  }
}
