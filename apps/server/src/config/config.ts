import { fileURLToPath } from 'node:url';
import { DEFAULT_TIME_ZONE, isValidTimeZone, MAX_CONTENT_LENGTH } from '@mpchat/contract';
import { z } from 'zod';
import { authSettings } from './auth-settings.js';
import { limitSettings } from '../limits/limit-settings.js';
import { wechatSettings } from '../wechat/wechat-settings.js';
import { applyDerivedDefaults } from './derived-defaults.js';
import { durationSchema } from './duration.js';
import { shownValue } from './shown-value.js';
import { teacherSettings } from './teacher-settings.js';
import { moderationSettings } from '../moderation/moderation-settings.js';
import { configIssues, LLM_BASE_URL_EXAMPLE } from './config-checks.js';

const int = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, { error: 'must be a whole number' })
    .transform(Number)
    .pipe(z.number().min(min, { error: `must be at least ${min}` }).max(max, { error: `must be at most ${max}` }));

// zod's stringbool: true/false, 1/0, yes/no, on/off, enabled/disabled, y/n in any case.
const bool = z.string().trim().pipe(z.stringbool({ error: 'must be true or false' }));

/** The shipped sample knowledge base (apps/server/kb), found relative to this module. */
export const DEFAULT_KB_DIR = fileURLToPath(new URL('../../kb/', import.meta.url));

/**
 * Every setting, read from the environment. Each key is the variable's name; the README's
 * configuration table lists the same names, defaults and meanings.
 */
export const configSchema = z
  .object({
    PORT: int(0, 65535).default(8080),
    HOST: z.string().min(1).default('0.0.0.0'),
    STORE: z.enum(['sqlite', 'memory', 'redis', 'mysql'], { error: 'must be sqlite, memory, redis or mysql' }).default('sqlite'),
    SQLITE_PATH: z.string().min(1).default('./data/mpchat.db'),
    MYSQL_URL: z.string().regex(/^mysql:\/\/[^/]+\/[^/?]+/, { error: 'must be a mysql://user:pass@host:3306/database URL' }).optional(),
    MYSQL_CONNECTIONS: int(1, 1000).default(10),
    DEPLOY_TARGET: z.enum(['any', 'wxcloudrun'], { error: 'must be any or wxcloudrun' }).default('any'),
    // No default here: with STORE=mysql, setting it is what turns on the Redis bus and queue (several instances).
    REDIS_URL: z.string().regex(/^rediss?:\/\//, { error: 'must be a redis:// or rediss:// URL' }).optional(),
    REDIS_PREFIX: z.string().min(1).default('mpchat:'),
    REDIS_JOB_LOCK_MS: int(500, 3_600_000).default(10_000),
    REDIS_WORKER: bool.default(true),
    ENGINE: z.enum(['kb', 'openai'], { error: 'must be kb or openai' }).default('kb'),
    KB_DIR: z.string().min(1).default(DEFAULT_KB_DIR),
    KB_CHUNK_DELAY_MS: int(0, 10_000).default(15),
    TIMEZONE: z.string().refine(isValidTimeZone, { error: 'must be an IANA time zone such as Asia/Shanghai' }).default(DEFAULT_TIME_ZONE),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    SESSION_IDLE_TTL: durationSchema('s').default(30 * 60_000),
    SWEEP_INTERVAL: durationSchema('s').default(60_000),
    TOMBSTONE_TTL: durationSchema('s').default(24 * 3_600_000),
    MAX_BODY_BYTES: int(256, 1 << 20).default(16 * 1024),
    MAX_CONTENT_LENGTH: int(1, 100_000).default(MAX_CONTENT_LENGTH),
    MAX_PENDING_TURNS: int(1, 1000).default(8),
    MAX_LIVE_SESSIONS: int(1, 10_000_000).default(10_000),
    MAX_MESSAGES_PER_SESSION: int(0, 1_000_000).default(0),
    // Unset: by engine (derived-defaults.ts).
    GENERATION_CONCURRENCY: int(1, 10_000).default(16),
    GENERATION_TIMEOUT: durationSchema('s').default(120_000),
    HISTORY_TURNS: int(0, 100).default(10),
    // 0 by default: pieces that arrive together leave together, no clock. A window adds up to its length
    // to every piece, and on a crowded host its timers fire late (see bench/streaming/RESULTS.md).
    STREAM_COALESCE: durationSchema('ms').refine((ms) => ms <= 1_000, { error: 'must be at most 1s' }).default(0),
    STREAM_COALESCE_CHARS: int(1, 100_000).default(64),
    POLL_RETRY_AFTER_MS: int(100, 60_000).default(1_000),
    // 7 s: with the 2 s hard-exit margin, shutdown ends within Docker's default 10 s stop timeout.
    SHUTDOWN_GRACE: durationSchema('s').default(7_000),
    // How long a client may take to send a whole request (headers and body); long-polls wait on the response, not this.
    REQUEST_TIMEOUT: durationSchema('s').refine((ms) => ms >= 1_000, { error: 'must be at least 1s' }).default(30_000),
    WS_HEARTBEAT: durationSchema('s').default(20_000),
    WS_MAX_BUFFERED_BYTES: int(1024, 1 << 30).default(1 << 20),
    WS_RATE_PER_SECOND: int(1, 10_000).default(10),
    WS_RATE_BURST: int(1, 10_000).default(30),
    LLM_BASE_URL: z
      .url({ protocol: /^https?$/, error: `must be an http(s) URL such as ${LLM_BASE_URL_EXAMPLE}` })
      // The client appends /chat/completions itself; a full endpoint URL would 404 on every question.
      .refine((u) => !/\/chat\/completions\/?$/i.test(u), { error: `must be the API root such as ${LLM_BASE_URL_EXAMPLE}, without /chat/completions` })
      .optional(),
    LLM_API_KEY: z.string().min(1).optional(),
    LLM_MODEL: z.string().min(1).optional(),
    LLM_TEMPERATURE: z.coerce.number({ error: 'must be a number from 0 to 2' }).min(0, { error: 'must be a number from 0 to 2' }).max(2, { error: 'must be at most 2' }).default(0.3),
    LLM_MAX_OUTPUT_TOKENS: int(1, 1_000_000).default(1024),
    LLM_FIRST_TOKEN_TIMEOUT: durationSchema('s').refine((ms) => ms > 0, { error: 'must be more than 0' }).default(20_000),
    LLM_TOTAL_TIMEOUT: durationSchema('s').default(90_000),
    LLM_MAX_RETRIES: int(0, 10).default(2),
    LLM_CONCURRENCY: int(1, 10_000).default(8),
    LLM_TOP_K: int(0, 20).default(4),
    LLM_HISTORY_CHARS: int(0, 1_000_000).default(4000),
    LLM_SYSTEM_PROMPT_FILE: z.string().min(1).optional(),
    LLM_FALLBACK: z.enum(['none', 'kb'], { error: 'must be none or kb' }).default('none'),
    TRUST_PROXY: bool.default(false),
    // Proxies in front that each append to X-Forwarded-For; the client is the entry they appended first.
    TRUST_PROXY_HOPS: int(1, 10).default(1),
    // Unset: off in production (derived-defaults.ts).
    PLAYGROUND: bool.default(true),
    NODE_ENV: z.string().trim().min(1).optional(),
    CONSOLE: bool.default(true),
    METRICS: bool.default(true),
    // When set, /metrics answers only `Authorization: Bearer <METRICS_TOKEN>` (for a scraper); 401 otherwise.
    METRICS_TOKEN: z.string().min(16, { error: 'must be at least 16 characters (e.g. openssl rand -hex 16)' }).optional(),
    ...authSettings,
    ...wechatSettings,
    ...limitSettings,
    ...moderationSettings,
    FEEDBACK: bool.default(true),
    ...teacherSettings,
  })
  // Settings valid alone but not together, all in one style: see configIssues.
  .superRefine((c, ctx) => {
    for (const issue of configIssues(c)) ctx.addIssue({ code: 'custom', ...issue });
  });

/** Redis for STORE=redis when REDIS_URL is unset. */
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

/** The validated configuration. */
export type Config = z.output<typeof configSchema>;

/** A bad setting: the message is one line naming the variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Reads and validates the configuration. Empty variables count as unset.
 *
 * @example
 * const config = loadConfig(process.env); // throws ConfigError('PORT must be at most 65535 (got "70000")')
 */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const input: Record<string, string> = {};
  for (const key of Object.keys(configSchema.shape)) {
    const v = env[key];
    if (v !== undefined && v.trim() !== '') input[key] = v;
  }
  const r = configSchema.safeParse(input);
  if (r.success) return applyDerivedDefaults(r.data, new Set(Object.keys(input)));
  const issue = r.error.issues[0]!;
  // A cross-field issue without a path names its variables in its message.
  if (issue.path.length === 0) throw new ConfigError(issue.message);
  const key = String(issue.path[0]);
  throw new ConfigError(`${key} ${issue.message}${key in input ? ` (got ${shownValue(key, input[key]!)})` : ''}`);
}
