import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../src/adapters/mysql/testing/mysql-test-db.js';
import { spawnServer, type ServerProcess, stopServer } from '@mpchat/testkit';
import { kbReplies } from './redis-servers.js';

// What the container image runs: the production folder made by the same script the Dockerfile
// calls, started with `node dist/main.js` and production dependencies only.
const run = promisify(execFile);
const SCRIPT = fileURLToPath(new URL('../scripts/deploy-folder.sh', import.meta.url));
const spec = readFileSync(new URL('../../../docs/spec/API.md', import.meta.url), 'utf8');
const curls = [...spec.matchAll(/```shell\n([\s\S]*?)```/g)].map((m) => m[1]!);
const QUESTION = '请问BGP协议实验ping不通怎么办?';

const tmp = mkdtempSync(join(tmpdir(), 'mpchat-deploy-'));
const folder = join(tmp, 'app');
let db: TestDatabase;

beforeAll(async () => {
  await run('sh', [SCRIPT, folder], { maxBuffer: 1 << 24 });
  db = await createTestDatabase();
}, 180_000);
afterAll(async () => {
  rmSync(tmp, { recursive: true, force: true });
  await db?.drop();
});

/** The spec's curl command as argv, with the host replaced by the server's. */
function argv(block: string, base: string): string[] {
  const method = /-X (\w+)/.exec(block)![1]!;
  const header = /-H "([^"]+)"/.exec(block)![1]!;
  const body = /-d '([\s\S]*?)'/.exec(block)?.[1];
  const url = /"?(https:\/\/api\.example\.com[^\s"]+)"?/.exec(block)![1]!.replace('https://api.example.com', base);
  return ['-sS', '-X', method, '-H', header, ...(body !== undefined ? ['-d', body] : []), url];
}

describe('the production folder (what the container image runs)', () => {
  it('is made by the same script in the Dockerfile', () => {
    const dockerfile = readFileSync(new URL('../../../Dockerfile', import.meta.url), 'utf8');
    expect(dockerfile).toMatch(/^RUN sh apps\/server\/scripts\/deploy-folder\.sh \/app$/m);
    expect(dockerfile).toMatch(/^CMD \["node", "dist\/main\.js"\]$/m);
  });

  it('holds the built server and production dependencies only', () => {
    for (const f of ['dist/main.js', 'kb', 'prompts', 'playground', 'node_modules/mysql2', 'node_modules/better-sqlite3', 'node_modules/@mpchat/contract/dist/index.js', 'node_modules/@mpchat/console/dist/index.html']) {
      expect(existsSync(join(folder, f)), f).toBe(true);
    }
    for (const f of ['src', 'test', 'node_modules/vitest', 'node_modules/typescript', 'node_modules/tsx', 'node_modules/@types', 'node_modules/vue', 'node_modules/echarts']) {
      expect(existsSync(join(folder, f)), f).toBe(false);
    }
  });

  it('holds exactly the versions pnpm-lock.yaml pins (deployed from the lockfile, not re-resolved)', () => {
    const lock = readFileSync(new URL('../../../pnpm-lock.yaml', import.meta.url), 'utf8');
    const section = lock.slice(lock.indexOf('\npackages:\n'), lock.indexOf('\nsnapshots:\n'));
    const pinned = new Set([...section.matchAll(/^  '?((?:@[^@/\s']+\/)?[^@\s']+)@([^(:'\s]+)/gm)].map((m) => `${m[1]}@${m[2]}`));
    expect(pinned.size).toBeGreaterThan(100);
    // Every package in the folder's store, `name@version[_peers]` with `/` as `+`, is one the lockfile pins.
    const installed = readdirSync(join(folder, 'node_modules/.pnpm'))
      .filter((d) => d !== 'node_modules' && !d.startsWith('lock') && !d.startsWith('@mpchat+'))
      .map((d) => /^(@?[^@]+)@([^_]+)/.exec(d)!.slice(1, 3).join('@').replace(/^(@[^+]+)\+/, '$1/'));
    expect(installed.length).toBeGreaterThan(50);
    expect(installed.filter((p) => !pinned.has(p))).toEqual([]);
    // The server's own dependencies are the importer's pinned versions.
    const importer = lock.slice(lock.indexOf('\n  apps/server:\n'), lock.indexOf('\n  apps/server:\n') + 6000);
    for (const dep of ['koa', 'ws', 'zod', 'mysql2', 'better-sqlite3', 'pino', 'opencc-js']) {
      const version = new RegExp(`\\n      '?${dep}'?:\\n        specifier: [^\\n]+\\n        version: ([^(\\s]+)`).exec(importer)?.[1];
      expect(JSON.parse(readFileSync(join(folder, 'node_modules', dep, 'package.json'), 'utf8')).version, dep).toBe(version);
    }
  });

  it('ships no TypeScript sources or tests of the workspace packages', () => {
    const contract = join(folder, 'node_modules/@mpchat/contract');
    expect(existsSync(join(contract, 'src'))).toBe(false);
    const files = readdirSync(contract, { recursive: true }).map(String);
    expect(files.filter((f) => /\.test\.|(^|\/)src\/|\.ts$/.test(f) && !f.endsWith('.d.ts'))).toEqual([]);
  });

  it.each([
    ['sqlite', () => ({ STORE: 'sqlite', SQLITE_PATH: join(tmp, 'data', 'mpchat.db') })],
    ['mysql', () => ({ STORE: 'mysql', MYSQL_URL: db.url, REDIS_URL: '' })],
  ])('answers the spec curl examples (send → receive → destroy) on %s', async (_store, env) => {
    const server: ServerProcess = await spawnServer({ ...env(), KB_CHUNK_DELAY_MS: '0', NODE_OPTIONS: '' }, 40_000, folder);
    try {
      const curl = async (i: number) => JSON.parse((await run('curl', argv(curls[i]!, server.url))).stdout);
      expect(await curl(0)).toEqual({ code: 200, message: 'ok', data: { seq: 1 } });
      await expect.poll(async () => (await curl(1)).code, { timeout: 10_000, interval: 50 }).toBe(200);
      const received = await curl(1);
      expect(received.data).toMatchObject({ sessionId: '80d5a793-0d16-4c15-9246-f6bc87e77ed6', seq: 1, status: 'completed' });
      expect(received.data.content).toBe((await kbReplies([QUESTION])).get(QUESTION));
      expect(await curl(2)).toEqual({ code: 200, message: 'session closed' });
      expect(await curl(1)).toMatchObject({ code: 410, error: 'SESSION_CLOSED' });
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    } finally {
      await stopServer(server);
    }
    expect(server.proc.exitCode).toBe(0);
  }, 90_000);
});
