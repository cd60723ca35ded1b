import type { ChatOptions } from '../chat/options.js';
import { configSchema, type Config } from './config.js';
import { transcriptRetentionMs } from './teacher-settings.js';

/** Chat options from the configuration. */
export function chatOptionsFrom(config: Config): ChatOptions {
  return {
    timeZone: config.TIMEZONE,
    maxPendingTurns: config.MAX_PENDING_TURNS,
    maxLiveSessions: config.MAX_LIVE_SESSIONS,
    maxMessagesPerSession: config.MAX_MESSAGES_PER_SESSION,
    transcriptRetentionMs: transcriptRetentionMs(config),
    generationTimeoutMs: config.GENERATION_TIMEOUT,
    historyTurns: config.HISTORY_TURNS,
    pollRetryAfterMs: config.POLL_RETRY_AFTER_MS,
    sessionIdleTtlMs: config.SESSION_IDLE_TTL,
    tombstoneTtlMs: config.TOMBSTONE_TTL,
    sweepIntervalMs: Math.min(config.SWEEP_INTERVAL, Math.max(1_000, Math.floor(config.SESSION_IDLE_TTL / 2))),
  };
}

/** The chat options of an empty environment: the defaults live once, in the configuration schema. */
export const DEFAULT_CHAT_OPTIONS: ChatOptions = chatOptionsFrom(configSchema.parse({}));
