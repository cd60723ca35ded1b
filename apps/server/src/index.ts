/**
 * @mpchat/server — build an mpchat server in-process (embedding, benchmarks, tests).
 * `main.ts` is the command-line entry point; this module is the programmatic one.
 *
 * @packageDocumentation
 */
export { createAdapters } from './adapters/create-adapters.js';
export { LOCAL_PROFILE } from './adapters/local/local-profile.js';
export type { AdapterProfile, Adapters } from './ports/adapter-profile.js';
export { createApp } from './app.js';
export { chatOptionsFrom, DEFAULT_CHAT_OPTIONS } from './chat/chat-options-from.js';
export type { AppDeps, MpchatApp } from './app.js';
export { ChatError } from './errors/chat-error.js';
export { ChatService } from './chat/chat-service.js';
export { LocalBus } from './adapters/local/local-bus.js';
export { LocalQueue } from './adapters/local/local-queue.js';
export type { ChatOptions } from './chat/options.js';
export { ConfigError, configSchema, loadConfig } from './config/config.js';
export type { Config } from './config/config.js';
export { createEngine } from './engines/create-engine.js';
export { composeReply, createKbEngine, DEFAULT_MIN_CONFIDENCE, KnowledgeBase, loadKnowledgeBase, readSynonyms } from './engines/kb/index.js';
export type { KbEntry, KbHit, KbReply } from './engines/kb/index.js';
export { EngineError } from './ports/engine.js';
export type { EngineChunk, EngineInput, HistoryTurn, ReplyEngine } from './ports/engine.js';
export type { ChatEvent, EventBus } from './ports/bus.js';
export type { GenerationQueue } from './ports/queue.js';
export { StoreUnavailableError } from './ports/store.js';
export type { ChatStore, Turn, TurnStatus } from './ports/store.js';
export { MemoryStore } from './adapters/memory/memory-store.js';
export { SqliteStore } from './adapters/sqlite/sqlite-store.js';
