import type { ChatCompletionCreateParamsStreaming, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import pino, { type Logger } from 'pino';
import { EngineError, type EngineChunk, type EngineInput, type ReplyEngine } from '../../ports/engine.js';
import type { KbEngine } from '../kb/index.js';
import { suggestFollowUps } from '../kb/kb-suggestions.js';
import { groundedMessages } from './chat-messages.js';
import { seconds } from './completion-stream.js';
import { ConcurrencyGate } from './concurrency-gate.js';
import { kbFallback } from './kb-fallback.js';
import { createNodeHttpFetch } from './node-http-fetch.js';
import { createCompletionClient } from './openai-client.js';
import { retryingCompletion } from './retrying-completion.js';
import { DEFAULT_SYSTEM_PROMPT_FILE, readSystemPrompt } from './system-prompt-file.js';

/** Options of {@link createOpenAiEngine}; the defaults are the LLM_* defaults of the configuration. */
export interface OpenAiEngineOptions {
  /** API root of any OpenAI-compatible Chat Completions provider, e.g. `https://api.deepseek.com/v1`. */
  baseURL: string;
  apiKey: string;
  model: string;
  /** Default 0.3. */
  temperature?: number;
  /** `max_tokens` of each request (a cost guard). Default 1024. */
  maxOutputTokens?: number;
  /** Time from sending a request to its first text. Default 20 000. */
  firstTokenTimeoutMs?: number;
  /** Time for the whole answer: waiting for a slot, retries and streaming. Default 90 000. */
  totalTimeoutMs?: number;
  /** Retries on 429 / 5xx / broken connections before the first text. Default 2. */
  maxRetries?: number;
  /** First retry delay, doubling per retry up to `retryMaxDelayMs`. Defaults 500 and 8 000. */
  retryBaseDelayMs?: number;
  retryMaxDelayMs?: number;
  /** Upstream calls at once; more wait in a queue (a cost guard). Default 8. */
  concurrency?: number;
  /** Knowledge-base sections put into the system prompt. Default 4. */
  topK?: number;
  /** Character budget for earlier turns sent as memory. Default 4000. */
  historyChars?: number;
  /** The system prompt template, re-read by `reload`. Default: the shipped prompts/system.md. */
  systemPromptFile?: string | URL;
  /** What to do when the model fails: end the reply as failed, or answer from the knowledge base. Default 'none'. */
  fallback?: 'none' | 'kb';
  /** The knowledge base: the grounding index, and the fallback answers. */
  kb: KbEngine;
  log?: Logger;
}

/** A {@link ReplyEngine} backed by an OpenAI-compatible model, grounded in the knowledge base. */
export interface OpenAiEngine extends ReplyEngine {
  readonly name: 'openai';
  /** Re-reads the system prompt file and the knowledge base; on failure keeps both and rethrows. */
  reload(): Promise<void>;
  close(): Promise<void>;
  /** Upstream calls in flight and waiting for a slot. */
  readonly upstream: { readonly active: number; readonly queued: number };
}

/**
 * Creates the engine: each answer retrieves the best knowledge-base sections for the question,
 * sends them in the system prompt together with the session's earlier turns, and streams the
 * model's reply. Rejects when the system prompt file cannot be read.
 *
 * @example
 * const kb = await createKbEngine({ dir: './kb' });
 * const engine = await createOpenAiEngine({ baseURL: 'https://api.deepseek.com/v1', apiKey, model: 'deepseek-chat', kb });
 */
export async function createOpenAiEngine(options: OpenAiEngineOptions): Promise<OpenAiEngine> {
  const log = options.log ?? pino({ level: 'silent' });
  const totalMs = options.totalTimeoutMs ?? 90_000;
  const firstTokenMs = options.firstTokenTimeoutMs ?? 20_000;
  const promptFile = options.systemPromptFile ?? DEFAULT_SYSTEM_PROMPT_FILE;
  const { kb } = options;
  const gate = new ConcurrencyGate(options.concurrency ?? 8);
  let systemPrompt = await readSystemPrompt(promptFile);
  // The backstop just past our total timeout, so our own timers always speak first.
  // Over node:http: the streamed reply is read as a Node stream, much cheaper per piece.
  const http = createNodeHttpFetch();
  const client = createCompletionClient({ baseURL: options.baseURL, apiKey: options.apiKey, backstopTimeoutMs: totalMs + 1_000, fetch: http.fetch });

  /**
   * The model's text for `messages`, once a slot of the gate is free (undefined when the user's
   * signal ended the wait). Not a generator of its own: the caller iterates the retrying
   * completion directly and calls `release` when done, one async layer fewer per piece.
   */
  async function upstream(
    messages: ChatCompletionMessageParam[],
    signal: AbortSignal,
    deadline: AbortSignal,
    deadlineAt: number,
  ): Promise<{ texts: AsyncGenerator<string>; release: () => void } | undefined> {
    let release: () => void;
    try {
      // A free slot is taken at once: only a wait needs the combined signal (costly to make per reply).
      const free = gate.active < gate.limit && !deadline.aborted;
      release = await gate.acquire(free ? signal : AbortSignal.any([signal, deadline]));
    } catch {
      if (signal.aborted) return undefined;
      throw new EngineError('UPSTREAM_TIMEOUT', `the model service is busy: no free slot within ${seconds(totalMs)}`);
    }
    const params: ChatCompletionCreateParamsStreaming = {
      model: options.model,
      messages,
      stream: true,
      temperature: options.temperature ?? 0.3,
      // `max_tokens`, not `max_completion_tokens`: the compatible providers (DeepSeek, Qwen, Ollama, vLLM…) read this one.
      max_tokens: options.maxOutputTokens ?? 1024,
    };
    return {
      texts: retryingCompletion(client, params, {
        signal,
        deadline,
        deadlineAt,
        firstTokenMs,
        totalMs,
        maxRetries: options.maxRetries ?? 2,
        baseDelayMs: options.retryBaseDelayMs ?? 500,
        maxDelayMs: options.retryMaxDelayMs ?? 8_000,
        log,
      }),
      release,
    };
  }

  return {
    name: 'openai',
    get upstream() {
      return { active: gate.active, queued: gate.queued };
    },
    async *answer(input: EngineInput): AsyncGenerator<EngineChunk> {
      if (input.signal.aborted) return;
      const deadlineAt = Date.now() + totalMs;
      const deadline = AbortSignal.timeout(totalMs);
      const { messages, sources, questionHits } = groundedMessages(kb.knowledgeBase, input.message, input.history, {
        systemPrompt,
        topK: options.topK ?? 4,
        historyChars: options.historyChars ?? 4000,
      });
      let wroteText = false;
      // Follow-ups from the sections the model was given, as the kb engine offers them.
      const suggestions = suggestFollowUps(kb.knowledgeBase, { question: input.message, sources, questionHits });
      if (sources.length > 0) yield { sources, suggestions };
      try {
        const model = await upstream(messages, input.signal, deadline, deadlineAt);
        if (model) {
          try {
            for await (const text of model.texts) {
              wroteText = true;
              yield text;
            }
          } finally {
            model.release();
          }
        }
      } catch (err) {
        if (input.signal.aborted) return;
        if (options.fallback !== 'kb') throw err;
        log.warn({ err, sessionId: input.sessionId, seq: input.seq }, '[openai] model failed; answering from the knowledge base');
        yield* kbFallback(kb, input, { text: wroteText, sources });
      }
    },
    isReady: () => true,
    async reload() {
      const prompt = await readSystemPrompt(promptFile);
      await kb.reload();
      systemPrompt = prompt;
    },
    close: () => {
      http.close();
      return kb.close();
    },
    // The sections the model is given come from the same index as the kb engine's answers.
    useKnowledge: (knowledge) => kb.useKnowledge(knowledge),
    rank: (question, limit) => kb.rank(question, limit),
    questionTerms: (question) => kb.questionTerms(question),
  };
}
