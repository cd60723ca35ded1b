import type { KbEngine } from '../../kb/index.js';
import { createOpenAiEngine, type OpenAiEngine, type OpenAiEngineOptions } from '../openai-engine.js';
import type { FakeUpstream } from './fake-upstream.js';

/** An openai engine on the fake provider, with short timeouts and near-instant backoff (tests). */
export function engineOnFake(fake: FakeUpstream, kb: KbEngine, options: Partial<OpenAiEngineOptions> = {}): Promise<OpenAiEngine> {
  return createOpenAiEngine({
    baseURL: fake.baseURL,
    apiKey: 'test-key',
    model: 'fake-model',
    kb,
    firstTokenTimeoutMs: 2_000,
    totalTimeoutMs: 5_000,
    retryBaseDelayMs: 5,
    ...options,
  });
}
