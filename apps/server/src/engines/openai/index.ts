export { createOpenAiEngine, type OpenAiEngine, type OpenAiEngineOptions } from './openai-engine.js';
export { createOpenAiEngineFromConfig, llmSettings, type LlmSettings } from './openai-engine-config.js';
export { groundedMessages, historyMessages, systemPromptWith, KNOWLEDGE_PLACEHOLDER, type GroundedMessages, type GroundingOptions } from './chat-messages.js';
export { ConcurrencyGate } from './concurrency-gate.js';
export { createOpenAiClient, type OpenAiClientOptions } from './openai-client.js';
export { FALLBACK_NOTICE } from './kb-fallback.js';
export { DEFAULT_SYSTEM_PROMPT_FILE, readSystemPrompt } from './system-prompt-file.js';
