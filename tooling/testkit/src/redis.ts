// Helpers for tests against real Redis: unique key prefixes that are deleted afterwards, and a
// private redis-server that a test may kill (the shared one on 6379 is never flushed or stopped).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';

/** The shared Redis of the test run (never flushed, never stopped). */
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A key prefix no other test uses: `mpchat-test:<random>:`. */
export const testPrefix = (): string => `mpchat-test:${crypto.randomUUID().slice(0, 8)}:`;

/** Deletes every key under `prefix` (SCAN + UNLINK; never FLUSHDB). */
export async function deleteKeys(url: string, prefix: string): Promise<number> {
  const r = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await r.connect();
    let n = 0;
    let cursor = '0';
    do {
      const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) n += await r.unlink(...keys);
    } while (cursor !== '0');
    return n;
  } finally {
    r.disconnect();
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(what: string, ok: () => Promise<boolean>, ms: number, proc?: ChildProcess): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (proc && proc.exitCode !== null) throw new Error(`${what}: process exited with ${proc.exitCode}`);
    if (await ok().catch(() => false)) return;
    await sleep(50);
  }
  throw new Error(`${what}: not ready after ${ms} ms`);
}

/**
 * A private redis-server on its own port that a test may kill and restart (the shared one on 6379
 * is never touched). It keeps an append-only file fsynced on every write, in a temp folder, so a
 * restart after SIGKILL keeps what was acknowledged — like a production Redis with AOF.
 */
export class PrivateRedis {
  private proc: ChildProcess | undefined;
  private readonly dir = mkdtempSync(join(tmpdir(), 'mpchat-redis-'));
  constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'yes', '--appendfsync', 'always', '--dir', this.dir];
    this.proc = spawn('redis-server', args, { stdio: 'ignore' });
    await waitFor(`redis-server :${this.port}`, () => ping(this.url), 10_000, this.proc);
  }

  /** SIGKILL: no shutdown, no save — an outage. */
  async kill(): Promise<void> {
    const p = this.proc;
    if (!p || p.exitCode !== null) return;
    const exited = new Promise((r) => p.once('exit', r));
    p.kill('SIGKILL');
    await exited;
  }

  /** SIGSTOP: Redis hangs with its connections open (commands time out instead of failing). */
  pause(): void {
    this.proc?.kill('SIGSTOP');
  }

  resume(): void {
    this.proc?.kill('SIGCONT');
  }

  async stop(): Promise<void> {
    this.resume();
    await this.kill();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

async function ping(url: string): Promise<boolean> {
  const r = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  r.on('error', () => undefined);
  try {
    await r.connect();
    return (await r.ping()) === 'PONG';
  } finally {
    r.disconnect();
  }
}
