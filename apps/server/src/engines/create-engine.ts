import type { Logger } from 'pino';
import type { Config } from '../config/config.js';
import type { ReplyEngine } from '../ports/engine.js';
import { createKbEngine } from './kb/index.js';
import { createOpenAiEngineFromConfig } from './openai/index.js';

/** Builds the reply engine the configuration names (ENGINE). Rejects with a one-line message naming what to fix. */
export async function createEngine(config: Config, log: Logger): Promise<ReplyEngine> {
  switch (config.ENGINE) {
    case 'kb':
      return createKbEngine({ dir: config.KB_DIR, chunkDelayMs: config.KB_CHUNK_DELAY_MS });
    case 'openai':
      return createOpenAiEngineFromConfig(config, log);
  }
}
