#!/usr/bin/env node
// Reads the configuration from the environment, builds the adapters and listens.
import pino from 'pino';
import { createApp } from './app.js';
import { LocalBus } from './chat/local-bus.js';
import { LocalQueue } from './chat/local-queue.js';
import { ConfigError, loadConfig, type Config } from './config/config.js';
import { createEngine } from './engines/create-engine.js';
import { createStore } from './stores/create-store.js';

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
  const logger = pino({ level: config.LOG_LEVEL, base: { service: 'mpchat' } });
  let engine;
  let store;
  try {
    engine = await createEngine(config, logger);
    store = await createStore(config);
  } catch (err) {
    process.stderr.write(`mpchat: cannot start: ${(err as Error).message}\n`);
    process.exit(1);
  }
  const app = createApp({
    config,
    store,
    engine,
    bus: new LocalBus(),
    queue: new LocalQueue(config.GENERATION_CONCURRENCY),
    logger,
  });
  const address = await app.listen(config.PORT, config.HOST);
  logger.info({ port: address.port, host: address.address, store: store.kind, engine: engine.name }, `mpchat listening on http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${address.port}`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    app.close().then(
      () => {
        logger.info('bye');
        process.exit(0);
      },
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGHUP', () => {
    engine.reload?.().then(
      () => logger.info({ engine: engine.name }, 'engine reloaded'),
      (err: unknown) => logger.error({ err }, 'engine reload failed; keeping the previous data'),
    );
  });
}

void main();
