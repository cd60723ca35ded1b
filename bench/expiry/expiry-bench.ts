// Idle expiry throughput: expired sessions closed per second by the chat service's sweeper, on each
// store (memory, SQLite, Redis, MySQL; two instances sharing the sweep on Redis and on MySQL),
// written to RESULTS.md.
//
//   node --conditions=@mpchat/source --import tsx bench/expiry/expiry-bench.ts
//
// Each scenario opens BENCH_SESSIONS sessions (default 20000, one message each) through the store
// port, dated two hours back so all are past the 1 h idle TTL, then times sweep rounds — the
// same `ChatService.sweep()` the timer runs: batches claimed and closed by the store, one `closed`
// event per session on the bus, transcripts deleted — until no session is left open. Redis runs on
// REDIS_URL (default redis://127.0.0.1:6379) under a unique key prefix deleted afterwards; MySQL on
// the machine's MariaDB/MySQL (MYSQL_TEST_URL, default root@127.0.0.1:3306) in a database dropped afterwards.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { chatOptionsFrom, ChatService, createAdapters, createEngine, loadConfig, type Adapters } from '@mpchat/server';
import { deleteKeys, testPrefix } from '@mpchat/testkit';
import { createTestDatabase } from '../../apps/server/src/adapters/mysql/testing/mysql-test-db.js';

const RESULTS = fileURLToPath(new URL('./RESULTS.md', import.meta.url));
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 20_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const TTL_MS = 3_600_000;
const log = pino({ level: 'silent' });
const dir = mkdtempSync(join(tmpdir(), 'mpchat-expiry-bench-'));

interface Instance {
  chat: ChatService;
  adapters: Adapters;
}

async function instance(env: Record<string, string>): Promise<Instance> {
  const config = loadConfig({ LOG_LEVEL: 'silent', SESSION_IDLE_TTL: '1h', SWEEP_INTERVAL: '1m', KB_CHUNK_DELAY_MS: '0', ...env });
  const adapters = await createAdapters(config, log);
  const engine = await createEngine(config, log);
  const chat = new ChatService({ ...adapters, engine, logger: log, options: chatOptionsFrom(config) });
  return { chat, adapters };
}

async function seed(i: Instance, n: number): Promise<void> {
  const then = Date.now() - 2 * TTL_MS;
  for (let k = 0; k < n; k += 200) {
    await Promise.all(
      Array.from({ length: Math.min(200, n - k) }, () =>
        i.adapters.store.appendTurn({ sessionId: crypto.randomUUID(), content: '你好', timestamp: '2023/11/03 15:30:00', now: then, maxPending: 8, maxLiveSessions: 1e7, maxTurns: 0 }),
      ),
    );
  }
}

/** Sweeps on every instance at once until nothing is open; sessions closed per second. */
async function measure(instances: Instance[]): Promise<number> {
  const store = instances[0]!.adapters.store;
  const started = performance.now();
  let closed = 0;
  await Promise.all(
    instances.map(async (i) => {
      while ((await store.liveSessions()) > 0) {
        const n = await i.chat.sweep();
        closed += n;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  if (closed !== SESSIONS) throw new Error(`closed ${closed} of ${SESSIONS}`);
  return closed / seconds;
}

async function scenario(name: string, envs: Record<string, string>[]): Promise<[string, number[]]> {
  const rates: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const prefix = testPrefix();
    const database = envs[0]!.STORE === 'mysql' ? await createTestDatabase() : undefined;
    const shared = { REDIS_PREFIX: prefix, SQLITE_PATH: join(dir, `${name}-${r}.db`), ...(database ? { MYSQL_URL: database.url } : {}) };
    const instances: Instance[] = [];
    for (const env of envs) instances.push(await instance({ ...shared, ...env }));
    await seed(instances[0]!, SESSIONS);
    rates.push(await measure(instances));
    for (const i of instances) {
      await i.chat.close(0);
      await Promise.all([i.adapters.queue.close(), i.adapters.bus.close()]);
      await i.adapters.store.close();
    }
    await deleteKeys(REDIS_URL, prefix);
    await database?.drop();
    process.stdout.write(`${name} round ${r + 1}: ${Math.round(rates.at(-1)!)} sessions/s\n`);
  }
  return [name, rates];
}

const scenarios: [string, Record<string, string>[]][] = [
  ['memory', [{ STORE: 'memory' }]],
  ['sqlite', [{ STORE: 'sqlite' }]],
  ['redis × 1', [{ STORE: 'redis', REDIS_URL }]],
  ['redis × 2', [{ STORE: 'redis', REDIS_URL }, { STORE: 'redis', REDIS_URL }]],
  ['mysql × 1', [{ STORE: 'mysql' }]],
  // Several MySQL instances share a Redis bus and queue (REDIS_URL set); the sweep's claims are MySQL's.
  ['mysql × 2', [{ STORE: 'mysql', REDIS_URL }, { STORE: 'mysql', REDIS_URL }]],
];
const results: [string, number[]][] = [];
for (const [name, envs] of scenarios) results.push(await scenario(name, envs));
rmSync(dir, { recursive: true, force: true });

const rows = results.map(([name, r]) => `| ${name} | ${Math.round(Math.max(...r))} | ${Math.round(Math.min(...r))} |`);
writeFileSync(
  RESULTS,
  `# Idle expiry throughput

Measured by \`bench/expiry/expiry-bench.ts\` on ${new Date().toISOString().slice(0, 10)}: ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'},
Node ${process.version}, Redis on the same machine. ${SESSIONS} sessions (one message each) opened
through the store port two hours back, past the 1 h idle TTL; then \`ChatService.sweep()\` — the
round the sweeper's timer runs — is called until no session is open, and the figure is sessions
closed ÷ wall time. A round closes batches of 500 (one store round trip each: a transaction on
SQLite, one Lua script on Redis, a \`FOR UPDATE SKIP LOCKED\` claim + UPDATE + DELETE in one
transaction on MySQL), publishes one \`closed\` event per session on the bus (Redis: a
stream entry each) and deletes the transcripts. "× 2": two services on one store sweeping at the
same time, both counted (MySQL × 2 shares events through Redis, as deployed). Best and worst of ${ROUNDS} rounds; target ≥ 5,000 sessions/s.

| store | sessions/s, best | sessions/s, worst |
| --- | --- | --- |
${rows.join('\n')}
`,
);
process.stdout.write(`${rows.join('\n')}\nwritten to ${RESULTS}\n`);
process.exit(0);
