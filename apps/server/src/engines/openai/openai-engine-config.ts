import type { Logger } from 'pino';
import type { Config } from '../../config/config.js';
import { createKbEngine } from '../kb/index.js';
import { createOpenAiEngine, type OpenAiEngine, type OpenAiEngineOptions } from './openai-engine.js';

/** The LLM_* settings as engine options (everything but the knowledge base and the logger). */
export type LlmSettings = Omit<OpenAiEngineOptions, 'kb' | 'log'>;

/**
 * Checks the LLM_* settings ENGINE=openai needs and turns them into engine options. Throws an
 * Error whose message is one line naming the variable, which main.ts prints before exiting.
 *
 * @example
 * llmSettings(loadConfig({ ENGINE: 'openai' })); // throws 'ENGINE=openai needs LLM_BASE_URL (e.g. https://api.deepseek.com/v1)'
 */
export function llmSettings(config: Config): LlmSettings {
  const baseURL = config.LLM_BASE_URL;
  if (!baseURL) throw new Error('ENGINE=openai needs LLM_BASE_URL (e.g. https://api.deepseek.com/v1)');
  if (!/^https?:\/\//i.test(baseURL)) throw new Error(`LLM_BASE_URL must be an http(s) URL such as https://api.deepseek.com/v1 (got ${JSON.stringify(baseURL)})`);
  // The client appends /chat/completions itself; a full endpoint URL would 404 on every question.
  if (/\/chat\/completions\/?$/i.test(baseURL)) {
    throw new Error(`LLM_BASE_URL is the API root such as https://api.deepseek.com/v1, without /chat/completions (got ${JSON.stringify(baseURL)})`);
  }
  if (!config.LLM_API_KEY) throw new Error('ENGINE=openai needs LLM_API_KEY (any non-empty value for a local server such as Ollama or vLLM)');
  if (!config.LLM_MODEL) throw new Error('ENGINE=openai needs LLM_MODEL (e.g. deepseek-chat, qwen-plus, moonshot-v1-8k)');
  if (config.LLM_FIRST_TOKEN_TIMEOUT <= 0) throw new Error('LLM_FIRST_TOKEN_TIMEOUT must be more than 0 (got 0)');
  if (config.LLM_TOTAL_TIMEOUT < config.LLM_FIRST_TOKEN_TIMEOUT) {
    throw new Error(`LLM_TOTAL_TIMEOUT (${config.LLM_TOTAL_TIMEOUT} ms) must be at least LLM_FIRST_TOKEN_TIMEOUT (${config.LLM_FIRST_TOKEN_TIMEOUT} ms)`);
  }
  return {
    baseURL,
    apiKey: config.LLM_API_KEY,
    model: config.LLM_MODEL,
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
