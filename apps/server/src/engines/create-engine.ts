import type { Logger } from 'pino';
import type { Config } from '../config/config.js';
import type { ReplyEngine } from '../ports/engine.js';
import { createKbEngine } from './kb/index.js';

/** Builds the reply engine the configuration names (ENGINE). */
export async function createEngine(config: Config, _log: Logger): Promise<ReplyEngine> {
  switch (config.ENGINE) {
    case 'kb':
      return createKbEngine({ dir: config.KB_DIR, chunkDelayMs: config.KB_CHUNK_DELAY_MS });
    case 'openai':
      throw new Error('ENGINE=openai is not available in this build');
  }
}
