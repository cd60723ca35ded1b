#!/usr/bin/env node
// Reads the configuration from the environment, builds the adapters and listens.
import pino from 'pino';
import { createApp } from './app.js';
import { createAdapters } from './adapters/create-adapters.js';
import type { Adapters } from './ports/adapter-profile.js';
import { configWarnings } from './config/config-warnings.js';
import { ConfigError, configSchema, DEFAULT_REDIS_URL, loadConfig, type Config } from './config/config.js';
import { createLogSink } from './log-sink.js';
import { createEngine } from './engines/create-engine.js';
import { MemorySharedCache, type SharedCache } from './wechat/shared-cache.js';
import { WelcomeFile } from './welcome/welcome-file.js';

/** After SHUTDOWN_GRACE, how long shutdown may still take before the process exits regardless. */
const HARD_EXIT_MARGIN_MS = 2_000;
/** How long the last log lines may take to reach the log reader on exit. */
const LOG_FLUSH_MS = 1_000;

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`mpchat: invalid configuration: ${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  // A log reader that goes away (a shipper restarting, a dead `| tee`) must never hold the process.
  const sink = createLogSink();
  // The pid on every line: `kill -HUP <pid>` (reload) must reach node itself, not a pnpm wrapper.
  const logger = pino({ level: config.LOG_LEVEL, base: { service: 'mpchat', pid: process.pid } }, sink.stream);
  for (const warning of configWarnings(process.env, Object.keys(configSchema.shape))) logger.warn(warning);
  let engine: Awaited<ReturnType<typeof createEngine>>;
  let adapters: Adapters;
  let welcome: WelcomeFile;
  try {
    welcome = await WelcomeFile.open(config.KB_DIR);
    engine = await createEngine(config, logger);
    adapters = await createAdapters(config, logger);
  } catch (err) {
    process.stderr.write(`mpchat: cannot start: ${(err as Error).message}\n`);
    process.exit(1);
  }
  const app = createApp({
    config,
    ...adapters,
    engine,
    welcome,
    logger,
    ...(config.MODERATION.includes('wechat') ? { sharedCache: await wechatTokenCache(config) } : {}),
  });
  const address = await app.listen(config.PORT, config.HOST).catch((err: NodeJS.ErrnoException) => {
    process.stderr.write(`mpchat: cannot start: ${listenProblem(err, config)}\n`);
    process.exit(1);
  });
  logger.info(
    { port: address.port, host: address.address, store: adapters.store.kind, engine: engine.name, playground: config.PLAYGROUND },
    `mpchat listening on http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${address.port} (pid ${process.pid}; kill -HUP ${process.pid} reloads the knowledge base)`,
  );

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    // Whatever holds the shutdown (a store that does not answer, a log pipe nobody reads), the
    // process is gone SHUTDOWN_GRACE + 2 s after the signal.
    setTimeout(() => process.exit(1), config.SHUTDOWN_GRACE + HARD_EXIT_MARGIN_MS);
    app.close().then(
      async () => {
        logger.info({ droppedLogLines: sink.counts.dropped, logWriteErrors: sink.counts.errors }, 'bye');
        await sink.settle(LOG_FLUSH_MS);
        process.exit(0);
      },
      async (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        await sink.settle(LOG_FLUSH_MS);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGHUP', () => {
    // The engine re-reads its own files; the knowledge base, kept in the store, takes in KB_DIR's edits.
    engine
      .reload?.()
      .then(() => app.chat.reloadKnowledgeFolder())
      .then(
        (counts) => logger.info({ engine: engine.name, ...(counts ? { knowledgeBase: counts } : {}) }, 'engine reloaded'),
        (err: unknown) => logger.error({ err }, 'engine reload failed; keeping the previous data'),
      );
    app.moderation?.reload().then(
      (terms) => terms !== undefined && logger.info({ terms }, 'moderation word list reloaded'),
      (err: unknown) => logger.error({ err }, 'moderation word list reload failed; keeping the previous list'),
    );
    welcome.reload().then(
      () => logger.info('welcome reloaded'),
      (err: unknown) => logger.error({ err }, 'welcome reload failed; keeping the previous one'),
    );
  });
}

/** One line for a port that cannot be bound (in use, or privileged), else the error's own message. */
function listenProblem(err: NodeJS.ErrnoException, config: Config): string {
  const where = `${config.HOST}:${config.PORT}`;
  if (err.code === 'EADDRINUSE') return `port ${config.PORT} is already in use (${where}); stop the other process or set PORT`;
  if (err.code === 'EACCES') return `no permission to listen on port ${config.PORT} (${where}); use a port above 1023 or set PORT`;
  if (err.code === 'EADDRNOTAVAIL') return `HOST ${config.HOST} is not an address of this machine; set HOST (e.g. 127.0.0.1 or 0.0.0.0)`;
  return err.message;
}

/**
 * Where WeChat's access token is kept: in Redis, shared by every instance, whenever instances share
 * a Redis (STORE=redis, or STORE=mysql with REDIS_URL); else in memory.
 */
async function wechatTokenCache(config: Config): Promise<SharedCache> {
  if (config.STORE !== 'redis' && !config.REDIS_URL) return new MemorySharedCache();
  const { createRedisConnection } = await import('./adapters/redis/redis-connection.js');
  const { RedisSharedCache } = await import('./wechat/redis-shared-cache.js');
  return new RedisSharedCache(createRedisConnection(config.REDIS_URL ?? DEFAULT_REDIS_URL, 'command'), config.REDIS_PREFIX);
}

void main();
