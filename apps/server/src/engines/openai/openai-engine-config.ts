import type { Logger } from 'pino';
import type { Config } from '../../config/config.js';
import { createKbEngine } from '../kb/index.js';
import { createOpenAiEngine, type OpenAiEngine, type OpenAiEngineOptions } from './openai-engine.js';

/** The LLM_* settings as engine options (everything but the knowledge base and the logger). */
export type LlmSettings = Omit<OpenAiEngineOptions, 'kb' | 'log'>;

/**
 * The LLM_* settings as engine options. The configuration schema has already checked them
 * (required with ENGINE=openai, URL shape, timeouts), with its one-line errors naming the variable.
 */
export function llmSettings(config: Config): LlmSettings {
  const { LLM_BASE_URL: baseURL, LLM_API_KEY: apiKey, LLM_MODEL: model } = config;
  if (!baseURL || !apiKey || !model) throw new Error('ENGINE=openai needs LLM_BASE_URL, LLM_API_KEY and LLM_MODEL (loadConfig checks them)');
  return {
    baseURL,
    apiKey,
    model,
    temperature: config.LLM_TEMPERATURE,
    maxOutputTokens: config.LLM_MAX_OUTPUT_TOKENS,
    firstTokenTimeoutMs: config.LLM_FIRST_TOKEN_TIMEOUT,
    totalTimeoutMs: config.LLM_TOTAL_TIMEOUT,
    maxRetries: config.LLM_MAX_RETRIES,
    concurrency: config.LLM_CONCURRENCY,
    topK: config.LLM_TOP_K,
    historyChars: config.LLM_HISTORY_CHARS,
    ...(config.LLM_SYSTEM_PROMPT_FILE ? { systemPromptFile: config.LLM_SYSTEM_PROMPT_FILE } : {}),
    fallback: config.LLM_FALLBACK,
  };
}

/**
 * Builds the openai engine from the configuration: validates LLM_*, loads the knowledge base
 * from KB_DIR (grounding and fallback), reads the system prompt file. Every failure is a
 * one-line Error naming what to fix.
 */
export async function createOpenAiEngineFromConfig(config: Config, log: Logger): Promise<OpenAiEngine> {
  const settings = llmSettings(config);
  const kb = await createKbEngine({ dir: config.KB_DIR, chunkDelayMs: config.KB_CHUNK_DELAY_MS });
  if (config.LLM_TOTAL_TIMEOUT > config.GENERATION_TIMEOUT) {
    log.warn({ LLM_TOTAL_TIMEOUT: config.LLM_TOTAL_TIMEOUT, GENERATION_TIMEOUT: config.GENERATION_TIMEOUT }, 'LLM_TOTAL_TIMEOUT is longer than GENERATION_TIMEOUT, which will end slow replies first');
  }
  try {
    return await createOpenAiEngine({ ...settings, kb, log: log.child({ engine: 'openai' }) });
  } catch (err) {
    const variable = config.LLM_SYSTEM_PROMPT_FILE ? 'LLM_SYSTEM_PROMPT_FILE' : 'the default system prompt';
    throw new Error(`${variable}: ${(err as Error).message.replace(/^\[openai\] /, '')}`, { cause: err });
  }
}
